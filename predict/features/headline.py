"""Where a page's headline is: a short line that echoes the top of its page and shares the article's words.

Why: a headline is short, title-cased and unpunctuated, as are the related
headlines of the junk tail, so the line's own features and its neighbours'
scores drop it (kept on about a fifth of WCXB article pages). Two things set
it apart from the tail. Its words come back in the article (of WCXB article
pages' headlines, 95% have half or more of their long words in the page's
likely body, against half of the junk lines), and it repeats a line at the
top of the page (a scraped ``<title>``, "Headline | Site"): 68% do, against
3% of the junk above the article. These columns, computed from the first
stage's scores, let the stacked stage read both, with the line's distance
to where the body starts.
"""
from __future__ import annotations

import numpy as np

from predict.features.kernels.documents import distinct, doc_reduce, line_positions
from predict.features.kernels.tokens import tokenise

BODY_SCORE = 0.5
BODY_WORDS = 12
"""A line of this many words that the first stage scores ``BODY_SCORE`` or more is taken as likely body."""
LONG_WORD = 4
"""Only words of this many characters or more count towards the overlap with the body."""
TOP_LINES = 5
"""The lines at the top of a page whose words a headline may echo."""
REACH = 20
"""Distances to the body's first line are clipped to +-``REACH``; a page without likely body gets ``REACH``."""


def headline_columns(texts: list[str], p: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """Per line: share of its long words in the page's likely body, share of its words in an earlier top line,
    and its distance in lines to the first likely-body line (clipped), as a lines x 3 array."""
    n = len(texts)
    tokens = tokenise(texts)
    index, _, _ = line_positions(bounds)
    doc = np.repeat(np.arange(len(bounds) - 1), np.diff(bounds))
    n_words = np.bincount(tokens.line, minlength=n)
    body = (p >= BODY_SCORE) & (n_words >= BODY_WORDS)

    vocabulary = max(len(tokens.vocabulary), 1)
    key = doc[tokens.line].astype(np.int64) * vocabulary + tokens.ids  # a word within its page
    _, first = np.unique(tokens.line.astype(np.int64) * vocabulary + tokens.ids, return_index=True)
    word_line, word_key = tokens.line[first], key[first]  # each distinct word of each line once
    long_word = (tokens.end - tokens.start)[first] >= LONG_WORD

    in_body = np.isin(word_key, distinct(key[body[tokens.line]]))
    overlap = _share(word_line, long_word & in_body, long_word, n)

    top = index[word_line] < TOP_LINES
    keys, inverse = np.unique(word_key, return_inverse=True)
    earliest = np.full(len(keys), np.iinfo(np.int64).max)
    np.minimum.at(earliest, inverse[top], index[word_line][top])
    echoed = earliest[inverse] < index[word_line]
    echo = _share(word_line, echoed, np.ones(len(word_line), dtype=bool), n)

    none = np.iinfo(np.int32).max
    first_body = doc_reduce(np.where(body, index, none), bounds, np.minimum)  # broadcast to every line
    to_body = np.where(first_body < none, index - first_body, REACH)
    return np.column_stack([overlap, echo, np.clip(to_body, -REACH, REACH)]).astype(np.float64)


def _share(line: np.ndarray, hit: np.ndarray, counted: np.ndarray, n: int) -> np.ndarray:
    """Per line, the share of its counted words that hit (0 for a line with none counted)."""
    total = np.bincount(line[counted], minlength=n).astype(np.float64)
    hits = np.bincount(line[counted & hit], minlength=n)
    return np.divide(hits, total, out=np.zeros(n), where=total > 0)
