"""Vectorised operations within documents of a line table.

The stacking stage needs "the score of the line k places before, within the
same document" or "the mean over a window of neighbours, clipped at the
document's edges". These helpers do that for all
lines of all documents at once, with cumulative sums instead of Python loops.
"""
from __future__ import annotations

import numpy as np


def distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values of an integer array (``np.unique`` without the hash table it builds first)."""
    ordered = np.sort(values)
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))] if len(ordered) else ordered


def line_positions(bounds: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For every line: its index within its document, its document's start and end offsets."""
    lengths = np.diff(bounds)
    starts = np.repeat(bounds[:-1], lengths)
    ends = np.repeat(bounds[1:], lengths)
    index = np.arange(bounds[-1]) - starts
    return index, starts, ends


class DocumentWindows:
    """Shifts and window means of ``values`` (1-D, or 2-D lines x features) within documents.

    The line positions and the cumulative sum are computed once and shared by
    every shift and window asked for.
    """

    def __init__(self, values: np.ndarray, bounds: np.ndarray) -> None:
        self.values = values
        _, self.starts, self.ends = line_positions(bounds)
        self.rows = np.arange(len(values))
        self._cums: np.ndarray | None = None

    def shift(self, offset: int, fill: float = 0.0) -> np.ndarray:
        """``out[i] = values[i + offset]`` when that line is in the same document, else ``fill``."""
        source = self.rows + offset
        outside = np.flatnonzero((source < self.starts) | (source >= self.ends))
        out = np.empty(self.values.shape, dtype=np.float64)
        n = len(out)
        k = min(abs(offset), n)  # shifted by slicing, no index arrays; what comes from outside the document is refilled
        if offset >= 0:
            out[:n - k] = self.values[k:]
        else:
            out[k:] = self.values[:n - k]
        out[outside] = fill
        return out

    def mean(self, before: int, after: int, include_self: bool = False, empty: float = 0.0) -> np.ndarray:
        """Mean of ``values`` over lines ``i-before .. i+after`` of the same document.

        Windows are clipped at document edges; a window with no line gives ``empty``.
        """
        v = (self.values[:, None] if self.values.ndim == 1 else self.values).astype(np.float64, copy=False)
        if self._cums is None:
            self._cums = np.vstack([np.zeros((1, v.shape[1])), np.cumsum(v, axis=0)])
        lo = np.maximum(self.rows - before, self.starts)
        hi = np.minimum(self.rows + after + 1, self.ends)
        n, cums = len(v), self._cums
        total = np.empty_like(v)
        inner = max(n - before - after, 0)  # lines whose whole window lies in the table: one subtraction of slices
        total[before:before + inner] = cums[before + after + 1:before + after + 1 + inner] - cums[:inner]
        clipped = np.flatnonzero((lo != self.rows - before) | (hi != self.rows + after + 1))  # near a document's edge
        total[clipped] = cums[hi[clipped]] - cums[lo[clipped]]
        count = (hi - lo).astype(np.float64)
        if not include_self:
            total -= v
            count -= 1
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.divide(total, count[:, None], out=total)
        mean[count <= 0] = empty
        return mean.reshape(self.values.shape) if self.values.ndim == 1 else mean


def doc_reduce(values: np.ndarray, bounds: np.ndarray, ufunc: np.ufunc = np.add) -> np.ndarray:
    """Per-document reduction of ``values`` (sum by default), broadcast back to every line."""
    lengths = np.diff(bounds)
    if len(values) == 0:
        return values.astype(np.float64)
    nonempty = lengths > 0
    reduced = ufunc.reduceat(values.astype(np.float64), bounds[:-1][nonempty])
    return np.repeat(reduced, lengths[nonempty])


def doc_mean(values: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """Mean of ``values`` over each line's document."""
    lengths = np.diff(bounds)
    return doc_reduce(values, bounds) / np.repeat(np.maximum(lengths, 1), lengths)


OUTLIER_FACTOR = 1.5
"""A line counts in its document's length statistics as at most this many times the runner-up (:func:`capped_outliers`)."""


def runner_up(values: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """The second-largest of ``values`` in each line's document (the largest in a one-line document)."""
    if len(values) == 0:
        return values.astype(np.float64)
    if len(bounds) == 2:  # one document (the page rule's case): a partial sort, not a sort by document
        second = np.partition(values, -2)[-2] if len(values) > 1 else values[0]
        return np.full(len(values), second, dtype=np.float64)
    lengths = np.diff(bounds)
    docs = np.repeat(np.arange(len(lengths)), lengths)
    ordered = values[np.lexsort((values, docs))]  # by document, then ascending within it
    ends = bounds[1:][lengths > 0]
    second = ordered[np.where(lengths[lengths > 0] > 1, ends - 2, ends - 1)]
    return np.repeat(second.astype(np.float64), lengths[lengths > 0])


def capped_outliers(values: np.ndarray, bounds: np.ndarray, floor: float,
                    factor: float = OUTLIER_FACTOR) -> np.ndarray:
    """``values`` (line lengths) capped at ``max(floor, factor`` × the document's :func:`runner_up`).

    A document's maximum or sum of line lengths, used to put each line in
    proportion, lets one line decide for the whole page: a country dropdown
    flattened into one line of hundreds of words makes every paragraph look
    short and puts the page's mass in one place (issue 29). Capped, no line
    weighs more than ``factor`` times the second-longest; a value at or under
    ``floor`` is never capped, so pages whose longest line is that short, or
    within ``factor`` of the next, keep their features exactly.
    """
    return np.minimum(values, np.maximum(floor, factor * runner_up(values, bounds)))


def cumulative_before(values: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """Sum of ``values`` over the lines before each line in its document."""
    _, starts, _ = line_positions(bounds)
    cums = np.concatenate(([0.0], np.cumsum(values, dtype=np.float64)))
    return cums[np.arange(len(values))] - cums[starts]


def running_max(values: np.ndarray, bounds: np.ndarray, reverse: bool = False, fill: float = 0.0) -> np.ndarray:
    """Maximum of ``values`` over the lines strictly before (or after, ``reverse``) each line."""
    out = np.full(len(values), fill, dtype=np.float64)
    for start, end in zip(bounds[:-1], bounds[1:]):
        if end - start < 2:
            continue
        seg = values[start:end]
        if reverse:
            acc = np.maximum.accumulate(seg[::-1])[::-1]
            out[start:end - 1] = acc[1:]
        else:
            acc = np.maximum.accumulate(seg)
            out[start + 1:end] = acc[:-1]
    return out
