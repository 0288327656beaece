"""A line model saved with the ranker of its pages' headline candidates: one model file for both.

Why: which line heads a page is a page-level question (which of its
candidates, :mod:`predict.features.title_candidates`), answered after the
lines are scored and cut, so its ranker is no step of the line pipeline.
Both are fitted by :func:`train.fit.fit_estimator` (or the ranker alone by
``python -m train.headline``); this keeps them in one
file, with the sha256 and the scikit-learn version of the card covering
both. It scores lines as its line model does, so a caller that only scores
lines need not know it is there; :class:`predict.model.JunkFilter` asks it
for ``headline_ranker``.
"""
from __future__ import annotations

from sklearn.base import BaseEstimator, ClassifierMixin

from predict.stages.boosting import BoostedContext


def make_headline_ranker() -> BoostedContext:
    """The unfitted ranker: small boosted trees over the candidates' columns (60 of 15 leaves; measured against
    150 and 300 trees and a logistic regression in docs/experiments.md, session 21)."""
    return BoostedContext(max_iter=60, max_leaf_nodes=15, learning_rate=0.1, min_leaf_share=1e-3, min_leaf=(3, 20))


class WithHeadline(ClassifierMixin, BaseEstimator):
    """A fitted line model (``lines``) and a fitted ``headline_ranker``, saved as one model.

    ``predict_proba`` and ``classes_`` are the line model's: each line's
    probability of being content. ``headline_ranker.predict_proba`` takes the
    columns of :func:`predict.features.title_candidates.title_candidates`.
    Both are fitted before they are put here, so it has no ``fit`` of its own.
    """

    def __init__(self, lines=None, headline_ranker=None):
        self.lines = lines
        self.headline_ranker = headline_ranker

    @property
    def classes_(self):
        return self.lines.classes_

    def predict_proba(self, X):
        return self.lines.predict_proba(X)

    def predict(self, X):
        return self.lines.predict(X)


def line_model(estimator):
    """The line model of a model file's estimator: the one a :class:`WithHeadline` holds, else the estimator."""
    return estimator.lines if isinstance(estimator, WithHeadline) else estimator
