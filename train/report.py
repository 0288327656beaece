"""Cross-validated figures for a training run, ours beside the baselines.

One table per scored corpus part: body and line F1 where pages carry gold
bodies and line labels, snippet precision/recall/F1 where they carry snippets.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping, Sequence

import numpy as np
from tqdm import tqdm

from train.crossval import OutOfFold, Predictions, fold_fits, predict_documents
from train.data.documents import PAGE_TYPES, TITLE_KIND, LabelledDocument
from train.data.junk_kinds import KINDS
from train.metrics import brier_score, document_figures, expected_calibration_error

DROPDOWN_FALLS = "dropdown_falls"
"""Pages whose word F1 a flattened dropdown inserted in their head broke (:mod:`train.evaluate.dropdown`): a count."""
FIGURES = ("body_f1", "line_f1", "snippet_precision", "snippet_recall", "snippet_f1", "word_f1",
           *(f"word_f1_{kind}" for kind in PAGE_TYPES), "comments_kept",
           *(f"kept_{kind}" for kind in (*KINDS, TITLE_KIND)), "headline_pages_kept", DROPDOWN_FALLS)


def calibration(docs: Sequence[LabelledDocument], probs: Sequence[np.ndarray]) -> dict[str, float]:
    """Reliability of content probabilities on labelled lines: ECE and Brier score."""
    p = np.concatenate([np.asarray(x, dtype=np.float64) for x in probs]) if probs else np.zeros(0)
    y = np.concatenate([np.asarray(d.labels) for d in docs]) if docs else np.zeros(0)
    known = y >= 0
    return {"ece": expected_calibration_error(p[known], y[known]), "brier": brier_score(p[known], y[known])}


Table = dict[str, dict[str, dict[str, float]]]
"""``{row: {part: {figure: value}}}``, as :func:`format_table` prints it."""

Log = Callable[[str], None]
"""Where progress messages go: a logger's ``info`` (see :mod:`predict.cli.messages`)."""

HELDOUT = "heldout-composed"
"""The column of held-out documents (composed pages no fold trained on)."""


def itself(method: object) -> object:
    """The row a fitted method gives as it is (see :class:`Method`)."""
    return method


@dataclass(frozen=True)
class Method:
    """A kind of line filter and the table rows that one fit of it gives.

    ``make()`` returns a fresh method (``fit``, ``keep_documents``, and
    optionally ``score_documents`` and ``keep_scored``); ``rows`` maps each row
    name to what scores that row, given the fitted method. A method that is
    not ``trained`` learns nothing: it is built once and never fitted.
    """

    make: Callable[[], object]
    rows: Mapping[str, Callable[[object], object]]
    trained: bool = True


@dataclass
class RowPredictions:
    """One row's predictions: out of fold on the scored documents, and one run over the
    held-out documents per fitted model (per fold; once for a method that is not trained)."""

    scored: OutOfFold
    heldout_runs: list[Predictions] = field(default_factory=list)
    rendered: dict[str, OutOfFold] = field(default_factory=dict)
    """Out of fold on each scored document's other renderings, by rendering (see :func:`rendering_names`)."""


def rendering_names(docs: Sequence[LabelledDocument]) -> list[str]:
    """Every rendering some of ``docs`` carry besides their own lines, in first-seen order."""
    return list(dict.fromkeys(name for doc in docs for name in doc.renderings))


def column_names(parts: dict[str, list[LabelledDocument]]) -> list[str]:
    """The columns :func:`figures_table` gives for ``parts`` (held-out aside): each part, then a
    ``part@rendering`` column for each other rendering of a part's pages."""
    rendered = [f"{part}@{name}" for part, docs in parts.items() for name in rendering_names(docs)]
    return [*parts, *rendered]


def predict_rows(
    methods: Sequence[Method],
    docs: Sequence[LabelledDocument],
    *,
    heldout: Sequence[LabelledDocument] = (),
    train_only: Sequence[LabelledDocument] = (),
    n_folds: int = 5,
    log: Log = lambda message: None,
    progress: bool = False,
    store: Path | None = None,
) -> dict[str, RowPredictions]:
    """Every row's predictions on ``docs`` (grouped CV) and on ``heldout``, fitting each method once per fold.

    With ``progress``, a bar on stderr per trained method advances fold by fold, with tqdm's estimate
    of the time left (a fold's fit takes minutes on the shared corpora); without, ``log`` says when each
    fold is done. Fold models are kept in and read from ``store`` (see :func:`train.crossval.fold_fits`).
    """
    lines = [doc.lines for doc in docs]
    heldout_lines = [doc.lines for doc in heldout]
    renderings = rendering_names(docs)
    predictions: dict[str, RowPredictions] = {}
    for method in methods:
        rows = {row: RowPredictions(OutOfFold(len(docs)), rendered={name: OutOfFold(len(docs)) for name in renderings})
                for row in method.rows}
        names = ", ".join(rows)
        if method.trained:
            log(f"{names}: one fit per fold ({n_folds} folds grouped by domain)")
            bar = tqdm(total=n_folds, desc=f"{names}: folds", unit="fold", disable=not progress, leave=False)
            fits = fold_fits(method.make, docs, train_only=train_only, n_folds=n_folds,
                             progress=lambda k, n: bar.update() if progress else
                             log(f"{names}: fold {k}/{n} fitted and scored"), store=store)
        else:
            log(f"{names}: nothing to train; scoring every document once")
            fits = [(np.arange(len(docs)), method.make())]
        for test_idx, fitted in fits:
            for row, view in method.rows.items():
                scorer = view(fitted)
                rows[row].scored.put(test_idx, predict_documents(scorer, [lines[i] for i in test_idx]))
                for name, out_of_fold in rows[row].rendered.items():
                    rendered = [i for i in test_idx if name in docs[i].renderings]
                    out_of_fold.put(rendered, predict_documents(scorer, [docs[i].renderings[name].lines
                                                                         for i in rendered]))
                if heldout:
                    rows[row].heldout_runs.append(predict_documents(scorer, heldout_lines))
        if method.trained:
            bar.close()
        predictions.update(rows)
    return predictions


def figures_table(predictions: Mapping[str, RowPredictions], parts: dict[str, list[LabelledDocument]],
                  heldout: Sequence[LabelledDocument] = ()) -> Table:
    """Figures per row and part (``parts`` in the order :func:`predict_rows` got their documents), a
    ``part@rendering`` column for each other rendering of a part's pages, and the :data:`HELDOUT` column
    pooled over the held-out runs when there are held-out documents."""
    table: Table = {}
    for row, predicted in predictions.items():
        table[row] = parts_figures(parts, predicted.scored.masks, predicted.scored.probs)
        table[row].update(rendered_figures(parts, predicted.rendered))
        if heldout:
            runs = predicted.heldout_runs
            masks = [mask for run_masks, _ in runs for mask in run_masks]
            probs = None if any(p is None for _, p in runs) else [p for _, run_probs in runs for p in run_probs]
            table[row][HELDOUT] = figures(list(heldout) * len(runs), masks, probs)
    return table


def rendered_figures(parts: dict[str, list[LabelledDocument]], rendered: Mapping[str, OutOfFold] | None = None,
                     masks_of: Callable[[LabelledDocument], np.ndarray] | None = None) -> Table:
    """``{part@rendering: figures}`` over the pages of each part that carry that rendering: from a row's
    out-of-fold ``rendered`` predictions (``parts`` in :func:`predict_rows` order), or ``masks_of`` each
    rendered page."""
    docs, columns = part_columns(parts)
    table: Table = {}
    for part, indices in columns.items():
        for name in rendering_names([docs[i] for i in indices]):
            have = [i for i in indices if name in docs[i].renderings]
            pages = [docs[i].renderings[name] for i in have]
            if masks_of is not None:
                table[f"{part}@{name}"] = figures(pages, [masks_of(page) for page in pages], None)
                continue
            predicted = rendered[name]
            probs = None if predicted.probs is None else [predicted.probs[i] for i in have]
            table[f"{part}@{name}"] = figures(pages, [predicted.masks[i] for i in have], probs)
    return table


def figures(docs: Sequence[LabelledDocument], masks: Sequence[np.ndarray],
            probs: Sequence[np.ndarray] | None) -> dict[str, float]:
    """The figures of one table cell: the scores that apply to ``docs``, plus calibration when scored."""
    row = {key: round(float(value), 4) for key, value in document_figures(docs, masks).items() if key in FIGURES}
    if probs is not None and any(d.labels and max(d.labels) >= 0 for d in docs):
        row.update({key: round(v, 4) for key, v in calibration(docs, probs).items()})
    return row


def cv_predictions(
    methods: Sequence[tuple[str, Callable[[], object]]],
    docs: Sequence[LabelledDocument],
    *,
    train_only: Sequence[LabelledDocument] = (),
    n_folds: int = 5,
    log: Log = lambda message: None,
    progress: bool = False,
    store: Path | None = None,
) -> dict[str, RowPredictions]:
    """``{method: predictions}`` from one grouped CV: every method fitted on the same folds and scored
    out of fold on each document and on its other renderings (:func:`predict_rows`)."""
    return predict_rows([Method(make, {label: itself}) for label, make in methods], docs, train_only=train_only,
                        n_folds=n_folds, log=log, progress=progress)


def tabulate(predictions: Mapping[str, RowPredictions], docs: Sequence[LabelledDocument],
             columns: dict[str, Sequence[int]]) -> Table:
    """``{method: {column: figures}}``, each column scoring the documents at its indices (their own lines)."""
    return {label: column_figures(docs, columns, predicted.scored.masks, predicted.scored.probs)
            for label, predicted in predictions.items()}


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
    log: Log = lambda message: None,
) -> Table:
    """``{method: {part: figures}}`` from one grouped CV over all scored parts together, with a
    ``part@rendering`` column for each other rendering of a part's pages.

    All scored documents share the folds (grouped by domain), so each method
    is trained once per fold; ``train_only`` documents join every training fold.
    """
    docs, _ = part_columns(parts)
    return figures_table(cv_predictions(methods, docs, train_only=train_only, n_folds=n_folds, log=log), parts)


def _cell(value: float) -> str:
    """A figure as the table prints it: a count as it is, a score to three decimals."""
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def format_table(table: dict[str, dict[str, dict[str, float]]]) -> str:
    """A plain-text table: one row per method, one column group per part."""
    methods = list(table)
    parts = list(next(iter(table.values()))) if table else []
    columns = [(part, key) for part in parts for key in (*FIGURES, "ece")
               if any(key in table[m].get(part, {}) for m in methods)]
    header = ["method"] + [f"{part}:{key}" for part, key in columns]
    rows = [[m] + [_cell(table[m][part][key]) if key in table[m].get(part, {}) else "-" for part, key in columns]
            for m in methods]
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)) for r in [header] + rows]
    return "\n".join(lines)
