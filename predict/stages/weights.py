"""Fitting with partial labels and sample weights, the same way in every stage.

Weakly labelled documents leave most lines unknown (label -1): those lines
still give context to their neighbours but must not be trained on. Every stage
turns labels into a 0/1 target and zero weight for unknown lines here.
"""
from __future__ import annotations

import warnings

import numpy as np


def target_and_weight(y, sample_weight=None) -> tuple[np.ndarray, np.ndarray]:
    """0/1 targets and weights in which lines labelled -1 weigh nothing."""
    y = np.asarray(y)
    weight = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    return (y > 0).astype(int), np.where(y >= 0, weight, 0.0)


def fit_weighted(estimator, X, y, sample_weight=None, groups=None):
    """Fit ``estimator`` on labelled lines, routing weights to a pipeline's final step.

    ``groups`` (lines that must share a fold: a page and the copies cut from
    it) reaches an estimator that cross-validates inside its fit, the stacking
    stage; a pipeline has no folds and is not given it.

    A quantile transform fitted on fewer lines than its number of quantiles
    uses one quantile per line, as it should, but warns each time; small
    training sets (a user's few labelled pages, a stacking fold) are normal
    here, so that warning is silenced.
    """
    target, weight = target_and_weight(y, sample_weight)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"n_quantiles \(\d+\) is greater than the total number of samples",
                                category=UserWarning)
        if hasattr(estimator, "steps"):
            return estimator.fit(X, target, **{f"{estimator.steps[-1][0]}__sample_weight": weight})
        return estimator.fit(X, target, sample_weight=weight, **({} if groups is None else {"groups": groups}))
