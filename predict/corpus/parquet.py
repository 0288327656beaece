"""Parquet input and output: a shard's rows cleaned row group by row group, every column kept.

Corpora built for training sets and search indexes are often Parquet
shards (one document per row, the text in a column next to an id, a URL and
other metadata), each up to a few GB. ``python -m predict`` reads such a
file (``*.parquet``, a file whose bytes start ``PAR1``, or any input with
``--input-format parquet``; it needs pyarrow, the ``parquet`` extra) and
writes a Parquet file with the same columns in the same order, only the
text column cleaned (and, with ``--removed-field``, a column of the removed
lines), so the filter slots into the pipeline that made the shard.

Memory stays flat whatever the shard's size: the file is read one row group
at a time, and within a row group a batch of rows at a time
(:meth:`pyarrow.parquet.ParquetFile.iter_batches`); the cleaned rows of a row
group are written as one row group of the output (:class:`ParquetOutput`),
so a shard of N row groups gives N row groups, compressed with the input's
codec. Only the text column is turned into Python strings; the other columns
go through as Arrow arrays, values and types untouched.

A Parquet file's index (its footer) is at its end, so it cannot be read from
a pipe, and an output is useless until its footer is written: Parquet input
is read from files and written under ``--output-dir`` only (the command line
says so). A file whose footer cannot be read (empty, truncated, damaged, not
Parquet) is one error naming it, and no output is written. A row group that
cannot be read is :class:`PartlyRead`: the rows before it are cleaned and
written to a whole Parquet file, which is not recorded as complete, so a
rerun retries it (as WARC input does). A row whose text is null, not a string
or over ``--max-file-mb``, or that the model cannot score, is reported as
``FILE: row N`` and left out, like a JSON Lines record.
"""
from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from predict.corpus.inputs import InputError, open_binary

if TYPE_CHECKING:
    import pyarrow as pa

ROW_GROUP_BYTES = 128_000_000
"""Cleaned rows held before they are written as a row group, when an input row group is bigger than this."""
_CODECS = {"UNCOMPRESSED": "none", "LZ4_RAW": "lz4"}  # the footer's codec names the writer spells otherwise
_LEFT = "only the rows before it could be read"


class PartlyRead(InputError):
    """An input that failed part way: the rows read before the fault are cleaned and written (not recorded complete)."""


@dataclass(frozen=True)
class ParquetRows:
    """Consecutive rows of one row group (``group``, from 0) of a Parquet input, as a ``pyarrow.RecordBatch``.

    ``first`` is the 1-based number of the first row in the file; ``oversized``
    holds the positions in ``rows`` of the texts over the size limit;
    ``compression`` is the input's codec, which its output is written with.
    """

    group: int
    first: int
    rows: pa.RecordBatch
    oversized: tuple[int, ...] = ()
    compression: str = "snappy"


@dataclass(frozen=True)
class CleanedRows:
    """The cleaned rows of a :class:`ParquetRows` (the rows that could not be cleaned left out), as its output gets them."""

    group: int
    rows: pa.RecordBatch
    compression: str


class ParquetReader:
    """One Parquet input read as :class:`ParquetRows`, its text in ``text_field`` (a string column).

    ``shown`` names the input in messages; a text longer than ``max_bytes``
    (UTF-8) is listed in ``oversized``.
    """

    def __init__(self, shown: str, text_field: str, max_bytes: int | None) -> None:
        self.shown = shown
        self.text_field = text_field
        self.max_bytes = max_bytes

    def batches(self, name: str, batch_rows: int, opened: Callable[[], bool] = lambda: True) -> Iterator[ParquetRows]:
        """The rows of the file ``name``, ``batch_rows`` at a time, after an empty batch that carries the schema.

        ``opened()`` is asked once the file is open (a resumed run hashes it
        there); when it says no, nothing is read. Raises :class:`InputError`
        when the footer cannot be read or has no such text column, and
        :class:`PartlyRead` naming the row group that cannot be read, after
        every row before it has been yielded.
        """
        import pyarrow as pa
        import pyarrow.parquet as pq

        with open_binary(name) as handle:
            if not opened():
                return
            try:
                parquet = pq.ParquetFile(handle)
            except (pa.ArrowException, OSError) as exc:
                raise InputError(f"{self.shown}: {_unreadable(exc)}") from None
            schema = parquet.schema_arrow
            self._check(schema)
            metadata = parquet.metadata
            codec = metadata.row_group(0).column(0).compression if metadata.num_row_groups else "SNAPPY"
            compression = _CODECS.get(codec, codec.lower())
            yield ParquetRows(0, 1, pa.RecordBatch.from_pylist([], schema=schema), (), compression)
            first = 1
            for group in range(metadata.num_row_groups):
                try:
                    for rows in parquet.iter_batches(batch_size=batch_rows, row_groups=[group], use_threads=False):
                        yield ParquetRows(group, first, rows, self._oversized(rows), compression)
                        first += rows.num_rows
                except (pa.ArrowException, OSError) as exc:
                    raise PartlyRead(
                        f"{self.shown}: row group {group + 1} of {metadata.num_row_groups} (row {first} on): cannot "
                        f"be read ({_reason(exc)}): the file is damaged; {_LEFT}"
                    ) from None

    def _check(self, schema: pa.Schema) -> None:
        """The text column must be there, and hold strings."""
        from pyarrow import types

        if schema.names.count(self.text_field) > 1:
            raise InputError(f"{self.shown}: has the column {self.text_field!r} more than once; junkfilter cannot "
                             "tell which to clean")
        if self.text_field not in schema.names:
            columns = ", ".join(map(repr, schema.names[:10])) + (" ..." if len(schema.names) > 10 else "")
            raise InputError(f"{self.shown}: has no {self.text_field!r} column; pass --text-field with the name of "
                             f"the column holding the text (its columns: {columns or 'none'})")
        kind = schema.field(self.text_field).type
        if not (types.is_string(kind) or types.is_large_string(kind)):
            raise InputError(f"{self.shown}: column {self.text_field!r} holds {kind}, not strings; pass --text-field "
                             "with the name of the column holding the text")

    def _oversized(self, rows: pa.RecordBatch) -> tuple[int, ...]:
        if self.max_bytes is None:
            return ()
        from pyarrow import compute

        lengths = compute.binary_length(rows.column(self.text_field)).to_pylist()
        return tuple(k for k, length in enumerate(lengths) if length is not None and length > self.max_bytes)


def row_values(rows: ParquetRows, field: str | None) -> list[object]:
    """The values of column ``field`` of ``rows`` as Python objects (Nones when there is no such column)."""
    names = rows.rows.schema.names
    if field is None or names.count(field) != 1:
        return [None] * rows.rows.num_rows
    return rows.rows.column(names.index(field)).to_pylist()


def output_schema(schema: pa.Schema, removed_field: str | None) -> pa.Schema:
    """The schema of the output of an input with ``schema``: the same, with a column of removed lines if asked.

    The removed lines are a list of strings, replacing a column of that name
    where it is (as ``--removed-field`` replaces a JSON Lines field's value) or
    added last; the text column keeps its type, and the schema its metadata.
    """
    import pyarrow as pa

    if removed_field is None:
        return schema
    field = pa.field(removed_field, pa.list_(pa.string()))
    if removed_field in schema.names:
        return schema.set(schema.names.index(removed_field), field)
    return schema.append(field)


def cleaned_rows(
    rows: ParquetRows, kept: Sequence[int], texts: Sequence[str], removed: Sequence[list[str]],
    text_field: str, removed_field: str | None,
) -> CleanedRows:
    """The rows of ``rows`` at the positions ``kept``, their text column set to ``texts`` (and the removed
    lines to ``removed``); every other column's values go through as Arrow arrays, untouched."""
    import pyarrow as pa

    schema = output_schema(rows.rows.schema, removed_field)
    taken = pa.array(kept, type=pa.int64())
    columns = []
    for position, field in enumerate(schema):
        if field.name == text_field:
            columns.append(pa.array(texts, type=field.type))
        elif field.name == removed_field:
            columns.append(pa.array(removed, type=field.type))
        else:
            columns.append(rows.rows.column(position).take(taken))
    return CleanedRows(rows.group, pa.RecordBatch.from_arrays(columns, schema=schema), rows.compression)


@contextmanager
def parquet_output(write: Callable[[bytes], object]) -> Iterator[Callable[[CleanedRows | bytes], None]]:
    """A writer of :class:`CleanedRows` to a Parquet file through ``write``; the file is finished when the block ends.

    Bytes given to it are ignored (the empty output of an input that failed
    before any row). If the block raises, the file is left unfinished (the
    caller discards it anyway).
    """
    output = ParquetOutput(write)
    yield output.write
    output.close()


class ParquetOutput:
    """Cleaned rows written as Parquet: the rows of each input row group as one output row group.

    The writer is opened with the schema of the first rows given (an input's
    first batch carries it, even when it has no rows), so an empty input gives
    an empty Parquet file with the input's columns.
    """

    def __init__(self, write: Callable[[bytes], object]) -> None:
        self._sink = _Sink(write)
        self._writer = None
        self._held: list[pa.RecordBatch] = []
        self._held_bytes = 0
        self._group: int | None = None

    def write(self, output: CleanedRows | bytes) -> None:
        if isinstance(output, bytes):
            return
        import pyarrow.parquet as pq

        if self._writer is None:
            self._writer = pq.ParquetWriter(self._sink, output.rows.schema, compression=output.compression)
        if output.group != self._group or self._held_bytes >= ROW_GROUP_BYTES:
            self._flush()
            self._group = output.group
        if output.rows.num_rows:
            self._held.append(output.rows)
            self._held_bytes += output.rows.nbytes

    def close(self) -> None:
        if self._writer is not None:
            self._flush()
            self._writer.close()

    def _flush(self) -> None:
        """Write the rows held as one row group."""
        if self._held:
            import pyarrow as pa

            table = pa.Table.from_batches(self._held)
            self._writer.write_table(table, row_group_size=table.num_rows)
            self._held, self._held_bytes = [], 0


class _Sink(io.RawIOBase):
    """A writable stream over ``write`` that tells its position, as pyarrow's writer asks."""

    def __init__(self, write: Callable[[bytes], object]) -> None:
        super().__init__()
        self._write = write
        self._position = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        data = bytes(data)
        self._write(data)
        self._position += len(data)
        return len(data)

    def tell(self) -> int:
        return self._position


def _unreadable(exc: Exception) -> str:
    """What a footer that cannot be read says about the file."""
    reason = _reason(exc)
    if "size is 0 bytes" in reason:
        return "is empty (0 bytes), not a Parquet file; a Parquet file with no rows still has a footer"
    return f"cannot be read as Parquet ({reason}): the file is truncated, damaged or not Parquet"


def _reason(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
