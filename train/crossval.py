"""Grouped cross-validation: every score is measured on sites the model never saw.

Documents are split into folds by their group (domain, else source file), so
no page of a held-out site is trained on. Documents that are only for training
(composed documents, say) join every training fold and are never scored.
"""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
from sklearn.model_selection import GroupKFold

from train.labelled import LabelledDocument


def grouped_folds(docs: Sequence[LabelledDocument], n_folds: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train, test) document indices, grouped by ``doc.group``; deterministic."""
    groups = [doc.group for doc in docs]
    n_splits = min(n_folds, len(set(groups)))
    if n_splits < 2:
        raise ValueError(f"cross-validation needs documents from at least 2 groups (domains); got {n_splits}")
    return list(GroupKFold(n_splits=n_splits).split(np.zeros(len(docs)), groups=groups))


def cross_validate(
    make_method: Callable[[], object],
    docs: Sequence[LabelledDocument],
    *,
    train_only: Sequence[LabelledDocument] = (),
    n_folds: int = 5,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[np.ndarray], list[np.ndarray] | None]:
    """Out-of-fold keep masks for ``docs`` (and content probabilities when the method scores).

    ``make_method()`` returns a fresh method with ``fit(docs)`` and
    ``keep_documents(lines)`` (and optionally ``score_documents``).
    """
    masks: list[np.ndarray] = [np.zeros(0, dtype=bool)] * len(docs)
    probs: list[np.ndarray] | None = [np.zeros(0)] * len(docs)
    folds = grouped_folds(docs, n_folds)
    for k, (train_idx, test_idx) in enumerate(folds):
        method = make_method().fit([docs[i] for i in train_idx] + list(train_only))
        lines = [docs[i].lines for i in test_idx]
        if hasattr(method, "score_documents"):
            scores = method.score_documents(lines)
            kept = [s >= method.threshold for s in scores]
        else:
            scores, kept = None, method.keep_documents(lines)
            probs = None
        for j, i in enumerate(test_idx):
            masks[i] = kept[j]
            if probs is not None and scores is not None:
                probs[i] = scores[j]
        if progress:
            progress(k + 1, len(folds))
    return masks, probs
