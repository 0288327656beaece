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

Inputs are read here, in order; decoding and scoring, the costly part, may run
in worker processes (:mod:`predict.cli.parallel`), batch by batch, with the
results coming back in input order.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

import numpy as np

from predict.cli.inputs import InputError, Source, TextInput, decode_input, read_bytes
from predict.cli.parallel import ordered_map
from predict.model import JunkFilter, ModelError

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

    ``scores`` holds the content probability of each of ``lines``; ``sha256``
    is that of the input's bytes; ``clipped`` counts the lines longer than the
    line limit, scored on their first characters only; ``encoding`` is the
    one the input was read in, and ``replaced`` counts its bytes that were not
    valid UTF-8 in a file otherwise read as UTF-8 (see :mod:`predict.cli.decoding`).
    """

    source: Source
    lines: list[str]
    scores: np.ndarray
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
) -> Iterator[Document]:
    """Read, decode and score ``sources`` in order, yielding each as a :class:`Document`.

    ``wanted(source, sha256)``, if given, is asked once an input's bytes are
    read; an input it declines is neither decoded nor scored (how a resumed
    run skips finished work). Unreadable or unscorable inputs go to ``on_error``.
    ``jobs`` processes decode and score; the documents still come in order.
    """
    inputs = _read_sources(sources, limits.max_bytes, on_error, wanted)
    for results in ordered_map(_score_inputs, (model, limits.max_line_chars), batches(inputs, _input_size), jobs):
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


def score_lines(model: JunkFilter, documents: Sequence[list[str]], max_line_chars: int) -> list[tuple[np.ndarray, int] | Exception]:
    """Score documents (lists of lines) in one model call: per document its scores and clipped-line count.

    Lines are scored on their first ``max_line_chars`` characters. If the
    call fails, each document is scored alone and the failure of one comes
    back as its exception; when every document fails, the model is at fault
    and :class:`ModelError` is raised.
    """
    clipped = [clip_lines(lines, max_line_chars) for lines in documents]
    try:
        scores = model.score_documents([lines for lines, _ in clipped])
        return [(doc_scores, cut) for doc_scores, (_, cut) in zip(scores, clipped)]
    except Exception:  # find out below whether one input or the model is at fault
        pass
    results: list[tuple[np.ndarray, int] | Exception] = []
    for lines, cut in clipped:
        try:
            results.append((model.score_lines(lines), cut))
        except Exception as exc:  # any failure of the model on this input
            results.append(exc)
    if clipped and all(isinstance(result, Exception) for result in results):
        exc = results[0]
        raise ModelError(
            f"the model failed to score lines ({type(exc).__name__}: {exc}); "
            "it may not be a junkfilter model or may need retraining with 'python -m train'"
        ) from exc
    return results


def clip_lines(lines: list[str], max_chars: int) -> tuple[list[str], int]:
    """The lines cut to ``max_chars`` characters, and how many were cut."""
    if not lines or max(map(len, lines)) <= max_chars:
        return lines, 0
    clipped = [line[:max_chars] for line in lines]
    return clipped, sum(len(line) > max_chars for line in lines)


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


def _score_inputs(state: tuple[JunkFilter, int], batch: list[_Input]) -> list[Document | InputError]:
    """Decode and score one batch of inputs (in a worker process when ``--jobs`` is above 1)."""
    model, max_line_chars = state
    decoded: list[tuple[Source, TextInput, str]] = []
    results: list[Document | InputError] = []
    for source, data, sha256 in batch:
        try:
            decoded.append((source, decode_input(data, source.shown), sha256))
        except InputError as exc:
            results.append(exc)
    scored = score_lines(model, [text.lines for _, text, _ in decoded], max_line_chars)
    for (source, text, sha256), result in zip(decoded, scored):
        if isinstance(result, Exception):
            results.append(InputError(unscorable(source.shown, result) + "; skipped"))
        else:
            results.append(Document(source, text.lines, result[0], sha256, result[1], text.encoding, text.replaced))
    return results
