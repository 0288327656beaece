"""The side-by-side evaluation: every method on the same folds, pages and figures.

One table holds the baselines (keep-all, the C4 line rule,
jusText and trafilatura on the lines, TF-IDF + LR on isolated lines), our
model and its ablations (without context features, with the decoder switched):
grouped cross-validation over the scored corpus parts (real pages, snippet
pages, the seed pair), plus a column of held-out composed pages.

Fitting our model is what costs (a full CV takes about 20 minutes on two
cores), so:

- a :class:`Method` is fitted once per fold and may give several rows: the
  ablation without the decoder is the same fold models scored with the
  decoder switched (:meth:`train.fit.JunkFilterMethod.with_decoder`);
- methods that learn nothing (the rules and HTML extractors) are built once,
  never fitted, and score every document in one go;
- the held-out composed pages are scored by every fold's model and their
  column pools those k scorings (each page counts k times), so they cost no
  extra fit. No model has seen them: their articles and headlines come from
  the composer's test split and their site templates from another seed
  (``seed + HELDOUT_SEED_OFFSET``) than the composed training pages;
- every page with a gold text is scored a second time, by the same fold
  models, with a flattened dropdown in its head: the ``part@dropdown``
  columns and their ``dropdown_falls``, the pages that dropdown broke
  (:mod:`train.evaluate.dropdown`).
"""
from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Callable, Mapping, Sequence


from train.baselines import C4LineRule, IsolatedTfidfLR, JusTextLines, KeepAll, TrafilaturaLines
from train.data.compose import composed_from_shared
from train.data.corpus import shared_parts
from train.data.documents import LabelledDocument
from train.data.sources import SHARED_JSONL, SHARED_MISSING, WCXB_JSONL, read_sources, shared_dir
from train.data.threads import thread_pages
from train.evaluate.anchors import LABELS, TRAFILATURA_HTML, label_masks, trafilatura_html_figures
from train.evaluate.dropdown import attach_dropdowns, dropdown_figures
from train.fit import JunkFilterMethod
from train.report import (HELDOUT, Log, Method, Table, column_figures, figures_table, itself, part_columns, predict_rows,
                          rendered_figures)

OURS, NO_DECODER, NO_CONTEXT = "junkfilter", "junkfilter-no-decoder", "junkfilter-no-context"
FIXED_THRESHOLD = "junkfilter-fixed-threshold"
"""Our model with every page cut at the threshold (the page rule of :mod:`predict.decision` off), same fits."""
LINE_BY_LINE = "junkfilter-line-by-line"
"""Our model scoring every line on its own (hard-wrapped paragraphs not joined, :mod:`predict.reading`), same fits."""
KEEP_COPIES = "junkfilter-keep-copies"
"""Our model keeping every copy of a block the page repeats (:func:`predict.decision.later_copies` off), same fits."""
NO_HEADLINE_RULE = "junkfilter-no-headline-rule"
"""Our model leaving the page's headline to the model's scores (:func:`predict.decision.page_headline` off),
same fits."""
WITH_DECODER = "junkfilter-with-decoder"
"""The decoder row when the shipped model has its decoder off (``decoder=False``)."""
REFERENCES = (LABELS, TRAFILATURA_HTML)
"""Rows scored from the documents themselves, after the fitted ones: the ceiling and the HTML anchor."""
HELDOUT_SEED_OFFSET = 1
"""Held-out composed pages use ``seed + 1``: site templates the composed training pages do not have."""


def _decoder_row(params: Mapping[str, object]) -> dict[str, Callable[[object], object]]:
    """The ablation that flips our model's decoder, scored from the same fold models."""
    if params.get("decoder", True):
        return {NO_DECODER: partial(JunkFilterMethod.with_decoder, decode=False)}
    return {WITH_DECODER: partial(JunkFilterMethod.with_decoder, decode=True)}


def default_methods(params: Mapping[str, object]) -> list[Method]:
    """The table's rows: the baselines, our model built with ``params``, and its ablations (page rule, decoder,
    context)."""
    rules = [Method(rule, {rule.name: itself}, trained=False)
             for rule in (KeepAll, C4LineRule, JusTextLines, TrafilaturaLines)]
    return [
        *rules,
        Method(IsolatedTfidfLR, {IsolatedTfidfLR.name: itself}),
        Method(partial(JunkFilterMethod, **{"learn_decoder": True, **params}),
               {OURS: itself, FIXED_THRESHOLD: partial(JunkFilterMethod.with_reading, uncertain_page_f1=None),
                LINE_BY_LINE: partial(JunkFilterMethod.with_reading, unwrap=False),
                KEEP_COPIES: partial(JunkFilterMethod.with_reading, drop_copies=False),
                NO_HEADLINE_RULE: partial(JunkFilterMethod.with_reading, keep_headline=False),
                **_decoder_row(params)}),
        Method(partial(JunkFilterMethod, **{**params, "context": False}), {NO_CONTEXT: itself}),
    ]


ROW_NEEDS = {JusTextLines.name: ("justext", "eval"), TrafilaturaLines.name: ("trafilatura", "eval"),
             TRAFILATURA_HTML: ("trafilatura", "eval")}
"""The rows whose tool is an optional extra: ``{row: (module, extra)}``."""


def row_needs(rows: Sequence[str]) -> list[tuple[str, str, str]]:
    """``(module, extra, what)`` for each of ``rows`` whose tool is an optional extra (see :func:`train.extras.require`)."""
    return [(*ROW_NEEDS[row], f"the {row} row") for row in rows if row in ROW_NEEDS]


def row_names(methods: Sequence[Method]) -> list[str]:
    """Every row the methods give, in table order."""
    return [row for method in methods for row in method.rows]


def select_rows(methods: Sequence[Method], *, only: Sequence[str] | None = None,
                skip: Sequence[str] = ()) -> list[Method]:
    """The methods cut down to the rows wanted: ``only`` these, minus ``skip``.

    A method stays (and is fitted) while any of its rows is wanted, so the
    row without the decoder alone still fits our model. The :data:`REFERENCES`
    rows may be named too (see :func:`select_references`). Raises ``ValueError``
    for an unknown row name or when no row is left.
    """
    names = row_names(methods)
    unknown = [row for row in [*(only or ()), *skip] if row not in names and row not in REFERENCES]
    if unknown:
        raise ValueError(f"unknown row {', '.join(unknown)}; the rows are {', '.join([*names, *REFERENCES])}")
    wanted = set(names if only is None else only) - set(skip)
    if not wanted and not select_references(only=only, skip=skip):
        raise ValueError("no row left to evaluate; name at least one row that --skip does not drop")
    chosen = [replace(method, rows={row: view for row, view in method.rows.items() if row in wanted})
              for method in methods]
    return [method for method in chosen if method.rows]


def select_references(*, only: Sequence[str] | None = None, skip: Sequence[str] = ()) -> list[str]:
    """The :data:`REFERENCES` rows wanted: ``only`` these (all when None), minus ``skip``."""
    return [row for row in REFERENCES if (only is None or row in only) and row not in skip]


def reference_rows(names: Sequence[str], parts: dict[str, list[LabelledDocument]], shared: Path,
                   log: Log = lambda message: None) -> Table:
    """The rows that are not fitted line filters (:mod:`train.evaluate.anchors`): the labels' own
    figures on every part, and trafilatura on the original HTML on the parts whose pages have it."""
    table: Table = {}
    if LABELS in names:
        docs, columns = part_columns(parts)
        table[LABELS] = column_figures(docs, columns, label_masks(docs), None)
        table[LABELS].update(rendered_figures(parts, masks_of=lambda page: label_masks([page])[0]))
    if TRAFILATURA_HTML in names:
        table[TRAFILATURA_HTML] = {name: found for name, docs in parts.items()
                                   if (found := trafilatura_html_figures(shared, docs, log))}
    return table


def evaluate(
    methods: Sequence[Method],
    parts: dict[str, list[LabelledDocument]],
    *,
    heldout: Sequence[LabelledDocument] = (),
    train_only: Sequence[LabelledDocument] = (),
    n_folds: int = 5,
    log: Log = lambda message: None,
    store: Path | None = None,
) -> Table:
    """The evaluation table: grouped CV over all ``parts`` together (one column group each),
    ``train_only`` documents in every training fold, and a :data:`HELDOUT` column for ``heldout``;
    a ``part@dropdown`` column for the parts whose pages have a gold text (:mod:`train.evaluate.dropdown`)."""
    parts = attach_dropdowns(parts)
    docs = [doc for part in parts.values() for doc in part]
    predictions = predict_rows(methods, docs, heldout=heldout, train_only=train_only, n_folds=n_folds, log=log,
                               store=store)
    table = figures_table(predictions, parts, heldout)
    for row, columns in dropdown_figures(predictions, parts).items():
        for column, found in columns.items():
            table[row][column].update(found)
    return table


def evaluate_shared(methods: Sequence[Method], *, n_composed: int, n_heldout: int, seed: int, n_folds: int = 5,
                    references: Sequence[str] = (), renderings: Sequence[str] = (),
                    log: Log = lambda message: None, store: Path | None = None) -> Table:
    """:func:`evaluate` on the shared corpora (``SHARED_DIR``), as ``python -m train --shared`` trains.

    Scored by grouped CV: real pages, WCXB pages, snippet pages and the seed pair;
    ``n_composed`` composed pages (``seed``) join every training fold;
    ``n_heldout`` composed pages from the test split (``seed +
    HELDOUT_SEED_OFFSET``) form the held-out column. Raises
    ``FileNotFoundError`` when they are absent. The ``references`` rows
    (:data:`REFERENCES`) follow the fitted ones. The WCXB pages are also scored
    as each of ``renderings`` renders them (``wcxb@NAME`` columns). Fold models
    are kept in and read from ``store`` (:func:`train.crossval.fold_fits`).
    """
    folder = shared_dir()
    if folder is None:
        raise FileNotFoundError(f"{SHARED_MISSING}; the evaluation runs on them")
    corpus = shared_parts(n_composed, seed, renderings)
    heldout = (composed_from_shared(folder, n_heldout, seed=seed + HELDOUT_SEED_OFFSET, split="test")
               if n_heldout else [])
    for part in corpus:
        log(f"{part.name}: {len(part.documents)} documents, {part.n_lines} lines"
            f"{' (train only)' if part.train_only else ''}")
    log(f"{HELDOUT}: {len(heldout)} documents, {sum(len(doc.lines) for doc in heldout)} lines")
    scored = {part.name: part.documents for part in corpus if not part.train_only}
    table = evaluate(methods, scored, heldout=heldout,
                     train_only=[doc for part in corpus if part.train_only for doc in part.documents],
                     n_folds=n_folds, log=log, store=store) if methods else {}
    return {**table, **reference_rows(references, scored, folder, log)}


def comment_thread_pages() -> list[dict]:
    """The shared real pages (realpages and WCXB) whose readers' comment threads the ``comments_kept``
    figure counts (:func:`train.data.threads.thread_pages`); empty without them."""
    folder = shared_dir()
    files = [] if folder is None else [path for path in (folder / SHARED_JSONL[0], folder / WCXB_JSONL) if path.is_file()]
    return thread_pages(read_sources(files))
