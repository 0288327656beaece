"""An additive context stage: a logistic regression over a smooth function of each context feature.

The boosted trees of the stacked stage (:mod:`predict.stages.boosting`) read
interactions: a run of short lines means a menu under an article and the
content of a listing. Trees also learn the habits of the sites they saw. A
readers' comment thread under an unseen site's article (well-formed, on-topic
sentences between "name says:" and date lines) is where that shows: the trees
kept 18% of the comment lines of the labelled threads, a stage that adds up
one smooth function per feature 11% (docs/experiments.md, session 13).
The packaged stacked stage averages the two (:func:`predict.pipeline.boosted_context`).

Each function is piecewise linear between knots at the feature's training
quantiles: the logistic regression is fitted on the "hat" basis of those
knots, and the function of a feature is then its coefficients read as values
at the knots, so scoring is one ``np.interp`` per feature, equal to the
regression's own decision function.
"""
from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler


def quantile_knots(column: np.ndarray, n_knots: int) -> np.ndarray:
    """Distinct values at ``n_knots`` evenly spaced quantiles of ``column``, from its minimum to its maximum."""
    return np.unique(np.quantile(column, np.linspace(0.0, 1.0, n_knots)))


def hat_basis(X: np.ndarray, knots: list[np.ndarray]) -> sparse.csr_matrix:
    """The piecewise-linear basis of every column: one column per knot, two nonzeros per feature and row.

    Basis ``k`` of a feature is 1 at its knot ``k``, falls linearly to 0 at the
    knots beside it and is 0 beyond them; values outside the knots count as the
    nearest knot (as ``np.interp`` holds them).
    """
    n = len(X)
    rows, cols, vals = [], [], []
    offset = 0
    for j, points in enumerate(knots):
        if len(points) == 1:  # a constant feature: one basis, 1 everywhere
            entries = [(np.zeros(n, dtype=np.intp), np.ones(n))]
        else:
            left = np.clip(np.searchsorted(points, X[:, j], side="right") - 1, 0, len(points) - 2)
            share = np.clip((X[:, j] - points[left]) / (points[left + 1] - points[left]), 0.0, 1.0)
            entries = [(left, 1.0 - share), (left + 1, share)]
        for column, value in entries:
            rows.append(np.arange(n))
            cols.append(offset + column)
            vals.append(value)
        offset += len(points)
    return sparse.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, offset))


class AdditiveContext(ClassifierMixin, BaseEstimator):
    """Logistic regression over one piecewise-linear function of each feature (a generalised additive model).

    Parameters
    ----------
    n_knots : int, default=12
        Knots per feature, at evenly spaced training quantiles (fewer where
        quantiles coincide).
    C : float, default=1.0
        Inverse regularisation of the logistic regression (on the basis scaled
        to unit variance).
    max_iter : int, default=3000
        Iterations of the regression's solver.

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
        ``[0, 1]``: junk, content.
    knots_ : list of ndarray
        Each feature's knots, increasing.
    values_ : list of ndarray
        Each feature's function at its knots (its contribution to the logit).
    intercept_ : float
        The logit's constant.
    n_features_in_ : int
        Features seen in ``fit``.
    """

    def __init__(self, n_knots=12, C=1.0, max_iter=3000):
        self.n_knots = n_knots
        self.C = C
        self.max_iter = max_iter

    def fit(self, X, y, sample_weight=None):
        X = np.asarray(X, dtype=np.float64)
        self.knots_ = [quantile_knots(X[:, j], self.n_knots) for j in range(X.shape[1])]
        scaler = StandardScaler(with_mean=False)  # unit variance, the basis kept sparse
        basis = scaler.fit_transform(hat_basis(X, self.knots_))
        regression = LogisticRegression(C=self.C, max_iter=self.max_iter, tol=1e-4)
        regression.fit(basis, y, sample_weight=sample_weight)
        coef = regression.coef_.ravel() / scaler.scale_
        self.values_ = np.split(coef, np.cumsum([len(points) for points in self.knots_])[:-1])
        self.intercept_ = float(regression.intercept_[0])
        self.classes_ = regression.classes_
        self.n_features_in_ = X.shape[1]
        return self

    def decision_function(self, X) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64)
        logit = np.full(len(X), self.intercept_)
        for j, (points, values) in enumerate(zip(self.knots_, self.values_)):
            logit += np.interp(X[:, j], points, values)
        return logit

    def predict_proba(self, X) -> np.ndarray:
        content = expit(self.decision_function(X))
        return np.column_stack([1.0 - content, content])

    def predict(self, X) -> np.ndarray:
        return self.classes_[(self.decision_function(X) >= 0).astype(int)]
