"""Cross-validated figures for a training run, ours beside the baselines.

One table per scored corpus part: body and line F1 where pages carry gold
bodies and line labels, snippet precision/recall/F1 where they carry snippets.
"""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from train.crossval import cross_validate
from train.data.documents import PAGE_TYPES, LabelledDocument
from train.metrics import brier_score, expected_calibration_error, score_documents

FIGURES = ("body_f1", "line_f1", "snippet_precision", "snippet_recall", "snippet_f1", "word_f1",
           *(f"word_f1_{kind}" for kind in PAGE_TYPES), "comments_kept")


def calibration(docs: Sequence[LabelledDocument], probs: Sequence[np.ndarray]) -> dict[str, float]:
    """Reliability of content probabilities on labelled lines: ECE and Brier score."""
    p = np.concatenate([np.asarray(x, dtype=np.float64) for x in probs]) if probs else np.zeros(0)
    y = np.concatenate([np.asarray(d.labels) for d in docs]) if docs else np.zeros(0)
    known = y >= 0
    return {"ece": expected_calibration_error(p[known], y[known]), "brier": brier_score(p[known], y[known])}


Predictions = tuple[list[np.ndarray], list[np.ndarray] | None]
"""Out-of-fold keep masks of every document, and content probabilities when the method scores."""


def figures(docs: Sequence[LabelledDocument], masks: Sequence[np.ndarray],
            probs: Sequence[np.ndarray] | None) -> dict[str, float]:
    """The figures of one table cell: the scores that apply to ``docs``, plus calibration when scored."""
    row = {key: round(float(value), 4) for key, value in score_documents(docs, masks).items() if key in FIGURES}
    if probs is not None and any(d.labels and max(d.labels) >= 0 for d in docs):
        row.update({key: round(v, 4) for key, v in calibration(docs, probs).items()})
    return row


def cv_predictions(
    methods: Sequence[tuple[str, Callable[[], object]]],
    docs: Sequence[LabelledDocument],
    *,
    train_only: Sequence[LabelledDocument] = (),
    n_folds: int = 5,
    log: Callable[[str], None] = lambda message: None,
) -> dict[str, Predictions]:
    """``{method: predictions}`` from one grouped CV: every method on the same folds."""
    out = {}
    for label, make in methods:
        log(f"cross-validating {label} ({n_folds} folds grouped by domain)")
        out[label] = cross_validate(make, docs, train_only=train_only, n_folds=n_folds)
    return out


def tabulate(predictions: dict[str, Predictions], docs: Sequence[LabelledDocument],
             columns: dict[str, Sequence[int]]) -> dict[str, dict[str, dict[str, float]]]:
    """``{method: {column: figures}}``, each column scoring the documents at its indices."""
    return {label: column_figures(docs, columns, masks, probs) for label, (masks, probs) in predictions.items()}


def column_figures(docs: Sequence[LabelledDocument], columns: dict[str, Sequence[int]], masks: Sequence[np.ndarray],
                   probs: Sequence[np.ndarray] | None) -> dict[str, dict[str, float]]:
    """``{column: figures}`` of one method's predictions, each column scoring the documents at its indices."""
    return {name: figures([docs[i] for i in idx], [masks[i] for i in idx],
                          None if probs is None else [probs[i] for i in idx])
            for name, idx in columns.items()}


def parts_figures(parts: dict[str, list[LabelledDocument]], masks: Sequence[np.ndarray],
                  probs: Sequence[np.ndarray] | None) -> dict[str, dict[str, float]]:
    """``{part: figures}`` for one method's predictions over all parts' documents, in ``parts`` order."""
    docs, columns = part_columns(parts)
    return column_figures(docs, columns, masks, probs)


def part_columns(parts: dict[str, list[LabelledDocument]]) -> tuple[list[LabelledDocument], dict[str, list[int]]]:
    """All scored documents in part order, and the indices of each part's documents among them."""
    docs = [doc for name in parts for doc in parts[name]]
    bounds = np.cumsum([0] + [len(parts[name]) for name in parts]).tolist()
    return docs, {name: list(range(bounds[k], bounds[k + 1])) for k, name in enumerate(parts)}


def cv_table(
    methods: Sequence[tuple[str, Callable[[], object]]],
    parts: dict[str, list[LabelledDocument]],
    *,
    train_only: Sequence[LabelledDocument] = (),
    n_folds: int = 5,
    log: Callable[[str], None] = lambda message: None,
) -> dict[str, dict[str, dict[str, float]]]:
    """``{method: {part: figures}}`` from one grouped CV over all scored parts together.

    All scored documents share the folds (grouped by domain), so each method
    is trained once per fold; ``train_only`` documents join every training fold.
    """
    docs, columns = part_columns(parts)
    return tabulate(cv_predictions(methods, docs, train_only=train_only, n_folds=n_folds, log=log), docs, columns)


def format_table(table: dict[str, dict[str, dict[str, float]]]) -> str:
    """A plain-text table: one row per method, one column group per part."""
    methods = list(table)
    parts = list(next(iter(table.values()))) if table else []
    columns = [(part, key) for part in parts for key in (*FIGURES, "ece")
               if any(key in table[m].get(part, {}) for m in methods)]
    header = ["method"] + [f"{part}:{key}" for part, key in columns]
    rows = [[m] + [f"{table[m].get(part, {}).get(key, float('nan')):.3f}" for part, key in columns] for m in methods]
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)) for r in [header] + rows]
    return "\n".join(lines)
