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

The new model is *worse* when, in any column, its headline figure (body F1,
else snippet F1, else line F1) is more than the column's tolerance below the
current one's: :data:`TOLERANCE`, or one line or snippet's worth in a small
column (see :func:`tolerances`). It may not replace the current model when it
is worse, when the two cannot be compared, or when it was trained without a
corpus part the current model was trained on (nothing here can show what that
loses).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Mapping, Sequence

import numpy as np

from predict.model import DEFAULT_MODEL, DEFAULT_THRESHOLD, ModelError, load_model, read_card
from train.data.documents import LabelledDocument
from train.fit import JunkFilterMethod
from train.metrics import f1_positives, headline_counts
from train.release.card import shown_path
from train.release.digests import document_digest
from train.report import Predictions, figures, format_table, part_columns, tabulate

NEW = "junkfilter"
"""The new recipe's name in the cross-validation predictions."""
CURRENT = "current recipe"
ADDED = "added"
"""The column of the documents the current model was not trained on."""
TOLERANCE = 0.005
"""How far a headline figure may fall in a column whose one line or snippet moves it less than this."""
HEADLINE = ("body_f1", "snippet_f1", "line_f1")
"""The figure that decides, per column: the first of these the column has."""

Row = dict[str, dict[str, float]]
"""Figures per column: ``{part or "added": {figure: value}}``."""


@dataclass(frozen=True)
class Baseline:
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

    def recorded(self, fingerprint: str) -> Row | None:
        """Its own cross-validated figures, when they were measured on the folds ``fingerprint`` names."""
        if (self.card.get("evaluation") or {}).get("fingerprint") != fingerprint:
            return None
        return (self.card.get("cross_validation") or {}).get(NEW)


def find_baseline(output: Path) -> Baseline | None:
    """The model at ``output`` (the one a new model would replace), else the packaged model, else None."""
    for path in (output, DEFAULT_MODEL):
        if path.is_file():
            return Baseline(path, read_card(path))
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


def refit_method(baseline: Baseline | None, fingerprint: str,
                 parts: Mapping[str, Sequence[LabelledDocument]]) -> tuple[str, Callable[[], RecipeMethod]] | None:
    """The current recipe as a cross-validation method, when its figures must be measured here.

    ``parts`` are this run's corpus parts by name, train-only ones included.
    None when there is nothing to compare with, when the current card holds
    figures for these very folds, or when none of its documents is in ``parts``.
    """
    if baseline is None or baseline.recorded(fingerprint) is not None:
        return None
    if not any(document_digest(doc) in baseline.documents for docs in parts.values() for doc in docs):
        return None
    threshold = float(baseline.card.get("threshold", DEFAULT_THRESHOLD))
    rule = baseline.card.get("uncertain_page_f1")
    params = dict(baseline.card.get("params") or {})
    weights = recorded_weights(baseline.card, parts)
    return CURRENT, lambda: RecipeMethod(baseline.documents, threshold, weights, rule, **params)


def tolerances(docs: Sequence[LabelledDocument], columns: dict[str, Sequence[int]]) -> dict[str, dict[str, float]]:
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
    for name, indices in columns.items():
        positives = f1_positives([docs[i] for i in indices])
        out[name] = {figure: max(TOLERANCE, 1.0 / count) if count else TOLERANCE
                     for figure, count in positives.items()}
    return out


def paired_spread(docs: Sequence[LabelledDocument], columns: dict[str, Sequence[int]],
                  current: Sequence[np.ndarray], new: Sequence[np.ndarray], resamples: int = 1000,
                  seed: int = 0) -> dict[str, dict[str, float]]:
    """``{column: {headline figure: spread}}``: how far chance alone moves the difference of two models' figure.

    ``current`` and ``new`` are the two models' keep masks of ``docs``. Each
    column's documents are drawn with replacement ``resamples`` times, both
    models scored on the same draw, and the spread is the standard deviation
    of the difference. A model that differs from another by less than twice
    this spread differs by what the choice of pages could as well have shown
    the other way. A column of one page has no spread: only
    :func:`tolerances` applies there.
    """
    rng = np.random.default_rng(seed)
    out = {}
    for name, indices in columns.items():
        chosen = [docs[i] for i in indices]
        figure, counts_current, scores = headline_counts(chosen, [current[i] for i in indices])
        _, counts_new, _ = headline_counts(chosen, [new[i] for i in indices])
        if len(counts_current) < 2:
            out[name] = {figure: 0.0}
            continue
        draws = rng.integers(0, len(counts_current), size=(resamples, len(counts_current)))
        differences = [scores(counts_new[draw]).f1 - scores(counts_current[draw]).f1 for draw in draws]
        out[name] = {figure: float(np.std(differences))}
    return out


def _headline(current: dict[str, float], new: dict[str, float]) -> str | None:
    return next((key for key in HEADLINE if key in current and key in new), None)


@dataclass(frozen=True)
class Comparison:
    """The new model beside the current one: held-out figures of both, and what follows from them."""

    against: Baseline
    how: str
    """How the current figures were obtained, or why there are none."""
    current: Row | None
    new: Row
    current_file: dict[str, float] | str | None
    """The current file's figures on the added documents, why it has none (str), or None: nothing added."""
    missing: tuple[str, ...]
    """Corpus parts the current model was trained on and this run was not."""
    tolerances: dict[str, dict[str, float]] = field(default_factory=dict)
    """How far each column's figures may fall (see :func:`tolerances`); :data:`TOLERANCE` where missing."""

    def tolerance(self, column: str, figure: str) -> float:
        return self.tolerances.get(column, {}).get(figure, TOLERANCE)

    def worse(self) -> list[str]:
        """Each column where the new headline figure fell by more than its tolerance."""
        out = []
        for column, new in self.new.items():
            current = (self.current or {}).get(column, {})
            key = _headline(current, new)
            if key and new[key] < current[key] - self.tolerance(column, key):
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
                     f"verdict: may replace it: not worse (no column fell by more than its tolerance: {TOLERANCE}, "
                     "or one line or snippet where that is more)")
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


def _file_figures(baseline: Baseline, docs: list[LabelledDocument]) -> dict[str, float] | str:
    """The current file's own figures on ``docs``, or why it cannot be loaded."""
    try:
        model = load_model(baseline.path)
    except ModelError as exc:
        return str(exc)
    probs = model.score_documents([doc.lines for doc in docs])
    return figures(docs, [model.keep_scored(doc.lines, p) for doc, p in zip(docs, probs)], probs)


def compare(baseline: Baseline, parts: dict[str, list[LabelledDocument]], predictions: dict[str, Predictions],
            fingerprint: str, trained_parts: Sequence[str]) -> Comparison:
    """Compare the new recipe's held-out ``predictions`` (and the current recipe's, when refit) with ``baseline``.

    ``parts`` are this run's scored parts, in the order they were
    cross-validated; ``trained_parts`` names every part this run trained on.
    """
    docs, columns = part_columns(parts)
    known = baseline.documents
    added = [i for i, doc in enumerate(docs) if document_digest(doc) not in known] if known else []
    if added:
        columns[ADDED] = added
    recorded = baseline.recorded(fingerprint)
    if recorded is not None:
        current, how = recorded, "its own figures from its card, measured on these same folds"
    elif CURRENT in predictions:
        current, how = tabulate({CURRENT: predictions[CURRENT]}, docs, columns)[CURRENT], \
            "both recipes fit on the same training part of each held-out fold"
    else:
        current = None
        how = ("its card does not list its training documents (made before they were recorded)" if not known else
               "none of its training documents is in this run" if len(added) == len(docs) else
               "its recipe could not be refit on these folds")
    new = tabulate({NEW: predictions[NEW]}, docs, columns)[NEW]
    missing = tuple(s["name"] for s in baseline.card.get("sources", []) if s.get("name") not in trained_parts)
    current_file = _file_figures(baseline, [docs[i] for i in added]) if added else None
    return Comparison(baseline, how, current, new, current_file, missing, tolerances(docs, columns))
