"""Finding the inputs, telling their format, and opening them with bounded reads.

Anything that cannot be read becomes an :class:`InputError` whose one-line
message names the file, so a many-file run can report it and carry on. Bytes
become lines in :mod:`predict.corpus.decoding`.

Inputs are untrusted: any bytes at all may arrive, so reading is bounded (a
size limit checked while reading, not after) and file names are shown escaped
when they hold characters that would break a one-line message.

An input's format is told twice over. Its name says how it is read, text,
JSON Lines, WARC or Parquet (:func:`named_format`), unless the command line says
otherwise; its first bytes say whether it is compressed, and it is then
decompressed as it is read, or refused in one line naming the format
(:mod:`predict.corpus.compression`); a Parquet file is read as a table, by
:mod:`predict.corpus.parquet`.
"""
from __future__ import annotations

import os
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import BinaryIO, Iterator, Sequence

from predict.corpus.compression import (
    COMPRESSION_SUFFIXES, PARQUET_SUFFIX, DamagedData, UnreadableFormat, content_reader, sniff, split_compression,
)

STDIN = "-"
STDIN_NAME = "stdin"
_SURROGATE = re.compile("[\ud800-\udfff]")
INPUT_SUFFIXES = {"text": ".txt", "jsonl": ".jsonl", "warc": ".warc", "parquet": PARQUET_SUFFIX}
"""The input formats, and the suffix of the files each reads from a folder (plain, or compressed: ``.jsonl.gz``;
Parquet compresses inside the file)."""
WARC_SUFFIXES = (".warc.wet", ".warc")
"""The names of WARC files, Common Crawl's WET files (``.warc.wet.gz``) among them: read by :mod:`predict.corpus.warc`."""
WARC_MAGIC = b"WARC/1."
"""How a WARC file starts (after decompression): tells one that is named otherwise (``segment.wet.gz``)."""
_LISTED = 3  # names listed in a report of a folder's files that were not read; the rest are counted


class InputError(Exception):
    """An input that cannot be read as text; the message is one line naming it."""


class InputTooLarge(InputError):
    """An input bigger than the size limit; ``size`` is ``None`` when unknown (a pipe)."""

    def __init__(self, message: str, size: int | None, limit: int) -> None:
        super().__init__(message)
        self.size = size
        self.limit = limit


@dataclass(frozen=True)
class Source:
    """One input document.

    ``name`` is how the user spelled it (``-`` for stdin) and is what results
    report as its path; ``relative`` is where its output goes under
    ``--output-dir`` (its path below the directory argument it was found in,
    else its file name; ``stdin.txt`` for stdin); ``input_format`` is how it
    is read (a key of :data:`INPUT_SUFFIXES`).
    """

    name: str
    relative: Path
    input_format: str = "text"

    @property
    def is_stdin(self) -> bool:
        return self.name == STDIN

    @property
    def shown(self) -> str:
        """The name as messages and results show it (see :func:`display_name`)."""
        return display_name(self.name)


def display_name(name: str) -> str:
    """A file name fit for a one-line message or a ``# path:`` header.

    Plain names are returned unchanged. A name with control characters, line
    breaks, surrounding spaces or bytes that are not UTF-8 (Python keeps those
    as lone surrogates) is shown as a quoted, escaped Python literal instead.
    """
    if name.isprintable() and name == name.strip() and not _SURROGATE.search(name):
        return name
    return repr(name)


def named_format(name: str | PurePath) -> str | None:
    """The input format a file's name says, compression suffix aside (``corpus.jsonl.gz``: jsonl), or None.

    Parquet compresses inside the file: a ``.parquet.gz`` is no input format's.
    """
    plain, packed = split_compression(PurePath(name).name)
    plain = plain.lower()
    if plain.endswith(WARC_SUFFIXES):
        return "warc"
    named = next((fmt for fmt, suffix in INPUT_SUFFIXES.items() if plain.endswith(suffix)), None)
    return None if named == "parquet" and packed else named


def _folder_kinds(formats: Sequence[str]) -> str:
    """The files a folder is searched for, as messages name them: ``*.txt, *.jsonl, *.warc.wet or *.warc``."""
    kinds = [f"*{suffix}" for fmt in formats
             for suffix in (WARC_SUFFIXES if fmt == "warc" else (INPUT_SUFFIXES[fmt],))]
    return " or ".join(filter(None, [", ".join(kinds[:-1]), kinds[-1]]))


def strip_warc_suffix(name: str) -> str:
    """``name`` without its WARC suffix (``crawl.warc.wet``: ``crawl``); unchanged when it has none."""
    suffix = next((suffix for suffix in WARC_SUFFIXES if name.lower().endswith(suffix)), "")
    return name[: len(name) - len(suffix)]


def content_format(name: str) -> str:
    """The input format of a file whose name says none: Parquet or WARC when its content starts so, else text.

    Only a regular file is looked into: the bytes of a pipe (``<(zcat ...)``)
    are read once. A file that cannot be read is called text here: reading it
    reports why.
    """
    if not Path(name).is_file():
        return "text"
    try:
        with open_binary(name) as raw:
            if sniff(raw.read(len(b"PAR1"))) == "Parquet":
                return "parquet"
        with open_input(name) as handle:
            return "warc" if handle.read(len(WARC_MAGIC)) == WARC_MAGIC else "text"
    except InputError:
        return "text"


def expand_inputs(names: Sequence[str], input_format: str | None = "text") -> tuple[list[Source], list[InputError]]:
    """The inputs named on the command line, in order, and the problems of the arguments.

    Each input is read as ``input_format``; None reads each as its name says
    (:func:`named_format`), a file named otherwise as its first bytes say
    (:func:`content_format`: WARC or text), stdin as text. A directory
    stands for the files below it, recursively, sorted by path, whose name
    says a format read here (``input_format``; either when None), plain or
    compressed: ``*.txt``, ``*.txt.gz``, ``*.jsonl.bz2``... (the command line
    refuses an output folder inside one, so no earlier output is taken for an
    input). A missing path, or a directory without such files, is a problem
    instead of a source, and so are a directory's other compressed files and
    its Parquet files when another format is asked for: a shard is never
    skipped in silence.
    """
    wanted = tuple(INPUT_SUFFIXES) if input_format is None else (input_format,)
    sources: list[Source] = []
    problems: list[InputError] = []
    for name in names:
        if name == STDIN:
            stdin_format = input_format or "text"
            sources.append(Source(STDIN, Path(STDIN_NAME + INPUT_SUFFIXES[stdin_format]), stdin_format))
            continue
        path = Path(name)
        if path.is_dir():
            found, not_read = _folder_inputs(path, wanted)
            if not found and not not_read:
                problems.append(InputError(f"{display_name(name)}: directory has no {_folder_kinds(wanted)} files; "
                                           "pass such files or a folder of them"))
            sources.extend(found)
            problems.extend(not_read)
        elif path.exists():
            sources.append(Source(name, Path(path.name), input_format or named_format(name) or content_format(name)))
        else:
            problems.append(InputError(f"{display_name(name)}: no such file or directory; check the path"))
    return sources, problems


def _folder_inputs(folder: Path, wanted: Sequence[str]) -> tuple[list[Source], list[InputError]]:
    """The input files below ``folder`` in the ``wanted`` formats, and one problem per kind of file not read.

    The files not read that are reported are the Parquet files and the other
    compressed files: compressed shards beside the wanted files are most
    likely more of the corpus, so leaving them out must not go unnoticed.
    """
    sources: list[Source] = []
    parquet: list[Path] = []
    compressed: list[Path] = []
    for path in sorted(folder.rglob("*")):
        input_format = named_format(path.name)
        if input_format in wanted:
            if path.is_file():
                sources.append(Source(str(path), path.relative_to(folder), input_format))
        elif path.suffix.lower() == PARQUET_SUFFIX and path.is_file():
            parquet.append(path.relative_to(folder))
        elif split_compression(path.name)[1] and path.is_file():
            compressed.append(path.relative_to(folder))
    shown = display_name(str(folder))
    problems = []
    if parquet:
        problems.append(InputError(f"{shown}: {_listed(parquet, 'Parquet file')} not read: pass --input-format "
                                   "parquet, in a run of its own, to clean them"))
    if compressed:
        kinds = _folder_kinds(wanted)
        packed = ", ".join(COMPRESSION_SUFFIXES)
        problems.append(InputError(
            f"{shown}: {_listed(compressed, 'compressed file')} not read: only {kinds} files, plain or compressed "
            f"({packed}), are read from a folder; pass the others as arguments, or rename them, to read them"
        ))
    return sources, problems


def _listed(paths: Sequence[Path], kind: str) -> str:
    """``3 Parquet files (a.parquet, b.parquet, c.parquet)``: how many, and the first few names."""
    names = ", ".join(display_name(path.as_posix()) for path in paths[:_LISTED])
    more = f" and {len(paths) - _LISTED} more" if len(paths) > _LISTED else ""
    return f"{len(paths)} {kind}{'s' if len(paths) > 1 else ''} ({names}{more})"


def read_bytes(path_or_dash: str | Path, max_bytes: int | None = None) -> bytes:
    """The content of a file, or of standard input when given ``-`` (see :func:`open_input`), at most ``max_bytes``.

    Raises :class:`InputTooLarge` as soon as more than ``max_bytes`` arrive
    (decompressed: a compressed file is limited by what it holds), so an
    oversized file, an endless stream or a decompression bomb never fills
    memory, and :class:`InputError` when the file cannot be read.
    """
    name = str(path_or_dash)
    with open_input(name) as handle:
        return _read_limited(handle, STDIN_NAME if name == STDIN else display_name(name), max_bytes)


@contextmanager
def open_input(path_or_dash: str | Path) -> Iterator[BinaryIO]:
    """The content of a file, or of standard input when given ``-``, open for reading bytes.

    Compressed content (gzip, bzip2, zstd) is decompressed as it is read (see
    :mod:`predict.corpus.compression`). Raises :class:`InputError` with a
    one-line message naming the input when it cannot be opened or read, is in
    a format that cannot be read (Parquet), or when its compressed data stops
    decompressing inside the block (naming the line, when the reader told it).
    """
    name = str(path_or_dash)
    shown = STDIN_NAME if name == STDIN else display_name(name)
    with open_binary(name) as handle:
        try:
            yield content_reader(handle)
        except UnreadableFormat as exc:
            raise InputError(f"{shown}: {exc}") from None
        except DamagedData as exc:
            raise InputError(f"{shown}{'' if exc.line is None else f':{exc.line}'}: {exc}") from None


@contextmanager
def open_binary(path_or_dash: str | Path) -> Iterator[BinaryIO]:
    """A file, or standard input when given ``-``, open for reading bytes.

    Failing to open or read it (inside the block) raises :class:`InputError`
    with a one-line message that names the file and says what to check.
    """
    name = str(path_or_dash)
    if name == STDIN:
        yield sys.stdin.buffer
        return
    shown = display_name(name)
    try:
        with open(name, "rb") as handle:
            yield handle
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file; check the path") from None
    except IsADirectoryError:
        raise InputError(f"{shown}: is a directory; pass it as an argument to read its input files") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied; check the file's permissions") from None
    except OSError as exc:
        raise InputError(f"{shown}: cannot read ({exc.strerror or exc})") from None


def _read_limited(handle, shown: str, max_bytes: int | None) -> bytes:
    data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    if max_bytes is None or len(data) <= max_bytes:
        return data
    try:
        size = os.fstat(handle.fileno()).st_size or None  # pipes and character devices report 0
    except (OSError, ValueError):  # a stream without a file descriptor
        size = None
    amount = f"{size / 1e6:.3g} MB, " if size else ""
    raise InputTooLarge(f"{shown}: is {amount}over the {max_bytes / 1e6:g} MB size limit", size, max_bytes)
