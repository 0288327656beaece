"""Writing a trained model and its model card, atomically and reproducibly.

The card records the sha256 of the model file, which :func:`predict.load_model`
checks before it unpickles anything.
"""
from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import joblib

from predict.atomic import atomic_write_bytes, atomic_write_text
from predict.model import card_path


def save_model(estimator: Any, path: str | Path, card: dict) -> dict:
    """Write ``estimator`` to ``path`` and its card (plus the file's sha256) beside it.

    Returns the card as written.
    """
    import hashlib

    buffer = io.BytesIO()
    joblib.dump(estimator, buffer, compress=3)
    data = buffer.getvalue()
    full_card = dict(card)
    full_card["model_file"] = Path(path).name
    full_card["model_sha256"] = hashlib.sha256(data).hexdigest()
    full_card["model_bytes"] = len(data)
    atomic_write_bytes(path, data)
    atomic_write_text(card_path(path), json.dumps(full_card, indent=2, ensure_ascii=False) + "\n")
    return full_card
