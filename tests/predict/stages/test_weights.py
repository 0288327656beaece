"""Partial labels: lines labelled -1 give context but are never trained on."""
from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer

from predict.stages.weights import fit_weighted, target_and_weight

X = np.array([[0.0, 1.0], [1.0, 0.0], [0.2, 0.9], [0.9, 0.3], [0.5, 0.5], [0.1, 0.1]])
Y = np.array([1, 0, 1, 0, 1, 0])
# Unknown lines that would flip the decision if they were trained on as content.
X_UNKNOWN = np.array([[1.0, 0.0], [0.95, 0.05], [0.9, 0.0]])


def test_unknown_lines_weigh_nothing() -> None:
    target, weight = target_and_weight([1, 0, -1], [2.0, 3.0, 4.0])
    assert target.tolist() == [1, 0, 0]
    assert weight.tolist() == [2.0, 3.0, 0.0]
    assert target_and_weight([1, -1])[1].tolist() == [1.0, 0.0]


def test_unknown_lines_do_not_change_a_classifier() -> None:
    plain = fit_weighted(LogisticRegression(), X, Y)
    with_unknown = fit_weighted(LogisticRegression(), np.vstack([X, X_UNKNOWN]), np.concatenate([Y, [-1, -1, -1]]))
    np.testing.assert_allclose(with_unknown.coef_, plain.coef_, rtol=1e-6)
    as_content = fit_weighted(LogisticRegression(), np.vstack([X, X_UNKNOWN]), np.concatenate([Y, [1, 1, 1]]))
    assert not np.allclose(as_content.coef_, plain.coef_, rtol=1e-3)


def test_weights_reach_a_pipelines_classifier() -> None:
    def pipeline():
        return make_pipeline(FunctionTransformer(), LogisticRegression())

    plain = fit_weighted(pipeline(), X, Y)
    with_unknown = fit_weighted(pipeline(), np.vstack([X, X_UNKNOWN]), np.concatenate([Y, [-1, -1, -1]]))
    np.testing.assert_allclose(with_unknown[-1].coef_, plain[-1].coef_, rtol=1e-6)
    heavy = fit_weighted(pipeline(), X, Y, sample_weight=[1, 1, 1, 1, 10, 1])
    assert heavy.predict_proba(X[4:5])[0, 1] > plain.predict_proba(X[4:5])[0, 1]
