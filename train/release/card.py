"""The model card: how a packaged model was made and how well it did.

Written beside every model file; :func:`predict.load_model` trusts a model
only if its sha256 matches the card. Besides the figures, the card records
what a later run needs to compare a new model with this one fairly: the
model's version, its hyperparameters, a digest of every training document
(see :mod:`train.release.digests`) and the fingerprint of the folds it was scored on.
File paths are written relative to the repository when they are inside the
folder that holds it (``datasets/...``, ``../shared/...``), so the card reads
the same in every clone.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import platform
from pathlib import Path
from typing import Iterable, Sequence

from predict.decision import LOWEST_CUT
from predict.model import file_sha256
from train.extras import package_version
from train.recipe import corpus_renderings

LIBRARIES = ("scikit-learn", "numpy", "scipy", "joblib", "skops")
REPO_ROOT = Path(__file__).resolve().parents[2]


def library_versions() -> dict[str, str]:
    """Versions of Python and the libraries a pickled model depends on."""
    return {"python": platform.python_version(), **{name: package_version(name) for name in LIBRARIES}}


def shown_path(path: Path) -> str:
    """``path`` relative to the repository when it is inside the repository's parent folder, else absolute."""
    resolved = Path(path).resolve()
    if resolved.is_relative_to(REPO_ROOT.parent):
        return Path(os.path.relpath(resolved, REPO_ROOT)).as_posix()
    return str(resolved)


def source_entry(name: str, files: Iterable[Path], documents: int, lines: int, labelled: int, **extra) -> dict:
    """One training source: its files with sha256, and what it contributed."""
    entry = {
        "name": name,
        "files": {shown_path(path): file_sha256(path) for path in sorted(set(files)) if Path(path).is_file()},
        "documents": documents,
        "lines": lines,
        "labelled_lines": labelled,
    }
    entry.update(extra)
    return entry


def build_card(*, version: str, params: dict, sources: list[dict], cv: dict | None, threshold: float,
               uncertain_page_f1: float | None, seed: int, command: str, training_documents: Sequence[str] = (),
               evaluation: dict | None = None, comparison: dict | None = None) -> dict:
    """The card's fields (the model file's sha256 is added when the model is saved).

    ``version`` is the model's version; ``threshold`` and ``uncertain_page_f1``
    are how it keeps lines (see :mod:`predict.decision`); ``evaluation`` says how ``cv`` was
    measured (folds and their fingerprint); ``comparison`` holds the figures
    of the model this one was compared with, side by side with its own.
    """
    from predict import __version__

    return {
        "name": "junkfilter",
        "version": version,
        "predict_version": __version__,
        "created": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "libraries": library_versions(),
        "command": command,
        "seed": seed,
        "threshold": threshold,
        "uncertain_page_f1": uncertain_page_f1,
        "params": params,
        "sources": sources,
        "cross_validation": cv,
        "evaluation": evaluation,
        "comparison": comparison,
        "training_documents": list(training_documents),
    }


def _figures_table(rows: dict) -> list[str]:
    """A Markdown table of ``{row: {part: {figure: value}}}``, one column per part and figure."""
    columns = list(dict.fromkeys((part, figure) for parts in rows.values() for part, figures in parts.items()
                                 for figure in figures))
    lines = ["| | " + " | ".join(f"{part} {figure}" for part, figure in columns) + " |",
             "|---" * (len(columns) + 1) + "|"]
    for row, parts in rows.items():
        cells = [parts.get(part, {}).get(figure) for part, figure in columns]
        lines.append(f"| {row} | " + " | ".join("" if cell is None else f"{cell:.4f}" for cell in cells) + " |")
    return lines


def _page_rule(card: dict) -> str:
    """How the card's page rule lowers the threshold, for the card's page ('' when it has none)."""
    rule = card.get("uncertain_page_f1")
    if rule is None:
        return ""
    return (f"; on a page whose best expected F1 is under {rule}, lines scoring at least half that F1 "
            f"(never under {LOWEST_CUT}; see predict/decision.py)")


def card_markdown(card: dict) -> str:
    """The model card as a page a person reads: what was trained on what, and how well it does.

    Written beside the JSON card (``models/junkfilter.md``), which stays the
    record programs read; every figure here comes from it.
    """
    out = [f"# Model card: {card.get('name', 'junkfilter')} {card.get('version', '')}".rstrip(), ""]
    out += [f"- Created: {card.get('created')}, with `{card.get('command')}` (seed {card.get('seed')})",
            f"- Threshold: lines scoring {card.get('threshold')} or more are kept" + _page_rule(card),
            f"- Recipe (`train.recipe.MODEL_PARAMS`): `{json.dumps(card.get('params', {}), sort_keys=True)}`",
            "- Libraries: " + ", ".join(f"{name} {version}" for name, version in card.get("libraries", {}).items())]
    if "model_file" in card:
        out.append(f"- File: `{card['model_file']}`, {card.get('model_bytes')} bytes, sha256 `{card.get('model_sha256')}`")
    out += ["", "## Training data", "", "| source | documents | lines | labelled lines | weight | scored |",
            "|---|---|---|---|---|---|"]
    for source in card.get("sources", []):
        out.append(f"| {source.get('name')} | {source.get('documents')} | {source.get('lines')} "
                   f"| {source.get('labelled_lines')} | {source.get('weight', 1.0)} "
                   f"| {'no' if source.get('train_only') else 'yes'} |")
    ranker = card.get("headline_ranker")
    if ranker:
        lines = ranker.get("line_model", {})
        out += ["", "## Headline ranker", "",
                f"Fitted by `{card.get('command')}` on line model {lines.get('version')} (made {lines.get('created')} "
                f"by `{lines.get('command')}`, kept as it was): {ranker.get('candidates')} candidate lines of "
                f"{ranker.get('pages')} article pages that name their headline ({ranker.get('headlines')} headline "
                f"lines) in html-text and the renderings {', '.join(corpus_renderings(card.get('params', {})))} "
                f"(each page as html-text weighing {card.get('params', {}).get('headline_page_weight', 1.0)} times "
                "one rendering of it), scored by that line model. The figures below are the line model's, measured "
                "when it was made; what the ranker changes on the same folds is in docs/experiments.md."]
    if card.get("cross_validation"):
        folds = (card.get("evaluation") or {}).get("folds")
        out += ["", f"## Cross-validated figures ({folds} folds grouped by domain)", "",
                *_figures_table(card["cross_validation"])]
    comparison = card.get("comparison")
    if comparison:
        against = comparison.get("against", {})
        out += ["", f"## Compared with {against.get('model')} {against.get('version')}", "",
                f"How: {comparison.get('how')}. Installed: {'yes' if comparison.get('installed') else 'no'}."
                + (" Refused: " + "; ".join(comparison["reasons"]) + "." if comparison.get("reasons") else ""),
                "", *_figures_table(comparison.get("figures", {}))]
    return "\n".join(out) + "\n"

