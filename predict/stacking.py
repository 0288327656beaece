"""Second-stage stacking: a line judged by its neighbours' first-stage scores.

The first stage scores each line from its own features and its relation to its
document. Junk comes in runs (menus, headline tails) and article paragraphs
come in runs, so the strongest evidence about a line is often what
the first stage thought of the lines around it and of the document as a whole.
``ContextStacker`` feeds out-of-fold first-stage scores of a window of
neighbours and document summaries to a second logistic regression. With
``rounds=2`` a third one sees the same context of the second stage's own
out-of-fold scores as well (auto-context): what a line's neighbours look like
once context has been taken into account once.
"""
from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

from predict.docops import DocumentWindows, cumulative_before, doc_mean, doc_reduce, line_positions, running_max
from predict.fitting import fit_weighted, target_and_weight
from predict.table import doc_bounds, doc_index, texts_of

EPS = 1e-4


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, EPS, 1 - EPS)
    return np.log(p / (1 - p))


def context_features(table: np.ndarray, p: np.ndarray, offsets, widths) -> np.ndarray:
    """Second-stage inputs: a line's first-stage score, its neighbours' scores, document summaries."""
    bounds = doc_bounds(table)
    z = logit(p)
    index, starts, ends = line_positions(bounds)
    size = (ends - starts).astype(np.float64)
    chars = np.fromiter(map(len, texts_of(table)), dtype=np.float64, count=len(p))
    mass = p * chars
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
    return np.column_stack(cols)


class ContextStacker(ClassifierMixin, BaseEstimator):
    """First-stage classifier ``base`` plus logistic regressions over its scores in context.

    Rows with label -1 are unlabelled: they give context but are not trained on.
    ``n_folds`` grouped-by-document folds produce the out-of-fold first-stage
    scores the second stage is trained on, so it learns how far to trust them
    on unseen documents. Each of the ``rounds`` context stages sees the
    context columns of the scores before it and of every earlier round; the
    same folds give each round the out-of-fold scores of the one before.
    """

    def __init__(self, base, offsets=(-3, -2, -1, 1, 2, 3), widths=(2, 5, 15), C=1.0, n_folds=5, rounds=1):
        self.base = base
        self.offsets = offsets
        self.widths = widths
        self.C = C
        self.n_folds = n_folds
        self.rounds = rounds

    def fit(self, X, y, sample_weight=None):
        target, weight = target_and_weight(y, sample_weight)
        self.classes_ = np.array([0, 1])
        docs = doc_index(X)
        folds = list(GroupKFold(n_splits=min(self.n_folds, docs.max() + 1)).split(X, target, groups=docs))
        scores = np.zeros(len(y))
        for train_rows, test_rows in folds:
            stage1 = fit_weighted(clone(self.base), X[train_rows], target[train_rows], weight[train_rows])
            scores[test_rows] = stage1.predict_proba(X[test_rows])[:, 1]
        self.base_ = fit_weighted(clone(self.base), X, target, weight)
        self.stages_, columns = [], None
        for round_ in range(self.rounds):
            columns = self._context(X, scores, columns)
            if round_ + 1 < self.rounds:
                for train_rows, test_rows in folds:
                    stage = self._stage(columns[train_rows], target[train_rows], weight[train_rows])
                    scores[test_rows] = stage.predict_proba(columns[test_rows])[:, 1]
            self.stages_.append(self._stage(columns, target, weight))
        return self

    def _context(self, X, p: np.ndarray, earlier: np.ndarray | None) -> np.ndarray:
        """The context columns of scores ``p``, after those of the earlier rounds."""
        columns = context_features(X, p, self.offsets, self.widths)
        return columns if earlier is None else np.column_stack([earlier, columns])

    def _stage(self, columns: np.ndarray, target: np.ndarray, weight: np.ndarray) -> Pipeline:
        stage = make_pipeline(StandardScaler(), LogisticRegression(C=self.C, max_iter=2000))
        return stage.fit(columns, target, logisticregression__sample_weight=weight)

    def __setstate__(self, state: dict) -> None:
        """Load models pickled before ``rounds`` (0.9.0 and earlier): one stage, kept as two attributes."""
        if "stage2_" in state:
            state["stages_"] = [Pipeline([("standardscaler", state.pop("scaler_")),
                                          ("logisticregression", state.pop("stage2_"))])]
            state.setdefault("rounds", 1)
        super().__setstate__(state)

    def first_stage_proba(self, X) -> np.ndarray:
        """Content probability from the first stage alone (no neighbour scores)."""
        return self.base_.predict_proba(X)[:, 1]

    def predict_proba(self, X) -> np.ndarray:
        p, columns = self.first_stage_proba(X), None
        for stage in self.stages_:
            columns = self._context(X, p, columns)
            proba = stage.predict_proba(columns)
            p = proba[:, 1]
        return proba

    def predict(self, X) -> np.ndarray:
        return (self.predict_proba(X)[:, 1] >= 0.5).astype(int)
