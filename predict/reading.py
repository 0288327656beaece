"""How a document's lines are read before scoring: a hard-wrapped paragraph is one text, a blank line none.

Why: the model learned from tools that write one block per line (html-text,
markdown converters). Plain dumps are often hard-wrapped instead: html2text's
command line, ``lynx -dump``, ``w3m -dump`` and ``pandoc -t plain`` break every
paragraph at 72 to 80 columns, and a broken paragraph's lines look like
menus (short, no full stop). On html2text's 78-column text of 200 WCXB pages
the packaged model's article word F1 fell from 0.907 to 0.758; read back
into paragraphs, 0.900 (docs/experiments.md, session 15). A blank line
carries no text and no labelled page has one; scored as a line, blank lines
cost 0.02 of word F1 on the same pages.

A page is read as wrapped at width ``W`` when its lines show a greedy
wrapper's mark: many lines end within :data:`BAND` characters short of ``W``
and almost none that could have been broken runs past it (lines that start a
list item, a heading or a table row, and lines with no space to break at,
are left out of that count: tools leave them unwrapped). Line ``i + 1`` then
continues line ``i`` when its first word would not have fitted on line
``i`` (``len(i) + 1 + len(word) > W``), it does not start a block, and it
is not a capitalised sentence after one that ended on line ``i`` (where no
blank line is kept, that is all that tells paragraphs apart). A
quarter of the page's continuations at least must start in lower case (a
wrapped sentence goes on; a list of items starts each one anew), else
nothing is joined. On
the labelled pages as html-text writes them nothing is joined; of
markdownify's renderings it joins lines on 23 pages, nearly all wrapped in
their page source itself.

Every line of a paragraph gets the paragraph's score; a blank line gets the
lower of the scores around it, so it is kept exactly when the lines on both
sides are (paragraphs stay apart in the output). The lines given are never
changed: joining only decides what is scored.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

__all__ = ["Reading", "read_lines", "text_lines", "wrap_width"]

BAND = 12
"""A wrapped line ends at most this many characters short of the width (a long word moved on)."""
NARROWEST, WIDEST = 40, 300
"""The wrap widths looked for."""
MIN_FULL_LINES = 5
"""Lines ending within the band below the width, at least."""
EDGE_RATIO = 4.0
"""The band must hold this many times more lines than the band just past the width (plus one)."""
MAX_OVERLONG = 0.05
"""Breakable lines longer than the width, at most this share of the lines at least half as long."""
MIN_LOWER = 0.25
"""Continuations that start in lower case, at least this share of them."""
LONGEST_TEXT = 20_000
"""Characters a joined paragraph may reach; a longer one goes on as a new text (bounds the work per text)."""

BLOCK_START = re.compile(r"(?:[*+\-•·‣◦o]\s|\d{1,3}[.)]\s|#{1,6}\s|\||```|!\[|\[!\[|(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$)")
"""A line (indentation removed) that starts a block: list item, heading, table row, fence, image, rule."""
_BLOCK_CHARS = frozenset("*+-•·‣◦o0123456789#|`![_=")
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
"""A line ending a sentence: followed by a capital, it may end a paragraph too (blank lines are not always kept)."""
QUOTE = re.compile(r"\s*(?:>\s?)+")


@dataclass(frozen=True)
class Reading:
    """One document as it is scored: ``texts`` in order, and the text each line belongs to (-1: blank)."""

    texts: list[str]
    unit: np.ndarray
    width: int | None = None
    """The wrap width the lines were read at; None when no line was joined to another."""

    def line_scores(self, text_scores: np.ndarray) -> np.ndarray:
        """Each line's score from its text's; a blank line gets the lower of its neighbours' (0 at an end)."""
        text_scores = np.asarray(text_scores, dtype=float)
        scores = np.zeros(len(self.unit))
        filled = self.unit >= 0
        scores[filled] = text_scores[self.unit[filled]]
        blank = np.flatnonzero(~filled)
        if len(blank) and filled.any():
            lines = np.flatnonzero(filled)
            after = np.searchsorted(lines, blank)
            before_score = np.where(after > 0, scores[lines[np.maximum(after - 1, 0)]], 0.0)
            after_score = np.where(after < len(lines), scores[lines[np.minimum(after, len(lines) - 1)]], 0.0)
            scores[blank] = np.minimum(before_score, after_score)
        return scores


def _first_word(text: str) -> str:
    words = text.split(None, 1)
    return words[0] if words else ""


def wrap_width(lengths: np.ndarray) -> int | None:
    """The width whose edge the line ``lengths`` pile up against, or None when they show none."""
    if len(lengths) < MIN_FULL_LINES:
        return None
    counts = np.bincount(np.minimum(lengths, WIDEST + BAND + 1), minlength=WIDEST + BAND + 2)
    upto = np.concatenate([[0], np.cumsum(counts)])
    widths = np.arange(NARROWEST, WIDEST + 1)
    band = upto[widths + 1] - upto[widths + 1 - BAND]
    past = upto[widths + 1 + BAND] - upto[widths + 1]
    best = int(np.argmax(band - EDGE_RATIO * past))
    if band[best] >= MIN_FULL_LINES and band[best] >= EDGE_RATIO * (past[best] + 1):
        return int(widths[best])
    return None


def _continuation(previous: str, line: str) -> str:
    """``line`` without its indentation, and without its quote marks when ``previous`` has them too."""
    quoted = QUOTE.match(line)
    if quoted and QUOTE.match(previous):
        line = line[quoted.end():]
    return line.lstrip()


def _joins(lines: Sequence[str], stripped: list[str], width: int) -> dict[int, str]:
    """The lines that continue the line before them when the page is wrapped at ``width``, each with the
    text it adds (see :func:`_continuation`)."""
    joins: dict[int, str] = {}
    lower, run = 0, 0
    for i in range(1, len(lines)):
        previous, line = stripped[i - 1], stripped[i]
        run += len(previous) + 1
        if not previous or not line or len(previous) > width or lines[i - 1].endswith("  "):
            run = 0  # a blank line, an overlong line, or a markdown hard break ends the paragraph
            continue
        body = _continuation(previous, line)
        if (len(previous) + 1 + len(_first_word(body)) > width and not BLOCK_START.match(body)
                and not (SENTENCE_END.search(previous) and body[:1].isupper())
                and run + len(body) <= LONGEST_TEXT):
            joins[i] = body
            lower += body[:1].islower()
        else:
            run = 0
    return joins if joins and lower >= MIN_LOWER * len(joins) else {}


def _joined(head: str, body: str) -> str:
    """A paragraph's text so far with its next line's ``body``; a word broken at its hyphen is rejoined whole."""
    head = head.rstrip()
    return head + ("" if head.endswith("-") and len(head) > 1 and head[-2].isalnum() else " ") + body


def _breakable(text: str) -> bool:
    """Whether a wrapper would have broken ``text`` (rstripped) if too long: it has a space, and starts no block."""
    body = text.lstrip()
    return " " in body and not (body[:1] in _BLOCK_CHARS and BLOCK_START.match(body))


def text_lines(lines: Sequence[str]) -> np.ndarray:
    """Mask of the lines that carry text, the ones :func:`read_lines` scores (not blank, nor only spaces)."""
    return np.fromiter((bool(line.strip()) for line in lines), dtype=bool, count=len(lines))


def read_lines(lines: Sequence[str], unwrap: bool = True) -> Reading:
    """How ``lines`` are scored: non-blank lines, hard-wrapped paragraphs joined when ``unwrap``."""
    stripped = list(map(str.rstrip, lines))
    lengths = np.fromiter(map(len, stripped), dtype=np.int64, count=len(stripped))
    joins: dict[int, str] = {}
    width = None
    if unwrap:
        long_enough = np.flatnonzero(lengths > NARROWEST - BAND)  # shorter lines reach no width's band
        breakable = lengths[[i for i in long_enough.tolist() if _breakable(stripped[i])]]
        width = wrap_width(breakable) if len(breakable) else None
        if width is not None:
            half = int(np.count_nonzero(lengths >= width / 2))
            overlong = sum(1 for i in np.flatnonzero(lengths > width).tolist()
                           if _breakable(stripped[i]) and " " in stripped[i].lstrip()[:width])
            joins = _joins(lines, stripped, width) if overlong <= MAX_OVERLONG * half else {}
    filled = lengths > 0  # rstripped, a line of spaces is empty
    starts = filled.copy()
    starts[list(joins)] = False
    unit = np.where(filled, np.cumsum(starts) - 1, -1)
    if not joins:
        return Reading(list(lines) if filled.all() else [line for line, full in zip(lines, filled.tolist()) if full],
                       unit)
    texts: list[str] = []
    for i, (line, start) in enumerate(zip(lines, starts.tolist())):
        if start:
            texts.append(line)
        elif i in joins:
            texts[-1] = _joined(texts[-1], joins[i])
    return Reading(texts, unit, width)
