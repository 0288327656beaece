"""Which lines of a page to keep, given their content probabilities: the same rules for every caller.

Most pages are cut at the model's threshold (0.5). A page the model cannot
read loses most of its content that way: the items of a listing or a
collection score 0.2 to 0.6, like an article's junk tail, and model 0.14.0
kept less of a listing page than keeping everything would. Yet the scores
still say how much of such a page is content. With calibrated scores, the
cut that maximises a page's expected F1 is half that best expected F1
(Lipton, Elkan and Naryanaswamy, "Optimal thresholding of classifiers to
maximize F1 measure", 2014), so a page whose best expected F1 falls below
``uncertain_page_f1`` is cut there instead: always lower than the threshold,
it keeps more. Pages the model reads with confidence keep the threshold: on
them the F1-optimal cut lost realpages and snippet F1 (their scores are
less well calibrated), see docs/experiments.md, session 14.

Expected F1 weighs each line by its length in characters, a cheap stand-in
for the words the figures count, a line counting as at most ``OUTLIER_FACTOR``
times the page's second-longest: a flattened dropdown scored 0.7 would
otherwise hold most of the page's weight, make it look certain, and raise
the cut over every article paragraph the model was unsure of. No cut goes
below :data:`LOWEST_CUT`, so a page of nothing but junk (every score near 0,
best expected F1 near 0) is not kept whole.

A page can hold its article twice: a "republish this story" box, a second
rendering of the same block, tabs that repeat one. The model scores both
copies alike, while the article is there once; the second copy of a kept
block is dropped (:func:`later_copies`): a kept line of three words or more that
repeats an earlier kept line, with the line before or after it repeating
the one beside that earlier copy. A line repeated on its own (a table
header, a note under every code tab) is kept each time.

A page's headline is short, title-cased and unpunctuated, like the related
headlines of its junk tail, and the model drops it on most article pages.
Unlike those, its words come back in the article, and the page's first line
(a scraped ``<title>``) often echoes it. A model since 0.17.0 holds a
ranker of the lines that could head the page
(:mod:`predict.features.title_candidates`), and its best candidate is kept
when the ranker gives it :data:`HEADLINE_PROBABILITY` or more
(:func:`ranked_headlines`). Older models keep the line a fixed rule finds
above the first kept paragraph (:func:`page_headline`).
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from predict.features.headline import LONG_WORD
from predict.features.kernels.documents import capped_outliers
from predict.features.title_candidates import (ECHOED, HEADLINE_WORDS, OPENING_LINES, first_paragraph, shown_words,
                                               title_candidates)

__all__ = ["DEFAULT_THRESHOLD", "HEADLINE_PROBABILITY", "LOWEST_CUT", "MIN_COPY_WORDS", "UNCERTAIN_PAGE_F1",
           "best_expected_f1", "later_copies", "page_headline", "page_threshold", "ranked_headlines"]

DEFAULT_THRESHOLD = 0.5
UNCERTAIN_PAGE_F1 = 0.6
"""Pages whose best expected F1 is below this are cut for F1 (chosen on one fold set, checked on three others)."""
LOWEST_CUT = 0.2
"""No line scoring under this is kept by the page rule (on the labelled pages, no cut it chose was lower)."""
MIN_COPY_WORDS = 3
"""A repeated kept line shorter than this (in whitespace-separated words) is never dropped as a copy."""


def best_expected_f1(lengths: np.ndarray, scores: np.ndarray) -> float:
    """The highest expected F1 (weighted by ``lengths``) that keeping a page's best-scoring lines can reach.

    Keeping the ``k`` highest scores expects ``sum(p·w)`` over them as true
    content, against ``sum(w)`` kept and ``sum(p·w)`` over the page as all
    content; F1 is taken as the ratio of those expectations. 1.0 for an
    empty page.
    """
    if len(scores) == 0:
        return 1.0
    order = np.argsort(-scores, kind="stable")
    content = scores * lengths
    expected = 2 * np.cumsum(content[order]) / (np.cumsum(lengths[order]) + content.sum())
    return float(expected.max())


def page_threshold(lines: Sequence[str], scores: np.ndarray, threshold: float = DEFAULT_THRESHOLD,
                   uncertain_page_f1: float | None = None) -> float:
    """The cut for one page: ``threshold``, or lower on a page the model is unsure of (see the module).

    ``uncertain_page_f1=None`` turns the page rule off: every page is cut at ``threshold``.
    """
    if uncertain_page_f1 is None:
        return threshold
    lengths = np.maximum(np.fromiter(map(len, lines), dtype=np.float64, count=len(lines)), 1.0)
    lengths = capped_outliers(lengths, np.array([0, len(lines)]), 0.0)  # one line does not decide the page
    best = best_expected_f1(lengths, np.asarray(scores, dtype=np.float64))
    if best >= uncertain_page_f1:
        return threshold
    return min(threshold, max(best / 2, LOWEST_CUT))


def later_copies(lines: Sequence[str], keep: np.ndarray) -> np.ndarray:
    """Mask of the kept lines that are a later copy of a kept block (see the module), and of the blank lines beside them.

    Lines are compared without their surrounding whitespace. The first kept
    occurrence of a line stays; a later kept one of :data:`MIN_COPY_WORDS`
    words or more is a copy when its previous or next non-blank line equals
    the line on the same side of that first occurrence. Blank lines are
    skipped in that comparison; those next to a copy are in the mask too, so
    that dropping the copy leaves one gap, not two.
    """
    copies = np.zeros(len(lines), dtype=bool)
    kept = [text for text in (lines[row].strip() for row in np.flatnonzero(keep)) if text]
    if len(set(kept)) == len(kept):  # most pages: no kept line repeats
        return copies
    texts = [line.strip() for line in lines]
    rows = [i for i, text in enumerate(texts) if text]  # the non-blank lines, in order
    first: dict[str, int] = {}
    for place, row in enumerate(rows):
        if not keep[row]:
            continue
        earlier = first.setdefault(texts[row], place)
        if earlier == place or len(texts[row].split(None, MIN_COPY_WORDS - 1)) < MIN_COPY_WORDS:
            continue
        for step in (-1, 1):
            mine, theirs = place + step, earlier + step
            if mine in (earlier, len(rows)) or theirs in (-1, place):  # the two copies must not touch
                continue
            if texts[rows[mine]] == texts[rows[theirs]]:
                copies[row] = True
                break
    for before, after in zip(rows, rows[1:]):  # and the blank lines beside a copy, so no gap is left twice
        if copies[before] or copies[after]:
            copies[before + 1 : after] = True
    if rows and copies[rows[-1]]:
        copies[rows[-1] + 1 :] = True
    return copies


HEADLINE_PROBABILITY = 0.05
"""A page's best headline candidate is kept when the ranker gives it this or more (on held-out WCXB sites, 0.0
kept a quarter more wrong lines and 0.1 missed more headlines: docs/experiments.md, session 21)."""


def ranked_headlines(pages: Sequence[tuple[Sequence[str], np.ndarray, np.ndarray]], ranker: Any) -> list[int | None]:
    """Per page, given as (lines, keep mask, scores): the row of its headline to keep, or None.

    The candidates of every page (:func:`predict.features.title_candidates.title_candidates`)
    are ranked in one call of ``ranker.predict_proba``; a page's best one is
    its headline when its probability reaches :data:`HEADLINE_PROBABILITY`.
    None when it has none, or when the best is kept already.
    """
    rows, columns = title_candidates(pages)
    if not len(columns):
        return [None] * len(pages)
    proba = ranker.predict_proba(columns)[:, 1]
    headlines: list[int | None] = []
    for page_rows, (_, keep, _), end in zip(rows, pages, np.cumsum(list(map(len, rows)))):
        page = proba[end - len(page_rows) : end]
        best = page_rows[int(page.argmax())] if len(page_rows) and page.max() >= HEADLINE_PROBABILITY else None
        headlines.append(None if best is None or keep[best] else int(best))
    return headlines


HEADLINE_REACH = 20
"""How many non-blank lines above the first kept paragraph a headline may be (bylines, dates, share lines
and tables of contents come between)."""
ECHOED_REACH = 40
"""How far up a headline that the page's first line echoes may be."""
HEADLINE_SHARE = 0.5
"""The share of a headline's long words that the opening of the kept text must hold."""


def page_headline(lines: Sequence[str], keep: np.ndarray) -> int | None:
    """The index of the page's dropped headline by the rule of models without a ranker (see the module), or None.

    The article starts at the first kept line of ``PARAGRAPH_WORDS`` words, and
    long words have ``LONG_WORD`` characters: the measures the headline columns
    use (:mod:`predict.features.headline`). A headline has :data:`HEADLINE_WORDS`
    words and :data:`HEADLINE_SHARE` or more of its long words in the article's
    opening (the first :data:`OPENING_LINES` kept lines from the first paragraph
    on; found as substrings, one fast scan each, so "storm" counts in "storms").
    It is one of the :data:`HEADLINE_REACH` non-blank lines above the first kept
    paragraph, or of the :data:`ECHOED_REACH` if the page's first non-blank line
    echoes it: a scraper puts the ``<title>`` there. Only that line echoes; the
    page's next few lines are often its menu, whose entries come back in the
    menu's second copy nearer the article. The echoed one comes first, then
    one not ending in a full stop (a standfirst does), then the one sharing
    most long words, then the nearest. None when there is none, or when it is
    kept already. Words are those a reader sees: a markdown link's text, not
    its target, and no bare URL.
    """
    first = first_paragraph(lines, keep)
    if first is None:
        return None
    kept_rows = np.flatnonzero(keep).tolist()
    above = []  # (distance, row, long words) of the non-blank lines above the first paragraph that could head it
    for distance, row in enumerate(row for row in range(first - 1, -1, -1) if lines[row].strip()):
        if distance == ECHOED_REACH:
            break
        if len(lines[row].split(None, 2 * HEADLINE_WORDS[1])) > 2 * HEADLINE_WORDS[1]:
            continue  # far too long to be a headline, even counting a link's target as words
        words = shown_words(lines[row])
        long_words = {word for word in words if len(word) >= LONG_WORD}
        if HEADLINE_WORDS[0] <= len(words) <= HEADLINE_WORDS[1] and len(long_words) >= 2:
            above.append((distance, row, long_words))
    if not above:
        return None
    opening = kept_rows[kept_rows.index(first):][:OPENING_LINES]
    text = " ".join(lines[row] for row in opening).lower()  # a word is found in it as a substring: one C scan each
    top = next(((row, set(words)) for row in range(first) if (words := shown_words(lines[row]))), None)
    best, best_rank = None, None
    for distance, row, long_words in above:
        shared = sum(word in text for word in long_words)
        if shared < HEADLINE_SHARE * len(long_words):
            continue
        echoed = top is not None and top[0] < row and len(long_words & top[1]) >= ECHOED * len(long_words)
        if not echoed and distance >= HEADLINE_REACH:
            continue
        rank = (echoed, not lines[row].rstrip().endswith("."), shared)
        if best_rank is None or rank > best_rank:
            best, best_rank = row, rank
    return None if best is None or keep[best] else best
