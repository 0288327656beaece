"""Neighbour context: the features of the lines around each line.

A short line between two paragraphs is probably a subheading; the same line
among forty other short title-cased lines is probably a related-headline list.
``NeighbourWindow`` wraps any dense per-line transformer and appends, for every
line, its neighbours' values at fixed offsets and the means over windows of
increasing width, all clipped at document boundaries.
"""
from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin, clone

from predict.docops import DocumentWindows
from predict.table import doc_bounds


class NeighbourWindow(TransformerMixin, BaseEstimator):
    """Wrap ``features`` (a dense transformer of line tables) with neighbour context.

    Output columns: the line's own features, then for each of ``offsets`` the
    features of the line that many places away (0 outside the document), then
    for each of ``widths`` the mean over ``width`` lines on each side
    (excluding the line itself), then the mean over the ``width`` lines before
    and after separately for ``sided_widths``.
    """

    def __init__(self, features, offsets=(-2, -1, 1, 2), widths=(3, 10), sided_widths=(5,)):
        self.features = features
        self.offsets = offsets
        self.widths = widths
        self.sided_widths = sided_widths

    def fit(self, X, y=None):
        self.features_ = clone(self.features).fit(X, y)
        return self

    def transform(self, X) -> np.ndarray:
        own = np.asarray(self.features_.transform(X), dtype=np.float64)
        width = own.shape[1]
        out = np.empty((len(own), width * (1 + len(self.offsets) + len(self.widths) + 2 * len(self.sided_widths))))
        blocks = (out[:, k * width:(k + 1) * width] for k in range(out.shape[1] // width))  # each written in place
        windows = DocumentWindows(own, doc_bounds(X))
        next(blocks)[:] = own
        for k in self.offsets:
            windows.shift(k, out=next(blocks))
        for w in self.widths:
            windows.mean(w, w, out=next(blocks))
        for w in self.sided_widths:
            windows.mean(w, 0, out=next(blocks))
            windows.mean(0, w, out=next(blocks))
        return out

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        base = list(self.features_.get_feature_names_out())
        names = list(base)
        names += [f"{b}@{k:+d}" for k in self.offsets for b in base]
        names += [f"{b}@±{w}" for w in self.widths for b in base]
        for w in self.sided_widths:
            names += [f"{b}@-{w}..-1" for b in base] + [f"{b}@+1..+{w}" for b in base]
        return np.asarray(names, dtype=object)
