"""Neighbour windows: each line sees its neighbours' features, never another document's."""
from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin, clone

from predict.neighbours import NeighbourWindow
from predict.shape import SHAPE_FEATURES, LineShape
from predict.table import make_table, texts_of

# Two documents: line lengths 1, 2, 3 and 10, 20.
TABLE = make_table([["a", "bb", "ccc"], ["x" * 10, "y" * 20]])


class LineLength(TransformerMixin, BaseEstimator):
    """Two dense features per line: its length and a constant."""

    def fit(self, X, y=None):
        return self

    def transform(self, X) -> np.ndarray:
        return np.array([[len(text), 1.0] for text in texts_of(X)])

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.array(["chars", "one"], dtype=object)


def test_output_width_is_base_times_blocks() -> None:
    window = NeighbourWindow(LineLength(), offsets=(-1, 1), widths=(1,), sided_widths=(2,)).fit(TABLE)
    assert window.transform(TABLE).shape == (5, 2 * (1 + 2 + 1 + 2 * 1))
    default = NeighbourWindow(LineShape()).fit(TABLE)
    assert default.transform(TABLE).shape == (5, len(SHAPE_FEATURES) * (1 + 4 + 2 + 2 * 1))


def test_values_stay_within_each_document() -> None:
    window = NeighbourWindow(LineLength(), offsets=(-1, 1), widths=(1,), sided_widths=(2,)).fit(TABLE)
    chars = window.transform(TABLE)[:, 0::2]  # the "chars" column of every block
    expected = np.array([
        [1, 2, 3, 10, 20],      # own
        [0, 1, 2, 0, 10],       # line before
        [2, 3, 0, 20, 0],       # line after
        [2, 2, 2, 20, 10],      # mean of one line each side
        [0, 1, 1.5, 0, 10],     # mean of the two lines before
        [2.5, 3, 0, 20, 0],     # mean of the two lines after
    ]).T
    np.testing.assert_allclose(chars, expected)


def test_feature_names_match_columns() -> None:
    window = NeighbourWindow(LineLength(), offsets=(-1, 1), widths=(1,), sided_widths=(2,)).fit(TABLE)
    names = list(window.get_feature_names_out())
    assert len(names) == window.transform(TABLE).shape[1] == len(set(names))
    assert names[:4] == ["chars", "one", "chars@-1", "one@-1"]


def test_wrapped_transformer_is_cloned_not_fitted_in_place() -> None:
    features = LineShape()
    window = clone(NeighbourWindow(features)).fit(TABLE)
    assert window.features_ is not features
