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
import os
import platform
from importlib import metadata
from pathlib import Path
from typing import Iterable, Sequence

from predict.model import file_sha256

LIBRARIES = ("scikit-learn", "numpy", "scipy", "joblib", "skops")
REPO_ROOT = Path(__file__).resolve().parents[2]


def library_versions() -> dict[str, str]:
    """Versions of Python and the libraries a pickled model depends on."""
    versions = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


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
               seed: int, command: str, training_documents: Sequence[str] = (), evaluation: dict | None = None,
               comparison: dict | None = None) -> dict:
    """The card's fields (the model file's sha256 is added when the model is saved).

    ``version`` is the model's version; ``evaluation`` says how ``cv`` was
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
        "params": params,
        "sources": sources,
        "cross_validation": cv,
        "evaluation": evaluation,
        "comparison": comparison,
        "training_documents": list(training_documents),
    }
