"""A gradient-boosted context stage whose leaves grow with the training data.

The stacked stage over the neighbours' scores is gradient-boosted trees since
0.12.0 (:func:`predict.pipeline.boosted_context`). scikit-learn's
``HistGradientBoostingClassifier`` asks for a fixed number of lines per leaf:
50 suits the 500,000 lines of the packaged model, but leaves a site model
trained on a dozen pages (a few hundred lines) with one leaf, a constant
score. Here the leaf size is a share of the labelled lines, between bounds.
"""
from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.ensemble import HistGradientBoostingClassifier

from predict.stages.binned import binned_proba


class BoostedContext(ClassifierMixin, BaseEstimator):
    """Gradient-boosted trees whose smallest leaf holds ``min_leaf_share`` of the training lines.

    Parameters
    ----------
    max_iter : int, default=200
        Boosting iterations (trees); fixed, no early stopping, so that a fit
        depends on its data and seed only.
    max_leaf_nodes : int, default=31
        Leaves per tree.
    learning_rate : float, default=0.1
        Shrinkage of each tree's contribution.
    min_leaf_share : float, default=1e-4
        The smallest leaf, as a share of the training lines; bounded by
        ``min_leaf`` (``min_leaf[0]`` lines at least, ``min_leaf[1]`` at most).
    min_leaf : tuple of int, default=(3, 50)
        Bounds of the smallest leaf, in lines.
    l2_regularization : float, default=1.0
        L2 penalty on leaf values.
    random_state : int, default=0
        Seed of the trees' randomness.

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
        ``[0, 1]``: junk, content.
    trees_ : HistGradientBoostingClassifier
        The fitted trees.
    """

    def __init__(self, max_iter=200, max_leaf_nodes=31, learning_rate=0.1, min_leaf_share=1e-4, min_leaf=(3, 50),
                 l2_regularization=1.0, random_state=0):
        self.max_iter = max_iter
        self.max_leaf_nodes = max_leaf_nodes
        self.learning_rate = learning_rate
        self.min_leaf_share = min_leaf_share
        self.min_leaf = min_leaf
        self.l2_regularization = l2_regularization
        self.random_state = random_state

    def fit(self, X, y, sample_weight=None):
        low, high = self.min_leaf
        leaf = int(np.clip(round(self.min_leaf_share * len(y)), low, high))
        self.trees_ = HistGradientBoostingClassifier(
            max_iter=self.max_iter, max_leaf_nodes=self.max_leaf_nodes, learning_rate=self.learning_rate,
            min_samples_leaf=leaf, l2_regularization=self.l2_regularization, early_stopping=False,
            random_state=self.random_state,
        ).fit(X, y, sample_weight=sample_weight)
        self.classes_ = self.trees_.classes_
        return self

    def predict_proba(self, X) -> np.ndarray:
        return binned_proba(self.trees_, X)  # equal to self.trees_.predict_proba(X), faster

    def predict(self, X) -> np.ndarray:
        return self.trees_.predict(X)
