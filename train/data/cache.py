"""Where training keeps what it derives from ``../shared``, and when it may trust it again.

Rendering 1,278 pages or extracting them with trafilatura takes minutes, so
the results are cached outside the repository, under
``$XDG_CACHE_HOME/junkfilter`` (``~/.cache/junkfilter`` when unset). A cache
is only as good as what it holds: one once held no pages at all, because
its renderer was not installed, and a model was trained on it (issue 33).
So a cache file is written atomically, then a manifest beside it records
its sha256, its record count and what made it; :func:`verified` trusts the
file only when the manifest is there and the digest matches, and the caller
rebuilds it otherwise.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable

from predict.corpus.atomic import atomic_write_text, atomic_writer
from predict.model import file_sha256


def cache_root() -> Path:
    """``$XDG_CACHE_HOME/junkfilter``, else ``~/.cache/junkfilter``: read at each call, so tests can move it."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "junkfilter"


def manifest_path(path: Path) -> Path:
    """The manifest beside a cache file: ``NAME.stats.json`` for ``NAME.jsonl``."""
    return path.with_suffix(".stats.json")


def write_verified(path: Path, rows: Iterable[str], manifest: dict) -> dict:
    """Write ``rows`` (one JSON document each) to ``path`` atomically, then its manifest with
    ``sha256`` and ``records`` added to ``manifest``; returns the manifest written."""
    records = 0
    with atomic_writer(path) as handle:
        for row in rows:
            handle.write(row.encode("utf-8") + b"\n")
            records += 1
    written = {**manifest, "records": records, "sha256": file_sha256(path)}
    atomic_write_text(manifest_path(path), json.dumps(written, indent=1) + "\n")
    return written


def verified(path: Path) -> dict | None:
    """The manifest of the cache file at ``path`` when the file is there and matches it, else None."""
    try:
        manifest = json.loads(manifest_path(path).read_text(encoding="utf-8"))
        if isinstance(manifest, dict) and manifest.get("records") and manifest.get("sha256") == file_sha256(path):
            return manifest
    except (OSError, ValueError):
        pass
    return None
