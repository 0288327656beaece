"""Grouped cross-validation: every score is measured on sites the model never saw.

Documents are split into folds by their group (domain, else source file), so
no page of a held-out site is trained on. Documents that are only for training
(composed documents, say) join every training fold and are never scored.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Callable, Iterator, Sequence

import joblib
import numpy as np
from sklearn.model_selection import GroupKFold

from predict.corpus.atomic import atomic_writer

from train.data.documents import LabelledDocument

Predictions = tuple[list[np.ndarray], list[np.ndarray] | None]
"""Keep masks, and content probabilities when the method scores (else None), one per document."""


def grouped_folds(docs: Sequence[LabelledDocument], n_folds: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train, test) document indices, grouped by ``doc.group``; deterministic."""
    groups = [doc.group for doc in docs]
    n_splits = min(n_folds, len(set(groups)))
    if n_splits < 2:
        raise ValueError(f"cross-validation needs documents from at least 2 groups (domains); got {n_splits}")
    return list(GroupKFold(n_splits=n_splits).split(np.zeros(len(docs)), groups=groups))


def fold_fits(
    make_method: Callable[[], object],
    docs: Sequence[LabelledDocument],
    *,
    train_only: Sequence[LabelledDocument] = (),
    n_folds: int = 5,
    progress: Callable[[int, int], None] | None = None,
    store: Path | None = None,
) -> Iterator[tuple[np.ndarray, object]]:
    """Per fold: the test document indices and a fresh method fitted on the other folds plus ``train_only``.

    ``progress(k, n)`` is called once the caller is done with fold ``k`` of ``n``. With a ``store`` folder,
    a fold's fitted method is saved there and read back by a later call that would fit the same one
    (:func:`fold_key`), so that what is measured from fold models (a decision rule, another
    rendering) costs no refit.
    """
    folds = grouped_folds(docs, n_folds)
    for k, (train_idx, test_idx) in enumerate(folds):
        training = [docs[i] for i in train_idx] + list(train_only)
        path = None if store is None else Path(store) / f"fold-{fold_key(make_method, training)}.joblib"
        if path is not None and path.is_file():
            fitted = joblib.load(path)
        else:
            fitted = make_method().fit(training)
            if path is not None:
                with atomic_writer(path) as handle:
                    joblib.dump(fitted, handle)
        yield test_idx, fitted
        if progress:
            progress(k + 1, len(folds))


def fold_key(make_method: Callable[[], object], training: Sequence[LabelledDocument]) -> str:
    """What names one fit: the method and its parameters (``repr``, which names the renderings a recipe trains
    on) and each training document's lines, labels and weight; 16 hex digits of their sha256. Not the document's
    source: the seed pair's is the path it was read from, so another checkout (a git worktree, a clone) would
    name the same fit otherwise. The other renderings a page carries to be scored in are left out: they change
    no fit."""
    digest = hashlib.sha256(json.dumps(repr(make_method)).encode("utf-8"))
    for doc in training:
        digest.update(json.dumps([doc.lines, list(doc.labels), doc.weight], default=str).encode("utf-8"))
    return digest.hexdigest()[:16]


def predict_documents(method: object, documents: Sequence[Sequence[str]]) -> Predictions:
    """A fitted method's keep masks, and its content probabilities when it has ``score_documents``."""
    if hasattr(method, "score_documents"):
        scores = method.score_documents(documents)
        return method.keep_scored(documents, scores), scores
    return method.keep_documents(documents), None


class OutOfFold:
    """Predictions for ``n`` documents, filled in fold by fold at the fold's test indices.

    ``probs`` becomes None as soon as one fold's method gives masks only.
    """

    def __init__(self, n: int) -> None:
        self.masks: list[np.ndarray] = [np.zeros(0, dtype=bool)] * n
        self.probs: list[np.ndarray] | None = [np.zeros(0)] * n

    def put(self, indices: Sequence[int], predictions: Predictions) -> None:
        masks, probs = predictions
        for j, i in enumerate(indices):
            self.masks[i] = masks[j]
            if probs is not None and self.probs is not None:
                self.probs[i] = probs[j]
        if probs is None:
            self.probs = None
