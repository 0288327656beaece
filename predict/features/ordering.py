"""Sorting rows by small integer keys with one ``np.sort``: the keys and the row number packed into one int64.

Ranks within documents, distinct (document, word) pairs and repeat counts all
sort a batch's rows by one or more integer keys. ``np.argsort`` and
``np.lexsort`` cost several times what ``np.sort`` does on the same values;
but keys of a batch span few bits (a document number, a word count, a hashed
word column), so the keys and the row number fit together in one int64
whose plain sort is the rows' stable order.
"""
from __future__ import annotations

import numpy as np


def stable_order(*keys: np.ndarray) -> np.ndarray:
    """``np.lexsort(keys[::-1])``: the rows ordered by the integer ``keys``, first key first, ties in row order."""
    n = len(keys[0])
    if n == 0:
        return np.zeros(0, dtype=np.intp)
    packed = np.arange(n, dtype=np.int64)
    row_bits = bits = max(n - 1, 1).bit_length()
    for key in reversed(keys):
        low = int(key.min())
        width = (int(key.max()) - low).bit_length()
        if bits + width > 63:  # too wide to pack: sort them as they are
            return np.lexsort(keys[::-1])
        packed |= (key.astype(np.int64) - low) << bits
        bits += width
    return np.sort(packed) & ((1 << row_bits) - 1)


def sorted_groups(order: np.ndarray, ordered: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Groups of equal values, from an ``order`` of the rows and their values in that order (``ordered``).

    Returns each row's group (groups numbered in ``ordered``'s order) and
    the places in ``order`` where groups start.
    """
    new = np.concatenate(([True], ordered[1:] != ordered[:-1]))[:len(ordered)]
    group = np.empty(len(order), dtype=np.int64)
    group[order] = np.cumsum(new) - 1
    return group, np.flatnonzero(new)


def unique_counts(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``np.unique(keys, return_inverse=True, return_counts=True)`` for an integer array."""
    order = stable_order(keys)
    ordered = keys[order]
    inverse, starts = sorted_groups(order, ordered)
    return ordered[starts], inverse, np.diff(np.append(starts, len(keys)))
