"""Compressed and container inputs, recognised by their first bytes whatever their names say.

Corpora are often kept compressed (``.jsonl.gz`` shards) or as Parquet tables.
Decoded as text, such bytes give a flood of nonsense (a "not UTF-8" error for
every record) that never names the real problem, so an input's first bytes are
checked before anything is decoded (:func:`content_reader`):

- gzip (``1f 8b``) and bzip2 (``BZh``) are decompressed while they are read,
  by the standard library, a block at a time: memory stays flat, and size
  limits apply to the decompressed bytes, so a decompression bomb stops at the
  limit like any oversized input;
- zstd (``28 b5 2f fd``) likewise when the ``zstandard`` module is installed;
  otherwise the input is refused with the command that installs it;
- Parquet (``PAR1``) is a table, not a stream of text: it is read by
  :mod:`predict.corpus.parquet` when its name or ``--input-format parquet`` says
  so, and refused here, in one line that says how to read it.

Data that stops decompressing (a truncated download, a damaged block) raises
:class:`DamagedData` at the point it is reached, so what was read before it
has already been handed on.

File names only choose which files of a folder are read and name the outputs
(:func:`split_compression`); an output under a compressed name is compressed
the same way (:func:`compressing`), so a folder of ``.jsonl.gz`` shards is
cleaned into a folder of ``.jsonl.gz`` shards.
"""
from __future__ import annotations

import bz2
import gzip
import io
import re
import zlib
from contextlib import contextmanager
from functools import partial
from pathlib import PurePath
from typing import BinaryIO, Callable, Iterator

COMPRESSION_SUFFIXES = {".gz": "gzip", ".bz2": "bzip2", ".zst": "zstd"}
PARQUET_SUFFIX = ".parquet"
INSTALL_PARQUET = ("reading Parquet needs the pyarrow module: run 'pip install -e \".[parquet]\"' "
                   "(or 'pip install pyarrow')")
_HEAD_BYTES = 10
# bzip2: "BZh", the block size digit, then a block's or the end-of-stream's magic number, so a
# text that merely starts with the letters "BZh" is still read as text.
_MAGIC: tuple[tuple[re.Pattern[bytes], str], ...] = (
    (re.compile(rb"\x1f\x8b"), "gzip"),
    (re.compile(rb"\x28\xb5\x2f\xfd"), "zstd"),
    (re.compile(rb"BZh[1-9](?:1AY&SY|\x17rE8P\x90)"), "bzip2"),
    (re.compile(rb"PAR1"), "Parquet"),
)


class UnreadableFormat(ValueError):
    """An input in a format this version cannot read; the message ends the caller's sentence."""


class DamagedData(ValueError):
    """Compressed data that stops decompressing; the message ends the caller's sentence.

    ``line`` is the 1-based line the damage was met in, when the reader counts lines.
    """

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def sniff(head: bytes) -> str | None:
    """The compressed or container format whose magic bytes ``head`` starts with, or None."""
    return next((name for magic, name in _MAGIC if magic.match(head)), None)


def content_reader(handle: BinaryIO) -> BinaryIO:
    """The content of ``handle`` as a binary stream: its bytes, or its decompressed bytes.

    Reads the first bytes to tell the format (see the module docstring);
    raises :class:`UnreadableFormat` for Parquet (see :func:`parquet_elsewhere`),
    and for zstd without the ``zstandard`` module.
    """
    raw, kind = _sniffed(handle)
    return raw if kind is None else io.BufferedReader(_Decompressing(kind, *_decompressor(kind, raw)))


def content_stream(handle: BinaryIO) -> BinaryIO:
    """The content of ``handle`` as :func:`content_reader` gives it, but unbuffered: nothing decompressed is held back.

    The standard library's decompressing files read ahead into buffers of
    their own, and where the data stops or is damaged, what they had
    decompressed of the failing read goes with the exception: the records
    just before a fault are lost with it. A reader that buffers by itself
    and must hand on every record before a fault (WARC input,
    :mod:`predict.corpus.warc`) reads this stream instead; each read gives what
    a small piece of the file decompresses to, and :class:`DamagedData` comes
    from the read after the last byte there was.
    """
    raw, kind = _sniffed(handle)
    if kind is None:
        return raw
    if kind == "gzip":
        return _Decompressing(kind, _Members(raw, partial(zlib.decompressobj, wbits=31)), (zlib.error,))
    if kind == "bzip2":
        return _Decompressing(kind, _Members(raw, bz2.BZ2Decompressor), (OSError,))
    return _Decompressing(kind, *_decompressor(kind, raw))  # zstd: its stream is unbuffered already


def _sniffed(handle: BinaryIO) -> tuple[BinaryIO, str | None]:
    """``handle`` from its first byte again, and its compression (None: plain); raises
    :class:`UnreadableFormat` for Parquet."""
    head = handle.read(_HEAD_BYTES)
    kind = sniff(head)
    if kind == "Parquet":
        raise UnreadableFormat(f"is a Parquet file, not text; {parquet_elsewhere()}")
    return _unread(handle, head), kind


def parquet_elsewhere() -> str:
    """How to read a Parquet file met where a stream of text is read: as Parquet (and, without pyarrow, its install)."""
    how = "pass it as a file named *.parquet, or with --input-format parquet, in a run of its own to clean it"
    return how if have_pyarrow() else f"{how}; {INSTALL_PARQUET}"


def have_pyarrow() -> bool:
    """Whether pyarrow, which reads and writes Parquet (the ``parquet`` extra), can be imported."""
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True


def split_compression(name: str | PurePath) -> tuple[str, str]:
    """A file name without its compression suffix (``.gz``, ``.bz2``, ``.zst``), and that suffix ("" if none)."""
    text = str(name)
    suffix = PurePath(text).suffix
    if suffix.lower() in COMPRESSION_SUFFIXES:
        return text[: -len(suffix)], suffix
    return text, ""


@contextmanager
def compressing(write: Callable[[bytes], object], name: str | PurePath) -> Iterator[Callable[[bytes], object]]:
    """``write``, compressing on the way as the suffix of ``name`` says (unchanged for other names).

    The compressed stream is finished when the block ends; if the block raises,
    it is left unfinished (the caller discards the output anyway). Raises
    ``OSError`` on the first write when zstd is asked for without the
    ``zstandard`` module (not sooner: the input may fail to be read first).
    """
    kind = COMPRESSION_SUFFIXES.get(split_compression(name)[1].lower())
    if kind is None:
        yield write
        return
    compressors = []

    def compressor():
        if not compressors:
            try:
                compressors.append(_compressor(kind))
            except UnreadableFormat:
                raise OSError("writing zstd needs the zstandard module: run 'pip install zstandard'") from None
        return compressors[0]

    def packed(data: bytes) -> None:
        if data:  # an input that fails to be read still sends its (empty) output first
            write(compressor().compress(data))

    yield packed
    write(compressor().flush())


def _unread(handle: BinaryIO, head: bytes) -> BinaryIO:
    """``handle`` positioned back before ``head``: seeked back when it can be, else with ``head`` put in front."""
    if handle.seekable():
        handle.seek(-len(head), io.SEEK_CUR)
        return handle
    return io.BufferedReader(_Prefixed(head, handle))


def _decompressor(kind: str, raw: BinaryIO) -> tuple[BinaryIO, tuple[type[Exception], ...]]:
    """A stream of ``raw``'s decompressed bytes, and the exceptions that mean the data is damaged."""
    if kind == "gzip":
        return gzip.GzipFile(fileobj=raw, mode="rb"), (OSError, zlib.error)
    if kind == "bzip2":
        return bz2.BZ2File(raw, mode="rb"), (OSError,)
    zstandard = _zstandard()
    return _Members(raw, zstandard.ZstdDecompressor().decompressobj, piece=1024), (zstandard.ZstdError,)


def _compressor(kind: str):
    """An object with ``compress(data)`` and ``flush()`` writing the ``kind`` format."""
    if kind == "gzip":
        return zlib.compressobj(wbits=31)  # 16 + 15: a gzip header and trailer, with no file name or time
    if kind == "bzip2":
        return bz2.BZ2Compressor()
    return _zstandard().ZstdCompressor().compressobj()


def _zstandard():
    """The ``zstandard`` module (not a dependency: only zstd input needs it)."""
    try:
        import zstandard
    except ImportError:
        raise UnreadableFormat(
            "is zstd-compressed, and reading zstd needs the zstandard module: run 'pip install zstandard', "
            "or decompress it first ('zstd -d')"
        ) from None
    return zstandard


class _Prefixed(io.RawIOBase):
    """A stream that cannot seek, with bytes already read from it put back in front."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if not self._head:
            return self._rest.readinto(buffer)
        count = min(len(buffer), len(self._head))
        buffer[:count] = self._head[:count]
        self._head = self._head[count:]
        return count

    def fileno(self) -> int:
        return self._rest.fileno()


class _Decompressing(io.RawIOBase):
    """A decompressing stream whose failures are :class:`DamagedData` naming the format.

    It has no ``fileno``: the size of the file on disk says nothing about the
    size of its content.
    """

    def __init__(self, kind: str, stream: BinaryIO, damaged: tuple[type[Exception], ...]) -> None:
        super().__init__()
        self._kind = kind
        self._stream = stream
        self._damaged = damaged

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        try:
            return self._stream.readinto(buffer)
        except EOFError:
            raise DamagedData(f"the {self._kind} data ends early: the file is truncated") from None
        except self._damaged as exc:
            raise DamagedData(f"the {self._kind} data is damaged ({exc})") from None


class _Members(io.RawIOBase):
    """The decompressed bytes of gzip members, bzip2 streams or zstd frames one after another, nothing held back.

    Each read gives what a piece of compressed bytes decompresses to, so
    everything before a fault has been handed on when it is raised, by the
    read after: ``EOFError`` where the last member does not end, the
    decompressor's own error where the data is damaged. Pieces are small:
    gzip and bzip2 expand at most a few thousand-fold, zstd about
    32,000-fold (its pieces are 1 KB), so one piece never gives more than
    about 50 MB. zstd is read through ``zstandard``'s decompression objects,
    not its stream reader, which takes a truncated frame for the end of the
    data and would lose the end of a cut-off file in silence.
    """

    def __init__(self, raw: BinaryIO, new: Callable[[], object], piece: int = 8 * 1024) -> None:
        super().__init__()
        self._raw = raw
        self._new = new
        self._piece = piece
        self._member = None  # the member being read: started, not yet ended
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            data = b""
            if self._member is not None and self._member.eof:
                data, self._member = self._member.unused_data, None
            data = data or self._raw.read(self._piece)
            if not data:
                if self._member is not None:
                    raise EOFError("the last member is cut short")
                return 0
            if self._member is None:
                self._member = self._new()
            self._pending = memoryview(self._member.decompress(data))
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count
