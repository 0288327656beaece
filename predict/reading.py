"""How a document's lines are read before scoring: a hard-wrapped paragraph is one text, a blank line none.

The model learned from tools that write one block per line. Plain-text dumps
(html2text's command line, ``lynx -dump``, ``w3m -dump``, ``pandoc -t plain``)
break every paragraph at a fixed width instead, and a broken paragraph's lines
look like a menu: short, no full stop. :func:`read_lines` finds the width a
page was wrapped at from where its lines pile up against an edge, joins each
wrapped paragraph into one text to score, and gives every line its text's
score; a blank line is not scored (no labelled page has one) and is kept
exactly when the lines on both sides are. The lines themselves are never
changed. The rules and what they gain: docs/how-it-works.md, "Reading the text".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from predict.metadata import metadata_lines

__all__ = ["Reading", "clip_lines", "read_lines", "split_lines", "text_lines", "wrap_width"]

BAND = 12
"""A wrapped line ends at most this many characters short of the width (a long word moved on)."""
NARROWEST, WIDEST = 40, 300
"""The wrap widths looked for."""
MIN_FULL_LINES = 5
"""Lines ending within the band below the width, at least."""
EDGE_RATIO = 4.0
"""The band must hold this many times more lines than the band just past the width (plus one)."""
EDGE = 4
"""Once a band is found, the width is set at most ``BAND`` below it where the top ``EDGE`` lengths hold most
lines (less EDGE_RATIO for each line past it; the band's own width on a tie): the band's low end lies in the
thin tail of the lengths, where it trades lines a few columns past the edge (lynx wraps its headings wider
than its paragraphs) for as few lines of the pile."""
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
_END_CHARS = frozenset(".!?…\"'”’)]")
"""The characters SENTENCE_END can end on (a cheap test before the pattern's)."""
QUOTE = re.compile(r"\s*(?:>\s?)+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """A text's lines, split at CRLF, lone CR and LF only; a final line break does not start an empty line.

    Every caller splits this way (the command line, JSON Lines records, :meth:`predict.model.JunkFilter.filter_text`,
    Dask, datatrove), so a text gives the same lines whichever way it comes in. The other breaks
    :meth:`str.splitlines` knows (form feed, U+2028, U+0085...) stay inside a line, so line numbers match
    what an editor shows, and the JSON outputs escape them.
    """
    if not text:
        return []
    lines = _LINE_BREAK.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines


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
    widths = _band_and_edge(lengths)
    return None if widths is None else widths[1]


def _band_and_edge(lengths: np.ndarray) -> tuple[int, int] | None:
    """The width of the band the line ``lengths`` pile up in, and the edge of that pile (see :data:`EDGE`)."""
    if len(lengths) < MIN_FULL_LINES:
        return None
    counts = np.bincount(np.minimum(lengths, WIDEST + BAND + 1), minlength=WIDEST + BAND + 2)
    upto = np.concatenate([[0], np.cumsum(counts)])
    widths = np.arange(NARROWEST, WIDEST + 1)
    band = upto[widths + 1] - upto[widths + 1 - BAND]
    past = upto[widths + 1 + BAND] - upto[widths + 1]
    best = int(np.argmax(band - EDGE_RATIO * past))
    if band[best] < MIN_FULL_LINES or band[best] < EDGE_RATIO * (past[best] + 1):
        return None
    low, high = max(best - BAND, 0), best + 1
    ends = upto[NARROWEST + low + 1:NARROWEST + high + 1]
    edge = ends - upto[NARROWEST + low + 1 - EDGE:NARROWEST + high + 1 - EDGE] - EDGE_RATIO * past[low:high]
    return int(widths[best]), int(widths[best if edge[best - low] >= edge.max() else low + int(np.argmax(edge))])


def _continuation(previous: str, line: str) -> str:
    """``line`` without its indentation, and without its quote marks when ``previous`` has them too."""
    quoted = QUOTE.match(line)
    if quoted and QUOTE.match(previous):
        line = line[quoted.end():]
    return line.lstrip()


def _one_word(text: str) -> bool:
    """Whether ``text`` (rstripped) past its indentation and quote marks is one word: too long for the
    width, a wrapper could not break it (html2text leaves a long link's URL whole on a line of its own)."""
    quoted = QUOTE.match(text)
    return " " not in (text[quoted.end():] if quoted else text).lstrip()


def _blank_line_paragraphs(stripped: list[str], width: int) -> bool:
    """Whether blank lines end the page's paragraphs: more lines that end a sentence come before a blank
    line than before a capitalised line whose first word would have fitted after them (a paragraph's
    end where no blank line is kept)."""
    spaced = tight = 0
    for previous, line in zip(stripped, stripped[1:]):
        if previous[-1:] in _END_CHARS and SENTENCE_END.search(previous):
            if not line:
                spaced += 1
            else:
                body = line.lstrip()
                tight += (body[:1].isupper() and len(previous) + 1 + len(_first_word(body)) <= width
                          and not BLOCK_START.match(body))
    return spaced > tight


def _goes_on(stripped: list[str], i: int, width: int) -> bool:
    """Whether line ``i`` reads as more of a paragraph: it ends a sentence or a lead-in (``:``), or the line
    after it continues it. A new block of its own after a full line ("Read more", a caption, a date) does
    neither."""
    line = stripped[i]
    if line[-1] in _END_CHARS and SENTENCE_END.search(line) or line[-1] == ":":
        return True
    after = stripped[i + 1].lstrip() if i + 1 < len(stripped) else ""
    return bool(after) and len(line) + 1 + len(_first_word(after)) > width and not BLOCK_START.match(after)


def _joins(lines: Sequence[str], stripped: list[str], width: int) -> dict[int, str]:
    """The lines that continue the line before them when the page is wrapped at ``width``, each with the
    text it adds (see :func:`_continuation`)."""
    joins: dict[int, str] = {}
    lower, run = 0, 0
    spaced: bool | None = None  # whether blank lines end paragraphs, worked out when first needed
    for i in range(1, len(lines)):
        previous, line = stripped[i - 1], stripped[i]
        run += len(previous) + 1
        if (not previous or not line or lines[i - 1].endswith("  ")
                or (len(previous) > width and not _one_word(previous))):
            run = 0  # a blank line, a markdown hard break, or an overlong line that could have been broken
            continue
        body = _continuation(previous, line)
        if (len(previous) + 1 + len(_first_word(body)) > width and not BLOCK_START.match(body)
                and run + len(body) <= LONGEST_TEXT):
            if body[:1].isupper() and SENTENCE_END.search(previous):
                if spaced is None:
                    spaced = _blank_line_paragraphs(stripped, width)
                if not spaced or not _goes_on(stripped, i, width):
                    run = 0  # a sentence's end that may be a paragraph's too
                    continue
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


def _few_overlong(stripped: list[str], lengths: np.ndarray, width: int) -> bool:
    """Whether at most MAX_OVERLONG of the lines at least half as long as ``width`` run past it and could
    have been broken before it. Lines left whole by their tool are not counted: list items, headings and
    the like (:func:`_breakable`), a word too long for the width, and a line with `` | `` in it (html2text
    does not wrap a table row, nor any paragraph holding one)."""
    most = MAX_OVERLONG * int(np.count_nonzero(lengths >= width / 2))
    overlong = 0
    for i in np.flatnonzero(lengths > width).tolist():
        text = stripped[i]
        if " | " not in text and _breakable(text) and " " in text.lstrip()[:width]:
            overlong += 1
            if overlong > most:
                return False
    return True


def clip_lines(lines: list[str], max_chars: int | None) -> tuple[list[str], int]:
    """The lines cut to ``max_chars`` characters (None: not cut), and how many were cut."""
    if max_chars is None or not lines or max(map(len, lines)) <= max_chars:
        return lines, 0
    clipped = [line[:max_chars] for line in lines]
    return clipped, sum(len(line) > max_chars for line in lines)


def text_lines(lines: Sequence[str]) -> np.ndarray:
    """Mask of the lines that carry text, the ones the model scores: not blank, nor only spaces, nor part of a
    converter's metadata block (:func:`predict.metadata.metadata_lines`)."""
    text = np.fromiter((bool(line.strip()) for line in lines), dtype=bool, count=len(lines))
    return text & ~metadata_lines(lines)


def read_lines(lines: Sequence[str], unwrap: bool = True) -> Reading:
    """How ``lines`` are scored: non-blank lines, hard-wrapped paragraphs joined when ``unwrap``."""
    stripped = list(map(str.rstrip, lines))
    lengths = np.fromiter(map(len, stripped), dtype=np.int64, count=len(stripped))
    joins: dict[int, str] = {}
    width = None
    if unwrap:
        long_enough = np.flatnonzero(lengths > NARROWEST - BAND)  # shorter lines reach no width's band
        breakable = lengths[[i for i in long_enough.tolist() if _breakable(stripped[i])]]
        widths = _band_and_edge(breakable) if len(breakable) else None
        # The band's width decides whether the page is read as wrapped at all; the edge is where its
        # lines are joined, unless it leaves too many lines past it.
        if widths is not None and _few_overlong(stripped, lengths, widths[0]):
            band_width, edge = widths
            width = edge if edge == band_width or _few_overlong(stripped, lengths, edge) else band_width
            joins = _joins(lines, stripped, width)
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
