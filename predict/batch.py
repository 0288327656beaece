"""Scoring many input documents with bounded memory, one bad input never stopping the rest.

``python -m predict`` may be handed thousands of scraped files, some of them
huge, binary or broken. Here they are read (never past the size limit),
decoded, and scored several documents per model call, since one call on many
documents is much faster than many calls, while a batch never holds more than
``BATCH_DOCS`` documents or ``BATCH_BYTES`` bytes of input. Lines longer than
the line limit are scored on their first characters only, so one enormous
line cannot blow up feature extraction; the line itself is kept whole.

An input that cannot be read or scored is handed to ``on_error`` and skipped;
only a model that can score no document at all is a :class:`ModelError`.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

import numpy as np

from predict.model import JunkFilter, ModelError
from predict.textio import InputError, Source, decode_bytes, read_bytes

BATCH_DOCS = 64  # documents scored per model call: fast, and memory stays bounded
BATCH_BYTES = 16_000_000  # input bytes per model call, so a few huge files do not share one


@dataclass(frozen=True)
class Limits:
    """Limits that protect memory from hostile or broken inputs.

    An input may have at most ``max_bytes`` bytes (``None``: no limit); lines
    are scored on their first ``max_line_chars`` characters.
    """

    max_bytes: int | None = 50_000_000
    max_line_chars: int = 100_000


@dataclass(frozen=True)
class Document:
    """One scored input.

    ``scores`` holds the content probability of each of ``lines``; ``sha256``
    is that of the input's bytes; ``clipped`` counts the lines longer than the
    line limit, scored on their first characters only.
    """

    source: Source
    lines: list[str]
    scores: np.ndarray
    sha256: str
    clipped: int


def score_sources(
    model: JunkFilter,
    sources: Sequence[Source],
    limits: Limits,
    on_error: Callable[[InputError], None],
    wanted: Callable[[Source, str], bool] | None = None,
) -> Iterator[Document]:
    """Read, decode and score ``sources`` in order, yielding each as a :class:`Document`.

    ``wanted(source, sha256)``, if given, is asked once an input's bytes are
    read; an input it declines is neither decoded nor scored (how a resumed
    run skips finished work). Unreadable or unscorable inputs go to ``on_error``.
    """
    batch: list[tuple[Source, list[str], str]] = []
    batch_bytes = 0
    for source in sources:
        try:
            data = read_bytes(source.name, limits.max_bytes)
            sha256 = hashlib.sha256(data).hexdigest()
            if wanted is not None and not wanted(source, sha256):
                continue
            batch.append((source, decode_bytes(data, source.shown), sha256))
        except InputError as exc:
            on_error(exc)
            continue
        batch_bytes += len(data)
        if len(batch) >= BATCH_DOCS or batch_bytes >= BATCH_BYTES:
            yield from _score_batch(model, batch, limits.max_line_chars, on_error)
            batch, batch_bytes = [], 0
    yield from _score_batch(model, batch, limits.max_line_chars, on_error)


def clip_lines(lines: list[str], max_chars: int) -> tuple[list[str], int]:
    """The lines cut to ``max_chars`` characters, and how many were cut."""
    if not lines or max(map(len, lines)) <= max_chars:
        return lines, 0
    clipped = [line[:max_chars] for line in lines]
    return clipped, sum(len(line) > max_chars for line in lines)


def _score_batch(
    model: JunkFilter,
    batch: list[tuple[Source, list[str], str]],
    max_line_chars: int,
    on_error: Callable[[InputError], None],
) -> Iterator[Document]:
    if not batch:
        return
    clipped = [clip_lines(lines, max_line_chars) for _, lines, _ in batch]
    try:
        scores = model.score_documents([lines for lines, _ in clipped])
    except Exception:  # find out below whether one input or the model is at fault
        scores = _score_one_by_one(model, batch, clipped, on_error)
    for (source, lines, sha256), (_, cut), doc_scores in zip(batch, clipped, scores):
        if doc_scores is not None:
            yield Document(source, lines, doc_scores, sha256, cut)


def _score_one_by_one(
    model: JunkFilter,
    batch: list[tuple[Source, list[str], str]],
    clipped: list[tuple[list[str], int]],
    on_error: Callable[[InputError], None],
) -> list[np.ndarray | None]:
    """Score a failed batch document by document: the inputs that still fail are reported."""
    scores: list[np.ndarray | None] = []
    failures: list[tuple[Source, Exception]] = []
    for (source, _, _), (lines, _) in zip(batch, clipped):
        try:
            scores.append(model.score(lines))
        except Exception as exc:  # any failure of the model on this input
            scores.append(None)
            failures.append((source, exc))
    if len(failures) == len(batch):  # nothing scores at all: the model, not the inputs, is broken
        exc = failures[0][1]
        raise ModelError(
            f"the model failed to score lines ({type(exc).__name__}: {exc}); "
            "it may not be a junkfilter model or may need retraining with 'python -m train'"
        ) from exc
    for source, exc in failures:
        on_error(InputError(f"{source.shown}: the model could not score it ({type(exc).__name__}: {exc}); skipped"))
    return scores
