"""Sequence decoding: junk and content come in runs.

A two-state hidden Markov model over each document's lines. Transition
probabilities are learned from the label sequences of the training documents
(junk tails and menus are long junk runs, articles long content runs); the
classifier's probabilities, divided by the class priors, act as emission
likelihoods. Forward-backward gives each line the posterior probability of
being content given the whole document, so a run of junk goes as a block while
a lone, well-supported article line between content lines survives. The
posterior is what ``score`` reports and what ``--threshold`` cuts.

Measured and not shipped (``decoder`` in :data:`train.recipe.MODEL_PARAMS`): on
top of the stacked stage it double-counts the context that stage already
reads (0.11.0: snippet F1 −0.023; docs/how-it-works.md, "Decoder"). So it is
no part of the runtime pipeline (:mod:`predict.pipeline`); it lives here for
the ``junkfilter-with-decoder`` row of ``python -m train.evaluate`` and for
recipes trained with ``decoder=True``.
"""
from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone

from predict.features.table import doc_bounds, doc_index
from predict.stages.weights import fit_weighted

EPS = 1e-6


def transition_matrix(labels: np.ndarray, docs: np.ndarray, weight: np.ndarray, smoothing: float) -> np.ndarray:
    """Row-stochastic 2x2 matrix ``A[from, to]`` counted over consecutive labelled lines of a document."""
    same_doc = docs[1:] == docs[:-1]
    known = (labels[1:] >= 0) & (labels[:-1] >= 0) & same_doc
    counts = np.full((2, 2), smoothing)
    w = np.minimum(weight[1:], weight[:-1])[known]
    np.add.at(counts, (labels[:-1][known], labels[1:][known]), w)
    return counts / counts.sum(axis=1, keepdims=True)


def forward_backward(likelihood: np.ndarray, bounds: np.ndarray, transitions: np.ndarray,
                     start: np.ndarray) -> np.ndarray:
    """Posterior state probabilities for every line (``likelihood``: lines x 2, per-state emission).

    All documents advance together, one line position per step, so the Python
    loop runs over the longest document's length, not over every line.
    """
    n = len(likelihood)
    posterior = np.zeros((n, 2))
    if n == 0:
        return posterior
    lengths = np.diff(bounds)
    order = np.argsort(-lengths, kind="stable")
    starts = bounds[:-1][order]
    lens = lengths[order]
    max_len = int(lens[0]) if len(lens) else 0
    active = np.searchsorted(-lens, -np.arange(1, max_len + 1), side="right")
    alpha = np.zeros((n, 2))
    scale_rows = []
    prev = None
    for t in range(max_len):
        rows = starts[: active[t]] + t
        e = likelihood[rows]
        a = e * start if t == 0 else e * (prev[: active[t]] @ transitions)
        a /= a.sum(axis=1, keepdims=True)
        alpha[rows] = a
        scale_rows.append(rows)
        prev = a
    beta = np.ones((n, 2))
    nxt = None
    for t in range(max_len - 1, -1, -1):
        rows = scale_rows[t]
        b = np.ones((len(rows), 2))
        if nxt is not None:
            k = len(nxt[0])
            b[:k] = (nxt[1] * likelihood[nxt[0]]) @ transitions.T
            b[:k] /= b[:k].sum(axis=1, keepdims=True)
        beta[rows] = b
        nxt = (rows, b)
    gamma = alpha * beta
    posterior[:] = gamma / np.maximum(gamma.sum(axis=1, keepdims=True), 1e-300)
    return posterior


class SequenceDecoder(ClassifierMixin, BaseEstimator):
    """Wrap a line classifier with a two-state HMM over each document's lines.

    Parameters
    ----------
    estimator : estimator
        The line classifier whose probabilities are decoded; cloned, never fitted in place.
    smoothing : float, default=1.0
        The add-k count for transitions and starts.
    emission_power : float, default=1.0
        Tempers the classifier's likelihoods (below 1 trusts the sequence more).
    decode : bool, default=True
        False passes the classifier's probabilities through unchanged (the
        ablation without the decoder).

    Attributes
    ----------
    estimator_ : estimator
        The fitted classifier.
    classes_ : ndarray of shape (2,)
        ``[0, 1]``: junk, content.
    prior_ : ndarray of shape (2,)
        Weighted share of junk and content among the labelled lines.
    transitions_ : ndarray of shape (2, 2)
        ``transitions_[from, to]``, counted over consecutive labelled lines.
    start_ : ndarray of shape (2,)
        Probabilities of a document's first line being junk or content.
    """

    def __init__(self, estimator, smoothing: float = 1.0, emission_power: float = 1.0, decode: bool = True):
        self.estimator = estimator
        self.smoothing = smoothing
        self.emission_power = emission_power
        self.decode = decode

    def fit(self, X, y, sample_weight=None, groups=None):
        """Fit the classifier (``groups`` goes to its stacking folds, see :class:`ContextStacker`) and the transitions."""
        y = np.asarray(y)
        weight = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        self.estimator_ = fit_weighted(clone(self.estimator), X, y, sample_weight, groups)
        self.classes_ = np.array([0, 1])
        labelled = y >= 0
        positive = np.sum(weight[labelled] * (y[labelled] == 1))
        prior = positive / max(np.sum(weight[labelled]), EPS)
        self.prior_ = np.array([1 - prior, prior])
        self.transitions_ = transition_matrix(y, doc_index(X), weight, self.smoothing)
        bounds = doc_bounds(X)
        first = bounds[:-1][np.diff(bounds) > 0]
        first = first[y[first] >= 0]
        start_counts = np.array([np.sum(y[first] == 0), np.sum(y[first] == 1)]) + self.smoothing
        self.start_ = start_counts / start_counts.sum()
        return self

    def classifier_proba(self, X) -> np.ndarray:
        """Content probability before sequence decoding."""
        return self.estimator_.predict_proba(X)[:, 1]

    def predict_proba(self, X) -> np.ndarray:
        p = self.classifier_proba(X)
        if not self.decode:
            return np.column_stack([1 - p, p])
        p = np.clip(p, EPS, 1 - EPS)
        likelihood = (np.column_stack([1 - p, p]) / self.prior_) ** self.emission_power
        return forward_backward(likelihood, doc_bounds(X), self.transitions_, self.start_)

    def predict(self, X) -> np.ndarray:
        return (self.predict_proba(X)[:, 1] >= 0.5).astype(int)
