"""The boosted trees scored on their bins: scikit-learn's probabilities, bit for bit."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.ensemble import HistGradientBoostingClassifier

from predict.stages.binned import GRID_CELLS, _grids, bin_of, binned_proba


def fitted(rng: np.random.Generator, categorical: bool = False) -> tuple[HistGradientBoostingClassifier, np.ndarray]:
    X = np.column_stack([rng.normal(size=3000), rng.integers(0, 5, 3000), rng.exponential(size=3000) ** 3])
    X[rng.random(3000) < 0.05, 0] = np.nan  # missing values: their own bin
    y = (np.nan_to_num(X[:, 0]) + X[:, 1] / 2 + rng.normal(size=3000) > 1).astype(int)
    trees = HistGradientBoostingClassifier(max_iter=30, max_leaf_nodes=15, early_stopping=False, random_state=0,
                                           categorical_features=[1] if categorical else None)
    return trees.fit(X, y), X


def test_probabilities_equal_scikit_learns_on_values_between_at_and_beyond_the_thresholds() -> None:
    rng = np.random.default_rng(0)
    trees, X = fitted(rng)
    cuts = trees._bin_mapper.bin_thresholds_
    at = np.column_stack([rng.choice(cuts[f], 500) for f in range(3)])  # exactly a split's threshold
    edges = np.array([[np.inf, -np.inf, np.nan], [-np.inf, np.inf, 0.0], [1e308, -1e308, 1e-300]])
    for rows in (X, at, np.nextafter(at, np.inf), np.nextafter(at, -np.inf), edges):
        assert np.array_equal(binned_proba(trees, rows), trees.predict_proba(rows))


def test_a_model_with_categorical_features_is_scored_by_scikit_learn() -> None:
    trees, X = fitted(np.random.default_rng(1), categorical=True)
    assert np.array_equal(binned_proba(trees, X), trees.predict_proba(X))


CUTS = hnp.arrays(np.float64, st.integers(0, 300), elements=st.floats(-1e6, 1e6, allow_subnormal=False),
                  unique=True).map(np.sort)


@settings(max_examples=200, deadline=None)
@given(CUTS, hnp.arrays(np.float64, st.integers(0, 200),
                        elements=st.floats(allow_nan=False, allow_subnormal=False) | st.floats(-1e6, 1e6)))
def test_a_values_bin_is_the_count_of_thresholds_below_it(cuts: np.ndarray, values: np.ndarray) -> None:
    values = np.concatenate([values, cuts, np.nextafter(cuts, np.inf), np.nextafter(cuts, -np.inf)])
    [cells] = _grids([cuts])
    assert cells is None or len(cells) == GRID_CELLS
    assert np.array_equal(bin_of(values, cuts, cells), np.searchsorted(cuts, values, side="left"))
