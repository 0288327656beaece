"""Compare before replacing: a new model beside the current one, on the same held-out folds.

Scoring the current model's file on the folds would flatter it: it was
trained on them. So what is compared are recipes. In each held-out fold the
current model's recipe (its hyperparameters, refit on those of this run's
documents its card lists as its training documents) and the new recipe (this
run's hyperparameters and documents) are fit on the same training part and
scored on the same held-out part, and so are the newly added documents (those
the current card does not list), as a column of their own. When the current
card was measured on exactly these folds (same evaluation fingerprint, see
:mod:`train.release.digests`), its recorded figures are used as they stand: they come
from the current model's own code, and nothing is fit twice. The current file
itself is scored only on the added documents, which it has never seen.

Every column is compared: each corpus part, and each part as every other
tool renders it (``wcxb@markdownify``: a model trained without a rendering
once went in because no column showed it). The new model is *worse* when, in
any column, any of its F1 figures (:data:`CHECKED`: body, line and snippet F1,
word F1 over all pages and per page type) falls below the current one's by
more than the column allows: :data:`TOLERANCE`, or one line or snippet's
worth in a small column (see :func:`tolerances`), or, when both recipes were
refit here, twice the spread that resampling the column's pages gives their
difference (see :func:`paired_spread`), whichever is more. It may not
replace the current model when it is worse, when the two cannot be compared,
or when it was trained without a corpus part or rendering the current model
was trained on (nothing here can show what that loses).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Mapping, Sequence

import numpy as np

from predict.model import DEFAULT_MODEL, DEFAULT_THRESHOLD, ModelError, load_model, read_card
from train.data.documents import PAGE_TYPES, LabelledDocument
from train.fit import JunkFilterMethod
from train.metrics import f1_positives, figure_counts
from train.release.card import shown_path
from train.release.digests import document_digest
from train.crossval import OutOfFold
from train.report import RowPredictions, column_names, figures, format_table, part_columns

NEW = "junkfilter"
"""The new recipe's name in the cross-validation predictions."""
CURRENT = "current recipe"
ADDED = "added"
"""The column of the documents the current model was not trained on."""
TOLERANCE = 0.005
"""How far a figure may fall in a column whose one line or snippet moves it less than this."""
CHECKED = ("body_f1", "line_f1", "snippet_f1", "word_f1", *(f"word_f1_{kind}" for kind in PAGE_TYPES))
"""The figures compared in every column that has them."""

Row = dict[str, dict[str, float]]
"""Figures per column: ``{part or "added": {figure: value}}``."""


@dataclass(frozen=True)
class Incumbent:
    """The model a new one is compared with: its file and model card."""

    path: Path
    card: dict

    @property
    def version(self) -> str:
        return str(self.card.get("version", "?"))

    @property
    def documents(self) -> frozenset[str]:
        """Digests of the documents it was trained on (empty for cards made before they were recorded)."""
        return frozenset(self.card.get("training_documents") or ())

    def recorded(self, fingerprint: str, columns: Sequence[str]) -> Row | None:
        """Its own cross-validated figures, when they were measured on the folds ``fingerprint`` names
        and hold every one of ``columns``."""
        if (self.card.get("evaluation") or {}).get("fingerprint") != fingerprint:
            return None
        row = (self.card.get("cross_validation") or {}).get(NEW)
        return row if row is not None and set(columns) <= set(row) else None

    @property
    def trained_on(self) -> list[str]:
        """The corpus parts it was trained on, and ``part@rendering`` for each rendering of a part's pages."""
        out = []
        for source in self.card.get("sources", []):
            out.append(source.get("name"))
            renderings = source.get("renderings") or ()
            out += [f"{source.get('name')}@{name}" for name in renderings
                    if not isinstance(renderings, dict) or renderings[name].get("pages")]
        return out


def find_incumbent(output: Path) -> Incumbent | None:
    """The model at ``output`` (the one a new model would replace), else the packaged model, else None."""
    for path in (output, DEFAULT_MODEL):
        if path.is_file():
            return Incumbent(path, read_card(path))
    return None


class RecipeMethod(JunkFilterMethod):
    """The junkfilter method fitted only on the documents a recipe lists (by digest), at the recipe's weights.

    ``weights`` maps a document's digest to the per-line weight its corpus
    part had in the recipe; documents it does not name keep this run's weight.
    """

    def __init__(self, documents: frozenset[str], threshold: float = DEFAULT_THRESHOLD,
                 weights: Mapping[str, float] | None = None, uncertain_page_f1: float | None = None, **params):
        super().__init__(CURRENT, threshold, uncertain_page_f1, **params)
        self.documents = documents
        self.weights = dict(weights or {})

    def fit(self, docs: Sequence[LabelledDocument]) -> "RecipeMethod":
        chosen = []
        for doc in docs:
            digest = document_digest(doc)
            if digest in self.documents:
                weight = self.weights.get(digest, doc.weight)
                chosen.append(doc if weight == doc.weight else replace(doc, weight=weight))
        return super().fit(chosen)


def recorded_weights(card: dict, parts: Mapping[str, Sequence[LabelledDocument]]) -> dict[str, float]:
    """``{digest: weight}``: the weight the card records for each document's corpus part, where it differs.

    Part weights are code (``train.data.corpus.WEIGHTS``), and this run's documents
    carry this run's weights: refit without this, the current recipe would be
    trained at the new weights, and a change of weights would be compared
    with itself.
    """
    recorded = {source["name"]: float(source["weight"]) for source in card.get("sources", []) if "weight" in source}
    return {document_digest(doc): recorded[name] for name, docs in parts.items() if name in recorded
            for doc in docs if doc.weight != recorded[name]}


def refit_method(incumbent: Incumbent | None, fingerprint: str, parts: Mapping[str, Sequence[LabelledDocument]],
                 columns: Sequence[str] = ()) -> tuple[str, Callable[[], RecipeMethod]] | None:
    """The current recipe as a cross-validation method, when its figures must be measured here.

    ``parts`` are this run's corpus parts by name, train-only ones included,
    ``columns`` the columns this run scores. None when there is nothing to
    compare with, when the current card holds figures of every column for
    these very folds, or when none of its documents is in ``parts``.
    """
    if incumbent is None or incumbent.recorded(fingerprint, columns) is not None:
        return None
    if not any(document_digest(doc) in incumbent.documents for docs in parts.values() for doc in docs):
        return None
    threshold = float(incumbent.card.get("threshold", DEFAULT_THRESHOLD))
    rule = incumbent.card.get("uncertain_page_f1")
    params = dict(incumbent.card.get("params") or {})
    weights = recorded_weights(incumbent.card, parts)
    return CURRENT, lambda: RecipeMethod(incumbent.documents, threshold, weights, rule, **params)


Columns = Mapping[str, Sequence[LabelledDocument]]
"""The documents of each compared column: ``{column: documents}`` (a rendering's column holds the rendered pages)."""


def tolerances(columns: Columns) -> dict[str, dict[str, float]]:
    """``{column: {figure: tolerance}}``: :data:`TOLERANCE`, or one item's worth where that is more.

    One flipped line moves an F1 over ``P`` positives (content lines, ``with``
    snippets) by up to (2 - F) / (K + P - 1), K being the kept positives and
    negatives: about 1 / P at any F1 above 0.6. The project's own ``user``
    column has 63 content lines, so without this a model was refused for a
    single line of it (about 0.0085 there), a difference no held-out
    comparison can tell from noise; a user's few labelled pages meet the same.
    Body F1 counts token shingles, so it keeps :data:`TOLERANCE`.
    """
    out = {}
    for name, docs in columns.items():
        positives = f1_positives(list(docs))
        out[name] = {figure: max(TOLERANCE, 1.0 / count) if count else TOLERANCE
                     for figure, count in positives.items()}
    return out


def paired_spread(columns: Columns, current: Mapping[str, Sequence[np.ndarray]],
                  new: Mapping[str, Sequence[np.ndarray]], resamples: int = 1000,
                  seed: int = 0) -> dict[str, dict[str, float]]:
    """``{column: {figure: spread}}``: how far chance alone moves the difference of two models' figures.

    ``current`` and ``new`` are the two models' keep masks of each column's
    documents. Each column's documents are drawn with replacement
    ``resamples`` times, both models scored on the same draw, and the spread
    of each :data:`CHECKED` figure is the standard deviation of the
    difference. A model that differs from another by less than twice this
    spread differs by what the choice of pages could as well have shown the
    other way. A column of one page has no spread: only :func:`tolerances`
    applies there.
    """
    rng = np.random.default_rng(seed)
    out = {}
    for name, docs in columns.items():
        before, after = figure_counts(docs, current[name]), figure_counts(docs, new[name])
        draws = rng.integers(0, len(docs), size=(resamples, len(docs))) if len(docs) > 1 else None
        out[name] = {}
        for figure in CHECKED:
            if figure not in before:
                continue
            (rows_before, reduce), (rows_after, _) = before[figure], after[figure]
            out[name][figure] = 0.0 if draws is None else float(np.std(
                [reduce(rows_after[draw]) - reduce(rows_before[draw]) for draw in draws]))
    return out


@dataclass(frozen=True)
class Comparison:
    """The new model beside the current one: held-out figures of both, and what follows from them."""

    against: Incumbent
    how: str
    """How the current figures were obtained, or why there are none."""
    current: Row | None
    new: Row
    current_file: dict[str, float] | str | None
    """The current file's figures on the added documents, why it has none (str), or None: nothing added."""
    missing: tuple[str, ...]
    """Corpus parts the current model was trained on and this run was not."""
    tolerances: dict[str, dict[str, float]] = field(default_factory=dict)
    """How far each column's figures may fall (:func:`tolerances`, or twice :func:`paired_spread` where that
    is more); :data:`TOLERANCE` where missing."""

    def tolerance(self, column: str, figure: str) -> float:
        return self.tolerances.get(column, {}).get(figure, TOLERANCE)

    def worse(self) -> list[str]:
        """Each column and figure of :data:`CHECKED` that fell by more than it may."""
        out = []
        for column, new in self.new.items():
            current = (self.current or {}).get(column, {})
            for key in CHECKED:
                if key in current and key in new and new[key] < current[key] - self.tolerance(column, key):
                    out.append(f"{column} {key} {new[key]:.3f} < {current[key]:.3f}")
        return out

    def reasons(self) -> list[str]:
        """Why the new model may not replace the current one; empty when it may."""
        out = [] if self.current else [f"it cannot be compared on held-out folds: {self.how}"]
        if self.missing:
            out.append(f"it was not trained on {', '.join(self.missing)}, which the current model was trained on")
        if self.worse():
            out.append(f"it is worse on held-out folds ({'; '.join(self.worse())})")
        return out

    def rows(self, new_version: str) -> dict[str, Row]:
        """The side-by-side table: new, current (held out) and the current file (added documents only)."""
        table = {f"new {new_version}": self.new, f"current {self.against.version}": self.current or {}}
        if isinstance(self.current_file, dict):
            table[f"current file {self.against.version}"] = {ADDED: self.current_file}
        return table

    def report(self, new_version: str) -> str:
        """The comparison as printed: what was compared, the table, the verdict."""
        lines = [f"compared with {shown_path(self.against.path)} (version {self.against.version}): {self.how}",
                 format_table(self.rows(new_version))]
        if isinstance(self.current_file, str):
            lines.append(f"the current file was not scored on the added documents: {self.current_file}")
        reasons = self.reasons()
        lines.append(f"verdict: may not replace it: {'; '.join(reasons)}" if reasons else
                     f"verdict: may replace it: not worse (no figure of any column fell by more than {TOLERANCE}, "
                     "one line or snippet, or twice the spread of the difference, whichever is more)")
        return "\n".join(lines)

    def as_card(self, new_version: str) -> dict:
        """The comparison as the new model card records it."""
        return {
            "against": {"model": shown_path(self.against.path), "version": self.against.version,
                        "model_sha256": self.against.card.get("model_sha256")},
            "how": self.how,
            "tolerance": TOLERANCE,
            "tolerances": self.tolerances,
            "figures": self.rows(new_version),
            "missing_parts": list(self.missing),
            "reasons": self.reasons(),
        }


def _file_figures(incumbent: Incumbent, docs: list[LabelledDocument]) -> dict[str, float] | str:
    """The current file's own figures on ``docs``, or why it cannot be loaded."""
    try:
        model = load_model(incumbent.path)
    except ModelError as exc:
        return str(exc)
    probs = model.score_documents([doc.lines for doc in docs])
    return figures(docs, [model.keep_scored(doc.lines, p) for doc, p in zip(docs, probs)], probs)


def _views(parts: Mapping[str, Sequence[LabelledDocument]], added: Sequence[int]
           ) -> dict[str, tuple[list[int], str | None]]:
    """``{column: (document indices, rendering or None)}``: each part, each part's renderings, and :data:`ADDED`."""
    docs, columns = part_columns(dict(parts))
    views: dict[str, tuple[list[int], str | None]] = {}
    for name in column_names(dict(parts)):
        part, _, rendering = name.partition("@")
        views[name] = ([i for i in columns[part] if rendering in docs[i].renderings] if rendering else columns[part],
                       rendering or None)
    if added:
        views[ADDED] = (list(added), None)
    return views


def compare(incumbent: Incumbent, parts: dict[str, list[LabelledDocument]], predictions: Mapping[str, RowPredictions],
            fingerprint: str, trained: Sequence[str]) -> Comparison:
    """Compare the new recipe's held-out ``predictions`` (and the current recipe's, when refit) with ``incumbent``.

    ``parts`` are this run's scored parts, in the order they were
    cross-validated; ``trained`` names every part this run trained on and,
    as ``part@rendering``, every rendering of a part's pages it trained on.
    """
    docs, _ = part_columns(parts)
    known = incumbent.documents
    added = [i for i, doc in enumerate(docs) if document_digest(doc) not in known] if known else []
    views = _views(parts, added)
    column_docs = {name: [docs[i] if rendering is None else docs[i].renderings[rendering] for i in indices]
                   for name, (indices, rendering) in views.items()}

    def predicted(row: str, rendering: str | None) -> OutOfFold:
        return predictions[row].scored if rendering is None else predictions[row].rendered[rendering]

    def masks(row: str) -> dict[str, list[np.ndarray]]:
        return {name: [predicted(row, rendering).masks[i] for i in indices]
                for name, (indices, rendering) in views.items()}

    def table(row: str) -> Row:
        kept = masks(row)
        out = {}
        for name, (indices, rendering) in views.items():
            probs = predicted(row, rendering).probs
            out[name] = figures(column_docs[name], kept[name], None if probs is None else [probs[i] for i in indices])
        return out

    allowed = tolerances(column_docs)
    recorded = incumbent.recorded(fingerprint, [name for name in views if name != ADDED])
    if recorded is not None:
        current, how = recorded, "its own figures from its card, measured on these same folds"
    elif CURRENT in predictions:
        current, how = table(CURRENT), "both recipes fit on the same training part of each held-out fold"
        for name, spread in paired_spread(column_docs, masks(CURRENT), masks(NEW)).items():
            allowed[name] = {figure: max(allowed[name].get(figure, TOLERANCE), 2 * value)
                             for figure, value in {**allowed[name], **spread}.items()}
    else:
        current = None
        how = ("its card does not list its training documents (made before they were recorded)" if not known else
               "none of its training documents is in this run" if len(added) == len(docs) else
               "its recipe could not be refit on these folds")
    missing = tuple(name for name in incumbent.trained_on if name not in trained)
    current_file = _file_figures(incumbent, column_docs[ADDED]) if added else None
    return Comparison(incumbent, how, current, table(NEW), current_file, missing, allowed)
