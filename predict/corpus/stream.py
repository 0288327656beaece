"""Scoring many input documents with bounded memory, one bad input never stopping the rest.

``python -m predict`` may be handed thousands of scraped files, some of them
huge, binary or broken. Here they are read (never past the size limit),
decoded, and scored several documents per model call, since one call on many
documents is much faster than many calls, while a batch never holds more than
``BATCH_DOCS`` documents or ``BATCH_BYTES`` bytes of input. Lines longer than
the line limit are scored on their first characters only, so one enormous
line cannot blow up feature extraction; the line itself is kept whole.

Each batch is scored and decided in the model's one call,
:meth:`predict.model.JunkFilter.judge_documents`, which every other caller uses too.
An input that cannot be read or scored is handed to ``on_error`` and skipped;
only a model that can score no document at all is a :class:`ModelError`.

Inputs are read here, in order; decoding and scoring, the costly part, may run
in worker processes (:mod:`predict.corpus.parallel`), batch by batch, with the
results coming back in input order.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

import numpy as np

from predict.corpus.decoding import TextInput, decode_input
from predict.corpus.inputs import InputError, Source, read_bytes
from predict.corpus.parallel import ordered_map
from predict.model import Judged, JunkFilter, ModelError

Item = TypeVar("Item")

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

    ``scores`` holds the content probability of each of ``lines``, ``keep`` whether the model keeps it; ``sha256``
    is that of the input's bytes; ``clipped`` counts the lines longer than the
    line limit, scored on their first characters only; ``encoding`` is the
    one the input was read in, and ``replaced`` counts its bytes that were not
    valid UTF-8 in a file otherwise read as UTF-8 (see :mod:`predict.corpus.decoding`).
    """

    source: Source
    lines: list[str]
    scores: np.ndarray
    keep: np.ndarray
    sha256: str
    clipped: int
    encoding: str = "utf-8"
    replaced: int = 0


def score_sources(
    model: JunkFilter,
    sources: Sequence[Source],
    limits: Limits,
    on_error: Callable[[InputError], None],
    wanted: Callable[[Source, str], bool] | None = None,
    jobs: int = 1,
    threshold: float | None = None,
) -> Iterator[Document]:
    """Read, decode, score and decide ``sources`` in order, yielding each as a :class:`Document`.

    ``wanted(source, sha256)``, if given, is asked once an input's bytes are
    read; an input it declines is neither decoded nor scored (how a resumed
    run skips finished work). Unreadable or unscorable inputs go to ``on_error``.
    ``jobs`` processes decode and score; the documents still come in order. ``threshold`` cuts every
    document there (None: the model's own rule).
    """
    inputs = _read_sources(sources, limits.max_bytes, on_error, wanted)
    state = (model, limits.max_line_chars, threshold)
    for results in ordered_map(_score_inputs, state, batches(inputs, _input_size), jobs):
        for result in results:
            if isinstance(result, InputError):
                on_error(result)
            else:
                yield result


def batches(items: Iterable[Item], size: Callable[[Item], int]) -> Iterator[list[Item]]:
    """Consecutive groups of ``items`` to score in one model call each.

    A group holds at most ``BATCH_DOCS`` items and stops growing once the
    ``size`` (in input bytes) of its items reaches ``BATCH_BYTES``.
    """
    batch: list[Item] = []
    batch_bytes = 0
    for item in items:
        batch.append(item)
        batch_bytes += size(item)
        if len(batch) >= BATCH_DOCS or batch_bytes >= BATCH_BYTES:
            yield batch
            batch, batch_bytes = [], 0
    if batch:
        yield batch


def judge_lines(model: JunkFilter, documents: Sequence[list[str]], max_line_chars: int,
                threshold: float | None = None) -> list[Judged | Exception]:
    """Score and decide documents (lists of lines) in one model call (:meth:`JunkFilter.judge_documents`).

    Lines are scored on their first ``max_line_chars`` characters; ``threshold`` cuts every document there
    (None: the model's own rule). If the call fails, each document is judged alone and the failure of one comes
    back as its exception; when every document fails, the model is at fault and :class:`ModelError` is raised.
    """
    try:
        return list(model.judge_documents(documents, threshold, max_line_chars))
    except Exception:  # find out below whether one input or the model is at fault
        pass
    results: list[Judged | Exception] = []
    for lines in documents:
        try:
            results.append(model.judge_documents([lines], threshold, max_line_chars)[0])
        except Exception as exc:  # any failure of the model on this input
            results.append(exc)
    if documents and all(isinstance(result, Exception) for result in results):
        exc = results[0]
        raise ModelError(
            f"the model failed to score lines ({type(exc).__name__}: {exc}); "
            "it may not be a junkfilter model or may need retraining with 'python -m train'"
        ) from exc
    return results


def unscorable(name: str, exc: Exception) -> str:
    """What to report about an input the model could not score."""
    return f"{name}: the model could not score it ({type(exc).__name__}: {exc})"


def clipped_warning(name: str, count: int, max_line_chars: int) -> str:
    """What to report about an input whose long lines were scored on their beginning only."""
    return (
        f"{name}: {count} line(s) longer than {max_line_chars} characters "
        "were scored on their beginning only (see --max-line-chars); they are output whole"
    )


_Input = tuple[Source, bytes, str]  # an input's bytes and their sha256


def _read_sources(
    sources: Sequence[Source],
    max_bytes: int | None,
    on_error: Callable[[InputError], None],
    wanted: Callable[[Source, str], bool] | None,
) -> Iterator[_Input]:
    for source in sources:
        try:
            data = read_bytes(source.name, max_bytes)
        except InputError as exc:
            on_error(exc)
            continue
        sha256 = hashlib.sha256(data).hexdigest()
        if wanted is None or wanted(source, sha256):
            yield source, data, sha256


def _input_size(item: _Input) -> int:
    return len(item[1])


def _score_inputs(state: tuple[JunkFilter, int, float | None], batch: list[_Input]) -> list[Document | InputError]:
    """Decode, score and decide one batch of inputs (in a worker process when ``--jobs`` is above 1)."""
    model, max_line_chars, threshold = state
    decoded: list[tuple[Source, TextInput, str]] = []
    results: list[Document | InputError] = []
    for source, data, sha256 in batch:
        try:
            decoded.append((source, decode_input(data, source.shown), sha256))
        except InputError as exc:
            results.append(exc)
    judged = judge_lines(model, [text.lines for _, text, _ in decoded], max_line_chars, threshold)
    for (source, text, sha256), result in zip(decoded, judged):
        if isinstance(result, Exception):
            results.append(InputError(unscorable(source.shown, result) + "; skipped"))
        else:
            results.append(Document(source, text.lines, result.scores, result.keep, sha256, result.clipped,
                                    text.encoding, text.replaced))
    return results
