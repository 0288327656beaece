"""The line table: how documents travel through scikit-learn.

scikit-learn estimators want one row per sample, but whether a line is junk
depends on its document. A line table keeps one row per line (so a
``Pipeline``, ``GroupKFold`` and ``LogisticRegression`` see lines as samples)
and carries the document each line belongs to in its first column, so that
context features and the decoder can find document boundaries again.

Row ``i`` is ``(doc_index, text)``; the lines of one document are contiguous
and in reading order.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np


def make_table(documents: Iterable[Sequence[str]]) -> np.ndarray:
    """Stack documents (each a sequence of lines) into an ``(n_lines, 2)`` object array."""
    doc_ids: list[int] = []
    texts: list[str] = []
    for index, lines in enumerate(documents):
        doc_ids.extend([index] * len(lines))
        texts.extend(lines)
    table = np.empty((len(texts), 2), dtype=object)
    table[:, 0] = doc_ids
    table[:, 1] = texts
    return table


def texts_of(table: np.ndarray) -> list[str]:
    """The line texts of a table, in order (``tolist``: iterating a :class:`~predict.features.text.LineBatch`,
    an array subclass, costs 25 times more)."""
    return table[:, 1].tolist()


def doc_bounds(table: np.ndarray) -> np.ndarray:
    """Start offsets of each document plus the end: ``bounds[k]:bounds[k+1]`` is document k.

    A document starts wherever the document column changes, so any contiguous
    subset of a table (as cross-validation produces) is handled.
    """
    n = len(table)
    if n == 0:
        return np.zeros(1, dtype=np.int64)
    ids = table[:, 0]
    changes = np.flatnonzero(ids[1:] != ids[:-1]) + 1
    return np.concatenate(([0], changes, [n])).astype(np.int64)


def doc_index(table: np.ndarray) -> np.ndarray:
    """For every row, the ordinal (0, 1, 2, ...) of its document within this table."""
    bounds = doc_bounds(table)
    return np.repeat(np.arange(len(bounds) - 1), np.diff(bounds))


def text_column(table: np.ndarray) -> np.ndarray:
    """The text column of a table: the input a text vectoriser takes (picklable, unlike a lambda)."""
    return table[:, 1]
