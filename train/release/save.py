"""Writing a trained model and its model card, atomically and reproducibly.

The card records the sha256 of the model file, which :func:`predict.load_model`
checks before it loads anything. The file's suffix picks the format (see
:mod:`predict.store.formats`): ``.joblib`` for models you keep, ``.skops`` for
models you hand to others.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from predict.corpus.atomic import atomic_write_bytes, atomic_write_text
from predict.model import card_path
from predict.store.formats import model_bytes
from train.release.card import card_markdown


def write_card(path: str | Path, card: dict) -> None:
    """Write ``card`` as the model card of the model file ``path``: JSON, and Markdown for people."""
    json_path = card_path(path)
    atomic_write_text(json_path, json.dumps(card, indent=2, ensure_ascii=False) + "\n")
    atomic_write_text(json_path.with_suffix(".md"), card_markdown(card))


def save_model(estimator: Any, path: str | Path, card: dict) -> dict:
    """Write ``estimator`` to ``path`` and its card (plus the file's sha256) beside it.

    Returns the card as written. Raises ``ValueError`` for a path that does
    not end in ``.joblib`` or ``.skops``.
    """
    data = model_bytes(estimator, Path(path).suffix)
    full_card = dict(card)
    full_card["model_file"] = Path(path).name
    full_card["model_sha256"] = hashlib.sha256(data).hexdigest()
    full_card["model_bytes"] = len(data)
    atomic_write_bytes(path, data)
    write_card(path, full_card)
    return full_card
