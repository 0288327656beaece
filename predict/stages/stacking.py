"""Second-stage stacking: a line judged by its neighbours' first-stage scores.

The first stage scores each line from its own features and its relation to its
document. Junk comes in runs (menus, headline tails) and article paragraphs
come in runs, so the strongest evidence about a line is often what
the first stage thought of the lines around it and of the document as a whole.
``ContextStacker`` feeds out-of-fold first-stage scores of a window of
neighbours and document summaries to a second logistic regression.
"""
from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler

from predict.features.kernels.documents import (DocumentWindows, capped_outliers, cumulative_before, doc_mean, doc_reduce,
                                         line_positions, running_max)
from predict.features.headline import headline_columns
from predict.features.table import doc_bounds, doc_index, texts_of
from predict.stages.weights import fit_weighted, target_and_weight

EPS = 1e-4
MASS_LINE_FLOOR = 1500
"""Characters up to which a line always weighs in full in its page's content mass; a longer one weighs as at
most ``OUTLIER_FACTOR`` times the runner-up (:func:`predict.features.kernels.documents.capped_outliers`)."""


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, EPS, 1 - EPS)
    return np.log(p / (1 - p))


def context_features(table: np.ndarray, p: np.ndarray, offsets, widths, headline: bool = False) -> np.ndarray:
    """Second-stage inputs: a line's first-stage score, its neighbours' scores, document summaries; with
    ``headline``, the columns that find a page's headline (:mod:`predict.features.headline`)."""
    bounds = doc_bounds(table)
    z = logit(p)
    index, starts, ends = line_positions(bounds)
    size = (ends - starts).astype(np.float64)
    texts = texts_of(table)
    chars = np.fromiter(map(len, texts), dtype=np.float64, count=len(p))
    mass = p * capped_outliers(chars, bounds, MASS_LINE_FLOOR)  # one long line does not hold the page's mass
    document_mass = doc_reduce(mass, bounds)
    mass_before = cumulative_before(mass, bounds)
    total_mass = np.maximum(document_mass, 1.0)
    scores, probabilities = DocumentWindows(z, bounds), DocumentWindows(p, bounds)
    cols = [z]
    cols += [scores.shift(k) for k in offsets]
    for w in widths:
        cols += [probabilities.mean(w, 0), probabilities.mean(0, w)]
    high = (p >= 0.5).astype(np.float64)
    cols += [
        doc_mean(p, bounds),
        doc_mean(high, bounds),
        running_max(p, bounds),
        running_max(p, bounds, reverse=True),
        mass_before / total_mass,
        (document_mass - mass_before - mass) / total_mass,
        index / np.maximum(size - 1, 1),
        np.log1p(chars),
    ]
    if headline:
        cols.append(headline_columns(texts, p, bounds))
    return np.column_stack(cols)


class ContextStacker(ClassifierMixin, BaseEstimator):
    """First-stage classifier ``base`` plus a second classifier over its scores in context.

    Rows with label -1 are unlabelled: they give context but are not trained on.
    ``n_folds`` grouped-by-document folds produce the out-of-fold first-stage
    scores the second stage is trained on, so it learns how far to trust them
    on unseen documents. ``groups`` given to ``fit`` keeps documents together
    in one fold: a page and the copies of it cut for training, since a first
    stage trained on a page scores a copy of it far better than an unseen
    page, and the second stage would learn to trust it too much.

    Parameters
    ----------
    base : estimator
        The first-stage line classifier (a pipeline over the line table with
        ``predict_proba``); cloned, never fitted in place.
    offsets : tuple of int, default=(-3, -2, -1, 1, 2, 3)
        The neighbours whose first-stage scores the second stage sees, in lines
        before (negative) and after the line, within its document.
    widths : tuple of int, default=(2, 5, 15)
        Widths of the windows whose mean scores (before and after the line)
        the second stage sees.
    C : float, default=1.0
        Inverse regularisation of the second-stage logistic regression.
    n_folds : int, default=5
        Grouped folds for the out-of-fold first-stage scores (fewer when there
        are fewer groups); the packaged pipeline uses 3.
    context : classifier or None, default=None
        The second stage, cloned and fitted on the scaled context features of
        the labelled lines; None is a logistic regression with ``C``.
    headline : bool, default=False
        Whether the second stage also sees the columns that find the page's
        headline (:func:`predict.features.headline.headline_columns`).

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
        ``[0, 1]``: junk, content.
    base_ : estimator
        The first stage fitted on all labelled lines, which scores at run time.
    scaler_ : StandardScaler
        Scaling of the context features, fitted on the out-of-fold scores.
    stage2_ : classifier
        The second stage over the scaled context features (a clone of ``context``,
        else a logistic regression).
    """

    def __init__(self, base, offsets=(-3, -2, -1, 1, 2, 3), widths=(2, 5, 15), C=1.0, n_folds=5, context=None,
                 headline=False):
        self.base = base
        self.offsets = offsets
        self.widths = widths
        self.C = C
        self.n_folds = n_folds
        self.context = context
        self.headline = headline

    def __setstate__(self, state: dict) -> None:
        state.setdefault("headline", False)  # a model saved before the parameter existed saw no headline columns
        super().__setstate__(state)

    def fit(self, X, y, sample_weight=None, groups=None):
        target, weight = target_and_weight(y, sample_weight)
        self.classes_ = np.array([0, 1])
        together = doc_index(X) if groups is None else np.unique(np.asarray(groups), return_inverse=True)[1]
        oof = np.zeros(len(y))
        folds = GroupKFold(n_splits=min(self.n_folds, together.max() + 1))
        for train_rows, test_rows in folds.split(X, target, groups=together):
            stage1 = fit_weighted(clone(self.base), X[train_rows], target[train_rows], weight[train_rows])
            oof[test_rows] = stage1.predict_proba(X[test_rows])[:, 1]
        self.base_ = fit_weighted(clone(self.base), X, target, weight)
        Z = context_features(X, oof, self.offsets, self.widths, self.headline)
        self.scaler_ = StandardScaler().fit(Z)
        self.stage2_ = LogisticRegression(C=self.C, max_iter=2000) if self.context is None else clone(self.context)
        trained = weight > 0
        self.stage2_.fit(self.scaler_.transform(Z)[trained], target[trained], sample_weight=weight[trained])
        return self

    def first_stage_proba(self, X) -> np.ndarray:
        """Content probability from the first stage alone (no neighbour scores)."""
        return self.base_.predict_proba(X)[:, 1]

    def predict_proba(self, X) -> np.ndarray:
        p = self.first_stage_proba(X)
        Z = self.scaler_.transform(context_features(X, p, self.offsets, self.widths, self.headline))
        return self.stage2_.predict_proba(Z)

    def predict(self, X) -> np.ndarray:
        return (self.predict_proba(X)[:, 1] >= 0.5).astype(int)
