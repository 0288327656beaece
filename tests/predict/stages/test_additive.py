"""The additive context stage: smooth per-feature functions, scored by interpolation."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from predict.stages.additive import AdditiveContext, hat_basis, quantile_knots


@pytest.fixture
def bumpy():
    """Content where feature 0 is near zero (a bump no line through it can fit); feature 1 is noise."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(4000, 2))
    y = (np.abs(X[:, 0]) < 0.7).astype(int)
    return X, y


def test_scores_equal_the_regression_over_the_hat_basis(bumpy) -> None:
    X, y = bumpy
    model = AdditiveContext().fit(X, y)
    unseen = np.random.default_rng(1).normal(size=(500, 2)) * 2  # beyond the training range too
    basis = hat_basis(unseen, model.knots_).toarray()
    np.testing.assert_allclose(model.decision_function(unseen), basis @ np.concatenate(model.values_) + model.intercept_,
                               atol=1e-10)


def test_learns_a_bump_a_logistic_regression_cannot(bumpy) -> None:
    X, y = bumpy
    additive = AdditiveContext().fit(X, y).predict(X)
    linear = LogisticRegression().fit(X, y).predict(X)
    assert (additive == y).mean() > 0.95
    assert (linear == y).mean() < 0.8


def test_values_beyond_the_training_range_score_as_the_nearest_knot(bumpy) -> None:
    X, y = bumpy
    model = AdditiveContext().fit(X, y)
    far, edge = np.array([[100.0, 0.0]]), np.array([[X[:, 0].max(), 0.0]])
    np.testing.assert_allclose(model.predict_proba(far), model.predict_proba(edge))


def test_probabilities_are_those_of_content_and_sum_to_one(bumpy) -> None:
    X, y = bumpy
    proba = AdditiveContext().fit(X, y).predict_proba(np.array([[0.0, 0.0], [3.0, 0.0]]))
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert proba[0, 1] > 0.9 > 0.1 > proba[1, 1]


def test_a_constant_or_two_valued_feature_gets_as_many_knots_as_values() -> None:
    column = np.repeat([0.0, 1.0], 50)
    assert quantile_knots(column, 12).tolist() == [0.0, 1.0]
    assert quantile_knots(np.ones(10), 12).tolist() == [1.0]
    X = np.column_stack([column, np.ones(100)])
    model = AdditiveContext().fit(X, column.astype(int))
    assert model.predict(X).tolist() == column.astype(int).tolist()


def test_sample_weights_decide_between_conflicting_labels() -> None:
    X = np.repeat([[0.0], [1.0]], 100, axis=0)
    y = np.tile([0, 1], 100)  # every value labelled both ways
    weight = np.where(y == 1, 3.0, 1.0)
    assert AdditiveContext().fit(X, y, sample_weight=weight).predict(X).all()
    assert not AdditiveContext().fit(X, y, sample_weight=4.0 - weight).predict(X).any()
