"""The model card: how a packaged model was made and how well it did.

Written beside every model file; :func:`predict.load_model` trusts a model
only if its sha256 matches the card.
"""
from __future__ import annotations

import datetime as _dt
import platform
from importlib import metadata
from pathlib import Path
from typing import Iterable

from predict.model import file_sha256

LIBRARIES = ("scikit-learn", "numpy", "scipy", "joblib")


def library_versions() -> dict[str, str]:
    """Versions of Python and the libraries a pickled model depends on."""
    versions = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def source_entry(name: str, files: Iterable[Path], documents: int, lines: int, labelled: int, **extra) -> dict:
    """One training source: its files with sha256, and what it contributed."""
    entry = {
        "name": name,
        "files": {str(path): file_sha256(path) for path in sorted(set(files)) if Path(path).is_file()},
        "documents": documents,
        "lines": lines,
        "labelled_lines": labelled,
    }
    entry.update(extra)
    return entry


def build_card(*, version: str, params: dict, sources: list[dict], cv: dict | None, threshold: float,
               seed: int, command: str) -> dict:
    """The card's fields (the model file's sha256 is added when the model is saved)."""
    return {
        "name": "junkfilter",
        "version": version,
        "created": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "libraries": library_versions(),
        "command": command,
        "seed": seed,
        "threshold": threshold,
        "params": params,
        "sources": sources,
        "cross_validation": cv,
    }
