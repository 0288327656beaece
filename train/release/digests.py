"""Which documents a model was trained on, and on which folds it was scored.

A model card lists a short content digest of every training document, so a
later training run can tell old data from newly added data whatever the files
are called or where they live, and refit the old model's recipe on exactly
the old documents. The evaluation fingerprint says when two runs scored the
same documents on the same folds, so their figures can be compared as they
stand, without cross-validating again.
"""
from __future__ import annotations

import hashlib
import json
from typing import Iterable, Mapping, Sequence

from train.data.documents import LabelledDocument

DIGEST_CHARS = 16
"""Hex characters kept per document: 64 bits, far from any collision at corpus sizes."""


def _sha256(value: object) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode("utf-8")).hexdigest()


def document_digest(doc: LabelledDocument) -> str:
    """A short digest of what a model learns from a document: its lines and their labels."""
    return _sha256([doc.lines, doc.labels])[:DIGEST_CHARS]


def digests(docs: Iterable[LabelledDocument]) -> list[str]:
    """The sorted digests of ``docs``, each once."""
    return sorted({document_digest(doc) for doc in docs})


def evaluation_fingerprint(parts: Mapping[str, Sequence[LabelledDocument]], n_folds: int) -> str:
    """The same for two runs exactly when they score the same documents on the same folds.

    Grouped folds depend only on the documents' groups and on ``n_folds``;
    the figures also on each scored document's part and content. Train-only
    documents (composed pages) are left out: like the code and the
    hyperparameters they are part of a recipe, which is what two runs'
    figures compare. With them in, a changed composer made every composed
    page new, the current card's own figures no longer applied, and the
    current recipe was refit without any composed page, a recipe nobody ships.
    """
    scored = sorted([name, doc.group, document_digest(doc)] for name, docs in parts.items() for doc in docs)
    return _sha256({"folds": n_folds, "scored": scored})
