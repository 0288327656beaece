"""Training quantiles: the same values as scikit-learn's QuantileTransformer, bit for bit, found faster."""
from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.preprocessing import QuantileTransformer

from predict.features.quantiles import TrainingQuantiles
from predict.store.formats import JOBLIB_SUFFIX, SKOPS_SUFFIX, estimator_from_bytes, model_bytes

# Features as the model's are: counts and ratios with many ties, binary flags, a few continuous values.
VALUES = st.one_of(st.integers(-3, 40).map(float), st.sampled_from([0.0, 1.0, 0.5, 1 / 3]),
                   st.floats(-1e6, 1e6, allow_nan=False, allow_subnormal=False))


def both(X: np.ndarray, n_quantiles: int) -> tuple[QuantileTransformer, TrainingQuantiles]:
    with warnings.catch_warnings():  # more quantiles than lines: allowed, and warned about
        warnings.simplefilter("ignore", UserWarning)
        return (QuantileTransformer(n_quantiles=n_quantiles, random_state=0).fit(X),
                TrainingQuantiles(n_quantiles=n_quantiles, random_state=0).fit(X))


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")  # sklearn's np.interp on huge values
@settings(max_examples=100, deadline=None)
@given(st.integers(1, 4).flatmap(lambda columns: st.tuples(
    hnp.arrays(np.float64, st.tuples(st.integers(1, 60), st.just(columns)), elements=VALUES),
    hnp.arrays(np.float64, st.tuples(st.integers(1, 30), st.just(columns)), elements=VALUES))),
    st.integers(1, 80))
def test_transform_equals_the_quantile_transformers(seen_unseen, n_quantiles: int) -> None:
    seen, unseen = seen_unseen
    reference, ours = both(seen, n_quantiles)
    np.testing.assert_array_equal(ours.quantiles_, reference.quantiles_)
    for X in (seen, unseen, np.vstack([unseen, seen + 1e-9, np.nextafter(seen, -np.inf)])):
        np.testing.assert_array_equal(ours.transform(X), reference.transform(X))


def test_model_features_map_exactly() -> None:
    rng = np.random.default_rng(0)
    lines = np.column_stack([np.log1p(rng.integers(0, 300, 2000)), rng.integers(0, 2, 2000),
                             rng.beta(0.5, 3, 2000), np.round(rng.random(2000), 2)])
    reference, ours = both(lines[:1500], 200)
    np.testing.assert_array_equal(ours.transform(lines), reference.transform(lines))


def test_values_beyond_the_training_range_are_bounded_and_nan_stays_nan() -> None:
    _, ours = both(np.array([[0.0], [1.0], [2.0], [3.0]]), 4)
    out = ours.transform(np.array([[-50.0], [1.5], [99.0], [np.nan], [np.inf]]))[:, 0]
    assert out[0] == 0.0 and 0 < out[1] < 1 and out[2] == out[4] == 1.0 and np.isnan(out[3])


def test_wrong_number_of_features_says_what_was_expected() -> None:
    _, ours = both(np.zeros((5, 3)), 5)
    with pytest.raises(ValueError, match="fitted on 3 features"):
        ours.transform(np.zeros((2, 4)))


@pytest.mark.parametrize("suffix", [JOBLIB_SUFFIX, SKOPS_SUFFIX])
def test_round_trip_through_model_files(suffix: str) -> None:
    X = np.random.default_rng(1).normal(size=(300, 2))
    _, ours = both(X, 50)
    loaded = estimator_from_bytes(model_bytes(ours, suffix), suffix)
    np.testing.assert_array_equal(loaded.transform(X), ours.transform(X))
