"""The lines that could be a page's headline, each described by what tells the headline from the others.

Why: the model drops a page's headline on most article pages (it is short,
title-cased and unpunctuated, like the junk tail's related headlines), and
a fixed rule that takes it back (echoed by the page's first line, then not
ending in a full stop, then sharing the most words with the article) found
it on 85% of WCXB article pages. What it missed were rankings a rule cannot
weigh: a section label or a standfirst that shares as many words, a
headline more than 40 lines up, or one below a kept notice. So every
headline-shaped line near the start of the article is a candidate, and a
ranker learned from labelled pages (:func:`predict.stages.headline.make_headline_ranker`)
weighs these columns; :mod:`predict.decision` keeps its choice.

The columns come from a line's words (how many, how many of them the
article's opening and its first paragraph hold, how much of the page's first
line, a scraped ``<title>``, they echo), its shape (capitals, a full stop,
a markdown heading mark, a separator as in "Headline | Site"), its place
(lines above or below the first kept paragraph, its rank among the
candidates) and the model's scores of it and of its neighbours; eight of them
are also given against the page's best candidate, since the headline is the
best of its page, not the best of all pages.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from typing import Sequence

import numpy as np

from predict.features.headline import BODY_WORDS as PARAGRAPH_WORDS
from predict.features.headline import LONG_WORD
from predict.features.kernels.documents import doc_reduce
from predict.features.markdown import LINK
from predict.features.relation import rank_in_document

__all__ = ["CANDIDATE_COLUMNS", "PARAGRAPH_WORDS", "first_paragraph", "main_paragraph", "shown_words",
           "title_candidates"]

LINES_ABOVE = 80
"""How many non-blank lines above the first kept paragraph are candidates."""
LINES_BELOW = 10
"""How many non-blank lines below it are (a kept notice or breadcrumb can come before the headline)."""
MAIN_GAP = 3
"""Kept lines more than this many non-blank lines apart belong to different runs (:func:`main_paragraph`)."""
MAIN_ABOVE, MAIN_BELOW = 20, 3
"""When the page's main run starts elsewhere, the non-blank lines this far above and below its first paragraph
are candidates too: a kept teaser or notice above the article no longer hides its headline."""
HEADLINE_WORDS = (2, 30)
"""A candidate's length in words, both ends included."""
OPENING_LINES = 30
"""The kept lines from the first paragraph on whose words a candidate shares: its article's opening."""
OPENING_CHARS = 3000
"""Of those lines (and of the first paragraph), the first this many characters are searched: about 500 words
(each long word of each candidate is one search, a C scan of them)."""
ECHOED = 0.8
"""The share of a candidate's long words the page's first line must hold for it to count as echoed."""
_WORD = re.compile(r"\w+")
_URL = re.compile(r"\S+://\S*")
_SEPARATOR = re.compile(r" [|\-–—:] ")

_OWN = ("below", "distance", "share", "shared", "echo", "echoed", "is_top", "full_stop", "words", "long_words",
        "score", "kept", "heading", "capitals", "repeats", "separator", "next_score", "previous_score", "next_kept",
        "lede", "characters", "upper", "row", "top_cover")
_RELATIVE = ("echo", "share", "score", "long_words", "capitals", "shared", "lede", "top_cover")
_PAGE = ("order", "best_share", "candidates", "echo_order", "nearest_echo", "echoed_candidates", "score_rank")
CANDIDATE_COLUMNS = (*_OWN, *_PAGE, *(f"{name}_vs_best" for name in _RELATIVE))
"""The names of the columns :func:`title_candidates` returns, in order."""


def shown_words(line: str) -> list[str]:
    """The lower-cased words of a line as a reader sees it: a markdown link's text without its target, no URL."""
    if "](" in line:
        line = LINK.sub(r"\2", line)
    if "://" in line:
        line = _URL.sub(" ", line)
    return _WORD.findall(line.lower())


def _is_paragraph(line: str) -> bool:
    """Whether ``line`` has more than ``PARAGRAPH_WORDS`` words and a reader sees that many (the measure of the
    headline columns, :mod:`predict.features.headline`)."""
    return len(line.split(None, PARAGRAPH_WORDS)) > PARAGRAPH_WORDS and len(shown_words(line)) >= PARAGRAPH_WORDS


def first_paragraph(lines: Sequence[str], keep: np.ndarray) -> int | None:
    """The first kept paragraph (:func:`_is_paragraph`): where the article starts. None when none is kept."""
    return next((row for row in np.flatnonzero(keep).tolist() if _is_paragraph(lines[row])), None)


def main_paragraph(lines: Sequence[str], kept_rows: Sequence[int], place: dict[int, int]) -> int | None:
    """The first paragraph (:func:`_is_paragraph`) of the page's main run of kept lines: the run,
    of kept non-blank lines (``kept_rows`` in order, ``place``: each non-blank row's index among them) at most
    :data:`MAIN_GAP` apart, with the most characters from its first paragraph on. None when no run holds a
    paragraph."""
    best, best_chars, start, chars, last = None, -1, None, 0, None
    for row in kept_rows:
        if row not in place:
            continue  # a kept blank line
        if last is not None and place[row] - place[last] > MAIN_GAP:
            if chars > best_chars:
                best, best_chars = start, chars
            start, chars = None, 0
        if start is None and _is_paragraph(lines[row]):
            start = row
        if start is not None:
            chars += len(lines[row].strip())
        last = row
    return start if start is not None and chars > best_chars else best


def title_candidates(pages: Sequence[tuple[Sequence[str], np.ndarray, np.ndarray]]
                     ) -> tuple[list[np.ndarray], np.ndarray]:
    """Per page, given as (lines, keep mask, scores), the rows of its candidate headlines; and one table of
    their :data:`CANDIDATE_COLUMNS`, the pages' candidates one after another.

    A page's keep mask is the one before any headline is added, its scores
    the model's content probabilities. A candidate is one of the
    :data:`LINES_ABOVE` non-blank lines above the first kept paragraph or of
    the :data:`LINES_BELOW` below it, or of the :data:`MAIN_ABOVE` above and
    :data:`MAIN_BELOW` below the first paragraph of the page's main run
    (:func:`main_paragraph`), with :data:`HEADLINE_WORDS` words and two long
    ones; a page with no kept paragraph has none.
    """
    found = [_own_columns(lines, keep, scores) for lines, keep, scores in pages]
    rows = [np.asarray(page_rows, dtype=np.int64) for page_rows, _ in found]
    own = [row for _, page_own in found for row in page_own]
    if not own:
        return rows, np.zeros((0, len(CANDIDATE_COLUMNS)))
    table = np.asarray(own, dtype=np.float64)
    return rows, np.column_stack([table, _page_columns(table, np.r_[0, np.cumsum(list(map(len, rows)))])])


def _own_columns(lines: Sequence[str], keep: np.ndarray, scores: np.ndarray) -> tuple[list[int], list[tuple]]:
    """One page's candidate rows and the columns each has of its own (:data:`_OWN`)."""
    first = first_paragraph(lines, keep)
    if first is None:
        return [], []
    kept_rows = np.flatnonzero(keep).tolist()
    opening = " ".join(lines[row] for row in kept_rows[kept_rows.index(first):][:OPENING_LINES])[:OPENING_CHARS].lower()
    lede = lines[first][:OPENING_CHARS].lower()  # a word is looked for in these as a substring, "storm" in "storms"
    stripped = list(map(str.strip, lines))
    nonblank = [row for row, text in enumerate(stripped) if text]
    place = {row: i for i, row in enumerate(nonblank)}
    top = next(((row, {w for w in words if len(w) >= LONG_WORD}) for row in nonblank[:place[first]]
                if (words := shown_words(lines[row]))), None)
    repeats = Counter(stripped)
    above = nonblank[max(place[first] - LINES_ABOVE, 0):place[first]][::-1]
    below = nonblank[place[first] + 1:place[first] + 1 + LINES_BELOW]
    kept, score = keep.tolist(), np.asarray(scores, dtype=np.float64).tolist()  # Python scalars: read one by one
    window = [*((d, r) for d, r in enumerate(above, 1)), *((-d, r) for d, r in enumerate(below, 1))]
    main = main_paragraph(lines, kept_rows, place)
    if main is not None and main != first:
        seen = {row for _, row in window} | {first}
        near_main = nonblank[max(place[main] - MAIN_ABOVE, 0):place[main] + 1 + MAIN_BELOW]
        window += [(place[first] - place[row], row) for row in near_main if row not in seen]
    top_words = top[1] if top is not None else set()
    rows, own = [], []
    for distance, row in window:
        text = stripped[row]
        tokens = text.split(None, 2 * HEADLINE_WORDS[1])
        if not HEADLINE_WORDS[0] <= len(tokens) <= 2 * HEADLINE_WORDS[1]:
            continue  # one word, or far too long to be a headline even counting a link's target as words
        words = shown_words(text)
        long_words = {word for word in words if len(word) >= LONG_WORD}
        if not (HEADLINE_WORDS[0] <= len(words) <= HEADLINE_WORDS[1] and len(long_words) >= 2):
            continue
        shared = sum(word in opening for word in long_words)
        echoes = len(long_words & top_words)
        echo = echoes / len(long_words) if top is not None and top[0] < row else 0.0
        i = place[row]
        after = nonblank[i + 1] if i + 1 < len(nonblank) else None
        before = nonblank[i - 1] if i > 0 else None
        rows.append(row)
        own.append((
            distance < 0, math.copysign(math.log1p(abs(distance)), distance), shared / len(long_words),
            math.log1p(shared), echo, echo >= ECHOED, top is not None and top[0] == row, text.endswith("."),
            math.log1p(len(words)), len(long_words), score[row], kept[row], text.startswith("#"),
            sum(token[:1].isupper() for token in tokens) / len(tokens), math.log1p(repeats[text] - 1),
            _SEPARATOR.search(text) is not None, score[after] if after is not None else 0.0,
            score[before] if before is not None else 0.0, after is not None and kept[after],
            sum(word in lede for word in long_words) / len(long_words), math.log1p(len(text)), text.isupper(),
            math.log1p(row), echoes / max(len(top_words), 1),
        ))
    return rows, own


def _page_columns(table: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """The columns that place each candidate among its page's (``bounds``: where each page's rows start and the
    last ends): ranks, counts, and the gaps to the page's best, for every page of the batch at once."""
    column = {name: table[:, i] for i, name in enumerate(_OWN)}
    page = np.repeat(np.arange(len(bounds) - 1), np.diff(bounds))

    def rank(values: np.ndarray, among: np.ndarray) -> np.ndarray:
        """Each row's rank by ``values`` among its page's rows in ``among`` (from 0), -1 outside them."""
        return np.where(among, rank_in_document(page, ~among, values), -1.0)

    above = column["distance"] > 0
    echo_order = rank(column["distance"], above & (column["echoed"] > 0))
    columns = [rank(column["distance"], above), column["share"] >= doc_reduce(column["share"], bounds, np.maximum),
               np.log1p(doc_reduce(np.ones(len(page)), bounds)), echo_order, echo_order == 0,
               doc_reduce(column["echoed"], bounds), rank(-column["score"], np.ones(len(page), dtype=bool))]
    columns += [column[name] - doc_reduce(column[name], bounds, np.maximum) for name in _RELATIVE]
    return np.column_stack(columns).astype(np.float64)
