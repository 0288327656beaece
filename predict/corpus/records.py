"""Corpus input: JSON Lines files holding one document per record, cleaned as a stream.

Corpus tools keep text as JSON Lines: one JSON object per line, the
document's text under a field such as ``text``, next to its id, URL and other
metadata. ``python -m predict`` reads such files (``*.jsonl``, or any input
with ``--input-format jsonl``; gzip, bzip2 or zstd compressed too) and writes
every record back unchanged except for its text, which keeps only the lines
the model keeps (optionally with the removed lines under another field), so
the filter slots into an existing pipeline.

Unchanged means byte for byte: a record's line is not parsed and serialised
again, which would lose what a JSON parser forgets (``1.10`` becomes ``1.1``,
``1e5`` becomes ``100000.0``, a repeated key keeps one value, ``\u00e9``
escapes become characters). The line is checked with :func:`json.loads`, then
only the values junkfilter writes are replaced inside it (:func:`_spliced`).
Hooks that keep number spellings (``parse_float``...) would still lose
repeated keys, escapes and spacing, and a record whose text field is repeated
is refused: which copy to clean is anyone's guess.

Corpora do not fit in memory. Records are read a batch at a time, cleaned (in
worker processes with ``--jobs``) and written before more is read, so memory
stays flat whatever the corpus size; each record is bounded by the size limit.
A record that cannot be cleaned (not JSON, not an object, no text field, over
the size limit, unscorable) is reported with its file and line number and left
out of the output; the other records go on.

WARC files (Common Crawl's WET files) come through here too: their reader
(:mod:`predict.corpus.warc`) turns each WARC record into a JSON Lines record, so
they are cleaned and written by the same code, reported as ``FILE: record N``.
Parquet files (:mod:`predict.corpus.parquet`) are read and cleaned a batch of
rows at a time by the same code, written back as Parquet, reported as ``FILE: row N``.

Messages about one record also name it by its ``id_field`` when it has one
(``FILE:LINE (id "doc-3"): ...``), so it can be found in a corpus whose line
or row numbers nobody sees.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from itertools import chain, compress, groupby
from typing import BinaryIO, Callable, Iterable, Iterator, Sequence

from predict.corpus import stream
from predict.corpus.compression import DamagedData
from predict.corpus.inputs import STDIN_NAME, InputError, Source, open_binary, open_input
from predict.corpus.outputs import json_text
from predict.corpus.parallel import ordered_map
from predict.corpus.parquet import CleanedRows, ParquetReader, ParquetRows, cleaned_rows, row_values
from predict.corpus.stream import Limits, batches, clipped_warning, judge_lines, unscorable
from predict.corpus.warc import WarcReader, WarcText
from predict.model import JunkFilter, file_sha256
from predict.reading import split_lines

RawRecord = tuple[int, bytes | WarcText | None]  # line number, and the line (None: over the size limit); WARC: its text
_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", int: "a number", float: "a number",
               bool: "a boolean", type(None): "null"}
_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
_NAME_CHARS = 80  # of a record's id shown in a message


@dataclass(frozen=True)
class RecordSettings:
    """How records are cleaned: where their text is, where removed lines go, what is kept.

    ``removed_field`` (if set) receives the list of removed lines; lines are
    scored on their first ``max_line_chars`` characters. ``threshold`` cuts
    every document there; None: the model's own rule (see :mod:`predict.decision`).
    ``render_html``: WARC input's HTML responses are rendered and cleaned, not skipped.
    ``id_field`` names a record in messages, when the record has it (None: never).
    """

    text_field: str = "text"
    removed_field: str | None = None
    threshold: float | None = None
    max_line_chars: int = Limits.max_line_chars
    render_html: bool = False
    id_field: str | None = "id"


@dataclass(frozen=True)
class RecordBatch:
    """Consecutive records of one input (the run's ``index``-th); ``failure``: reading the input failed after them.

    ``notes`` and ``warnings``: what its reader had to say about the whole input (on its last batch).
    A Parquet input's batches hold ``rows`` instead of ``records``.
    """

    index: int
    source: Source
    sha256: str | None
    records: list[RawRecord]
    failure: InputError | None = None
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    rows: ParquetRows | None = None


@dataclass(frozen=True)
class CleanedBatch:
    """The cleaned records of a :class:`RecordBatch` as JSONL ``output`` (Parquet input: its cleaned rows), and what
    to report about them."""

    index: int
    source: Source
    sha256: str | None
    output: bytes | CleanedRows
    count: int
    errors: list[str]
    warnings: list[str]
    failure: InputError | None = None
    notes: tuple[str, ...] = ()


def clean_sources(
    model: JunkFilter,
    sources: Sequence[Source],
    settings: RecordSettings,
    max_bytes: int | None,
    wanted: Callable[[Source, str], bool] | None = None,
    jobs: int = 1,
) -> Iterator[tuple[Source, str | None, Iterator[CleanedBatch]]]:
    """Each input to process, with its sha256 and its cleaned batches in order, read and cleaned as consumed.

    ``wanted(source, sha256)``, if given, is asked first for every input but
    stdin (so files are hashed before they are cleaned); inputs it declines
    are not read. ``jobs`` processes clean; the batches still come in order.
    """
    tasks = _record_batches(sources, settings, max_bytes, wanted)
    cleaned = ordered_map(clean_batch, (model, settings), tasks, jobs)
    for _, group in groupby(cleaned, key=lambda batch: batch.index):
        first = next(group)
        yield first.source, first.sha256, chain([first], group)


@dataclass(frozen=True)
class Cleaned:
    """One cleaned document: the kept lines joined by newlines, the removed lines, how many lines were clipped."""

    text: str
    removed: list[str]
    clipped: int


def clean_texts(model: JunkFilter, texts: Sequence[str], settings: RecordSettings) -> list[Cleaned | Exception]:
    """Clean document texts in one model call; a document the model cannot score comes back as its exception.

    Texts are split by :func:`predict.reading.split_lines` and judged by :func:`predict.corpus.stream.judge_lines`,
    as the command line's text input is. Raises :class:`ModelError` when the model can score none of them.
    """
    documents = [split_lines(text) for text in texts]
    cleaned: list[Cleaned | Exception] = []
    for lines, result in zip(documents, judge_lines(model, documents, settings.max_line_chars, settings.threshold)):
        if isinstance(result, Exception):
            cleaned.append(result)
            continue
        keep = result.keep.tolist()
        removed = [line for line, kept in zip(lines, keep) if not kept]
        cleaned.append(Cleaned("\n".join(compress(lines, keep)), removed, result.clipped))
    return cleaned


def written_fields(cleaned: Cleaned, settings: RecordSettings) -> dict[str, str | list[str]]:
    """The fields junkfilter writes into a record: the cleaned text, and the removed lines if asked."""
    fields: dict[str, str | list[str]] = {settings.text_field: cleaned.text}
    if settings.removed_field is not None:
        fields[settings.removed_field] = cleaned.removed
    return fields


def cleaned_record(record: dict, cleaned: Cleaned, settings: RecordSettings) -> dict:
    """``record`` (already parsed, as :mod:`predict.bag` gets it) with the :func:`written_fields` set.

    A field it has keeps its place; a new one comes last, as in :func:`_spliced`.
    """
    record.update(written_fields(cleaned, settings))
    return record


def clean_batch(state: tuple[JunkFilter, RecordSettings], batch: RecordBatch) -> CleanedBatch:
    """Parse, score and render one batch of records (in a worker process when ``--jobs`` is above 1)."""
    model, settings = state
    if batch.rows is not None:
        return _clean_rows(model, settings, batch)
    errors: list[str] = []
    parsed: list[tuple[int, _Record]] = []
    for number, raw in batch.records:
        try:
            parsed.append((number, _parse(raw, settings)))
        except _Unclean as exc:
            errors.append(f"{_place(batch.source, number, exc.name)}: {exc}; record skipped")
    output: list[str] = []
    warnings: list[str] = list(batch.warnings)
    for (number, record), cleaned in zip(parsed, clean_texts(model, [record.text for _, record in parsed], settings)):
        place = _place(batch.source, number, record.name)
        if isinstance(cleaned, Exception):
            errors.append(f"{unscorable(place, cleaned)}; record skipped")
            continue
        if cleaned.clipped:
            warnings.append(clipped_warning(place, cleaned.clipped, settings.max_line_chars))
        output.append(_spliced(record, written_fields(cleaned, settings)) + "\n")
    return CleanedBatch(
        batch.index, batch.source, batch.sha256, "".join(output).encode("utf-8"), len(batch.records), errors, warnings,
        batch.failure, batch.notes,
    )


def _clean_rows(model: JunkFilter, settings: RecordSettings, batch: RecordBatch) -> CleanedBatch:
    """Score one batch of a Parquet input's rows and make its output rows: a row that cannot be cleaned is left out."""
    rows = batch.rows
    errors: list[str] = []
    warnings: list[str] = []
    places = [_place(batch.source, rows.first + k, _name(value, settings.id_field))
              for k, value in enumerate(row_values(rows, settings.id_field))]
    texts: list[tuple[int, str]] = []
    for k, text in enumerate(row_values(rows, settings.text_field)):
        if k in rows.oversized:
            errors.append(f"{places[k]}: is over the size limit (see --max-file-mb); record skipped")
        elif text is None:
            errors.append(f"{places[k]}: column {settings.text_field!r} is null, not a string; record skipped")
        else:
            texts.append((k, text))
    kept: list[int] = []
    done: list[Cleaned] = []
    for (k, _), cleaned in zip(texts, clean_texts(model, [text for _, text in texts], settings) if texts else []):
        if isinstance(cleaned, Exception):
            errors.append(f"{unscorable(places[k], cleaned)}; record skipped")
            continue
        if cleaned.clipped:
            warnings.append(clipped_warning(places[k], cleaned.clipped, settings.max_line_chars))
        kept.append(k)
        done.append(cleaned)
    output = cleaned_rows(rows, kept, [cleaned.text for cleaned in done], [cleaned.removed for cleaned in done],
                          settings.text_field, settings.removed_field)
    return CleanedBatch(batch.index, batch.source, batch.sha256, output, rows.rows.num_rows, errors, warnings,
                        batch.failure, batch.notes)


def _place(source: Source, number: int, name: str | None = None) -> str:
    """Where record ``number`` is, as messages say it: ``FILE:LINE`` (JSON Lines), ``FILE: record N`` (WARC) or
    ``FILE: row N`` (Parquet), followed by the record's ``name`` (see :func:`_name`) when it has one."""
    shown = STDIN_NAME if source.is_stdin else source.shown
    where = {"warc": f"{shown}: record {number}", "parquet": f"{shown}: row {number}"}.get(
        source.input_format, f"{shown}:{number}")
    return where if name is None else f"{where} ({name})"


def _name(value: object, field: str | None) -> str | None:
    """How a message names a record whose ``field`` holds ``value``: ``id "doc-3"``, ``id 17``; None for no value.

    A long value is cut (with "..."), so the message stays a readable line.
    """
    if value is None or field is None:
        return None
    try:
        text = json_text(value)
    except (TypeError, ValueError):  # a Parquet column of dates, bytes...: not JSON
        text = str(value)
    return f"{field} {text if len(text) <= _NAME_CHARS else text[: _NAME_CHARS - 3] + '...'}"


def read_records(handle: BinaryIO, max_bytes: int | None) -> Iterator[RawRecord]:
    """The non-blank lines of a JSONL stream with their 1-based line numbers.

    A line longer than ``max_bytes`` comes as ``None`` and is never held in
    memory whole: what is over the limit is read and dropped in pieces.
    Compressed data that stops decompressing raises :class:`DamagedData`
    naming the line it stopped in.
    """
    number = 0
    try:
        while line := handle.readline() if max_bytes is None else handle.readline(max_bytes + 1):
            number += 1
            if max_bytes is not None and len(line) - line.endswith(b"\n") > max_bytes:
                while line and not line.endswith(b"\n"):
                    line = handle.readline(1 << 20)
                yield number, None
            elif line.strip():
                yield number, line
    except DamagedData as exc:
        raise DamagedData(f"{exc}; only the records before this line could be read", number + 1) from None


def _record_batches(
    sources: Sequence[Source], settings: RecordSettings, max_bytes: int | None,
    wanted: Callable[[Source, str], bool] | None,
) -> Iterator[RecordBatch]:
    """The batches of every input, at least one per input (so an empty input still gets its empty output).

    An input that fails part way comes as its batches up to the failure, the
    last of them carrying it: the records read before it are cleaned too.
    A WARC input is read by a :class:`WarcReader`, whose notes and warnings
    come on its last batch.
    """
    for index, source in enumerate(sources):
        if source.input_format == "parquet":
            yield from _row_batches(index, source, settings, max_bytes, wanted)
            continue
        sha256 = None
        warc = None
        if source.input_format == "warc":
            warc = WarcReader(STDIN_NAME if source.is_stdin else source.shown, max_bytes, settings.render_html)
        try:
            with (open_input if warc is None else open_binary)(source.name) as handle:
                if wanted is not None and not source.is_stdin:
                    sha256 = file_sha256(source.name)
                    if not wanted(source, sha256):
                        continue
                empty = True
                failures: list[Exception] = []
                read = read_records(handle, max_bytes) if warc is None else warc.records(handle)
                for records in batches(_until_failure(read, failures), _record_size):
                    empty = False
                    yield RecordBatch(index, source, sha256, records)
                if failures:
                    raise failures[0]  # inside the block, which turns it into an InputError naming the input
        except InputError as exc:
            yield RecordBatch(index, source, sha256, [], exc, *_said(warc))
            continue
        if empty or _said(warc) != ((), ()):
            yield RecordBatch(index, source, sha256, [], None, *_said(warc))


def _row_batches(
    index: int, source: Source, settings: RecordSettings, max_bytes: int | None,
    wanted: Callable[[Source, str], bool] | None,
) -> Iterator[RecordBatch]:
    """The batches of rows of a Parquet input (see :mod:`predict.corpus.parquet`), the last carrying its failure, if any.

    The first batch has no rows, only the schema: the output is made from it.
    """
    sha256: list[str] = []

    def opened() -> bool:
        if wanted is None:
            return True
        sha256.append(file_sha256(source.name))
        return wanted(source, sha256[0])

    reader = ParquetReader(source.shown, settings.text_field, max_bytes)
    try:
        for rows in reader.batches(source.name, stream.BATCH_DOCS, opened):
            yield RecordBatch(index, source, (sha256 or [None])[0], [], rows=rows)
    except InputError as exc:
        yield RecordBatch(index, source, (sha256 or [None])[0], [], exc)


def _said(warc: WarcReader | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The notes and warnings of an input's reader (none for JSON Lines)."""
    return ((), ()) if warc is None else (tuple(warc.notes), tuple(warc.warnings))


def _record_size(record: RawRecord) -> int:
    raw = record[1]
    return len(raw.text) if isinstance(raw, WarcText) else len(raw or b"")


def _until_failure(records: Iterable[RawRecord], failures: list[Exception]) -> Iterator[RawRecord]:
    """``records`` until reading fails; the failure is added to ``failures``, so the records before it stay batched."""
    try:
        yield from records
    except (DamagedData, OSError, InputError) as exc:
        failures.append(exc)


@dataclass(frozen=True)
class _Record:
    """A record as read: its JSON ``line``, its text, and where in ``line`` the values junkfilter writes are.

    ``spans`` holds the start and end of the value of each written field the
    record has; ``close`` is where its closing brace is (new fields go there).
    """

    line: str
    text: str
    spans: dict[str, tuple[int, int]]
    close: int
    name: str | None = None


class _Unclean(ValueError):
    """What is wrong with a record, which is named ``name`` (see :func:`_name`) when that is known."""

    def __init__(self, message: str, name: str | None = None) -> None:
        super().__init__(message)
        self.name = name


def _parse(raw: bytes | WarcText | None, settings: RecordSettings) -> _Record:
    """A record and its text; :class:`_Unclean` says what is wrong with the line (naming the record if it can)."""
    if raw is None:
        raise _Unclean("is over the size limit (see --max-file-mb)")
    if isinstance(raw, WarcText):  # its headers, then its text: the last value, replaced by the cleaned text
        line = json_text({**raw.headers, settings.text_field: ""})
        return _Record(line, raw.text, {settings.text_field: (len(line) - 3, len(line) - 1)}, len(line) - 1,
                       _name(raw.headers.get(settings.id_field or ""), settings.id_field))
    try:
        line = raw.decode("utf-8-sig").strip(" \t\r\n")  # a UTF-8 BOM and JSON's own whitespace
        record = json.loads(line)
    except UnicodeDecodeError as exc:
        raise _Unclean(f"is not UTF-8 text ({exc.reason} at byte {exc.start + 1})") from None
    except json.JSONDecodeError as exc:
        raise _Unclean(f"is not valid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})") from None
    text_field = settings.text_field
    if not isinstance(record, dict):
        raise _Unclean(f"is {_JSON_TYPES[type(record)]}, not a JSON object holding a text field")
    name = _name(record.get(settings.id_field or ""), settings.id_field)
    if text_field not in record:
        raise _Unclean(f"has no {text_field!r} field; pass --text-field with the name of the field holding the text",
                       name)
    text = record[text_field]
    if not isinstance(text, str):
        raise _Unclean(f"field {text_field!r} is {_JSON_TYPES[type(text)]}, not a string", name)
    fields, close = _fields(line)
    written = {text_field, settings.removed_field}
    spans: dict[str, tuple[int, int]] = {}
    for key, start, end in fields:
        if key in written:
            if key in spans:
                raise _Unclean(f"has the field {key!r} more than once; keep one, as junkfilter writes that field", name)
            spans[key] = (start, end)
    return _Record(line, text, spans, close, name)


def _fields(line: str) -> tuple[list[tuple[str, int, int]], int]:
    """The top-level fields of a valid JSON object's text (each key, its value's start and end) and its closing brace."""
    fields = []
    at = _JSON_SPACE.match(line, 1).end()  # past "{"
    while line[at] != "}":
        key, at = _DECODER.raw_decode(line, at)
        start = _JSON_SPACE.match(line, _JSON_SPACE.match(line, at).end() + 1).end()  # past ":"
        _, end = _DECODER.raw_decode(line, start)
        fields.append((key, start, end))
        at = _JSON_SPACE.match(line, end).end()
        if line[at] == ",":
            at = _JSON_SPACE.match(line, at + 1).end()
    return fields, at


def _spliced(record: _Record, fields: dict[str, object]) -> str:
    """The record's line with ``fields`` written: each value replaced where it is, or the field added at the end.

    Nothing else of the line changes, not even spacing (see the module docstring).
    """
    edits = sorted(
        (*record.spans[key], json_text(value)) if key in record.spans
        else (record.close, record.close, f", {json_text(key)}: {json_text(value)}")
        for key, value in fields.items()
    )
    pieces, done = [], 0
    for start, end, text in edits:
        pieces += [record.line[done:start], text]
        done = end
    return "".join(pieces) + record.line[done:]
