"""Model versions on disk: every trained model kept, one installed as current, a previous one restored.

Training saves each model it makes as ``versions/<name>-<version>`` beside the
model file (see :mod:`predict.store.locations`) and installs it as the model file
only when it is accepted, so a refused model is not lost and any kept version
can be made current again (``python -m train --restore [VERSION]``). Before
a model file is replaced, the current model is kept too, if it is not already
(models made before versions existed have no copy yet). Installing copies the
bytes, so a kept version is never moved or changed.
"""
from __future__ import annotations

from pathlib import Path

from predict.corpus.atomic import atomic_write_bytes
from predict.model import ModelError, file_sha256, read_card
from predict.store.locations import is_version, kept_versions, refused_versions, version_key, versioned_path
from train.release.save import write_card

FIRST_VERSION = "0.1.0"
UNVERSIONED = "0"
"""The version a model whose card names none is kept under."""


def current_version(model_path: Path) -> str | None:
    """The version of the model at ``model_path`` (:data:`UNVERSIONED` if its card names none), or None."""
    if not model_path.is_file():
        return None
    version = str(read_card(model_path).get("version", ""))
    return version if is_version(version) else UNVERSIONED


def next_version(model_path: Path) -> str:
    """The version for a new model at ``model_path``: one minor version above every known one."""
    known = [*kept_versions(model_path), *refused_versions(model_path)]  # a refused number is never reused
    if model_path.is_file():
        known.append(current_version(model_path))
    if not known:
        return FIRST_VERSION
    major, minor = (version_key(max(known, key=version_key)) + (0, 0))[:2]
    return f"{major}.{minor + 1}.0"


def _checked(model_path: Path) -> dict:
    """The card of a kept or current model whose file matches the card's sha256."""
    card = read_card(model_path)
    if card.get("model_sha256") != file_sha256(model_path):
        raise ModelError(f"model {model_path} does not match the sha256 in its model card (tampered or damaged); "
                         "restore it with 'git checkout models/' or delete it")
    return card


def install(source: Path, model_path: Path) -> dict:
    """Copy the model ``source`` and its card to ``model_path``; returns the installed card."""
    card = {**_checked(source), "model_file": model_path.name}
    atomic_write_bytes(model_path, source.read_bytes())
    write_card(model_path, card)
    return card


def keep_current(model_path: Path) -> None:
    """Keep the model at ``model_path`` under ``versions/`` before it is replaced (once per version)."""
    version = current_version(model_path)
    if version is None:
        return
    kept = versioned_path(model_path, version)
    if not kept.is_file():
        install(model_path, kept)
    elif file_sha256(kept) != file_sha256(model_path):
        raise ValueError(f"{model_path} (version {version}) differs from the kept {kept}; "
                         "move one of them away before replacing the model")


def restore(model_path: Path, version: str | None = None) -> dict:
    """Make a kept version current at ``model_path``; ``None`` means the version before the current one.

    The current model is kept first, so a restore can itself be undone.
    Returns the restored card.
    """
    kept = kept_versions(model_path)
    if version is not None and version not in kept:
        kept = {**kept, **refused_versions(model_path)}  # installing a refused model on purpose
    if version is None:
        current = current_version(model_path)
        earlier = [v for v in kept if current is None or version_key(v) < version_key(current)]
        if not earlier:
            raise ValueError(f"no version of {model_path} older than the current one ({current}) is kept; "
                             f"kept: {', '.join(kept) or 'none'}")
        version = earlier[-1]
    if version not in kept:
        raise ValueError(f"version {version} of {model_path} is not kept (in {versioned_path(model_path, version).parent}); "
                         f"kept: {', '.join(kept) or 'none'}")
    keep_current(model_path)
    return install(kept[version], model_path)
