"""Compressed and container inputs told by their first bytes, decompressed as a stream; compressed outputs."""
from __future__ import annotations

import bz2
import gzip
import io
import sys
import zlib

import pytest

from predict.corpus.compression import (
    DamagedData, UnreadableFormat, compressing, content_reader, content_stream, sniff, split_compression,
)

TEXT = b"".join(b"Line %d of a page about the harbour ferry timetable.\n" % k for k in range(2000))


class Pipe(io.RawIOBase):
    """A stream that cannot seek back, like standard input from a pipe."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        return self._data.readinto(buffer)


def from_pipe(data: bytes) -> io.BufferedReader:
    return io.BufferedReader(Pipe(data))


@pytest.mark.parametrize("head, kind", [
    (gzip.compress(b"x")[:10], "gzip"),
    (bz2.compress(b"x")[:10], "bzip2"),
    (bz2.compress(b"")[:10], "bzip2"),
    (b"\x28\xb5\x2f\xfd\x00\x58\x11\x00\x00x", "zstd"),
    (b"PAR1\x15\x04\x15\x10\x15\x14", "Parquet"),
    (b"BZh is a word on this page", None),  # the letters alone are not bzip2
    (b"The ferry", None),
    (b"", None),
])
def test_formats_are_told_by_their_magic_bytes(head: bytes, kind: str | None) -> None:
    assert sniff(head) == kind


@pytest.mark.parametrize("compress", [gzip.compress, bz2.compress, lambda data: data])
@pytest.mark.parametrize("stream", [io.BytesIO, from_pipe])
def test_content_is_decompressed_from_files_and_pipes(compress, stream) -> None:
    assert content_reader(stream(compress(TEXT))).read() == TEXT


def test_gzip_of_several_members_is_read_whole() -> None:
    assert content_reader(io.BytesIO(gzip.compress(TEXT) + gzip.compress(b"last\n"))).read() == TEXT + b"last\n"


@pytest.mark.parametrize("compress, kind", [(gzip.compress, "gzip"), (bz2.compress, "bzip2")])
def test_truncated_data_is_damaged_after_what_came_before_it(compress, kind) -> None:
    data = compress(TEXT * 20)
    reader = content_reader(io.BytesIO(data[: len(data) // 2]))
    lines = []
    with pytest.raises(DamagedData, match=f"^the {kind} data ends early: the file is truncated$"):
        while line := reader.readline():
            lines.append(line)
    assert 0 < len(lines) < 40_000 and b"".join(lines) == (TEXT * 20)[: len(b"".join(lines))]


def test_corrupt_gzip_is_damaged_naming_gzip() -> None:
    data = bytearray(gzip.compress(TEXT))
    data[-8] ^= 0xFF  # the CRC
    with pytest.raises(DamagedData, match=r"^the gzip data is damaged \(CRC check failed"):
        content_reader(io.BytesIO(bytes(data))).read()


@pytest.mark.parametrize("pyarrow", [True, False])
def test_parquet_read_as_a_stream_is_refused_saying_how_to_read_it(monkeypatch, pyarrow: bool) -> None:
    """A Parquet file is read as a table (predict/corpus/parquet.py), never as a stream of text."""
    if pyarrow:
        pytest.importorskip("pyarrow.parquet")
    else:
        monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # import fails as if not installed
    with pytest.raises(UnreadableFormat) as refused:
        content_reader(io.BytesIO(b"PAR1\x15\x04\x15\x10\x15\x14" + b"\x00" * 40))
    how = "is a Parquet file, not text; pass it as a file named *.parquet, or with --input-format parquet, in a run " \
        "of its own to clean it"
    install = "; reading Parquet needs the pyarrow module: run 'pip install -e \".[parquet]\"' (or 'pip install pyarrow')"
    assert str(refused.value) == how + ("" if pyarrow else install)


def test_zstd_without_zstandard_names_the_install_command(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "zstandard", None)  # import fails as if not installed
    with pytest.raises(UnreadableFormat, match=r"^is zstd-compressed.*'pip install zstandard'"):
        content_reader(io.BytesIO(b"\x28\xb5\x2f\xfd" + b"\x00" * 20))


def test_zstd_frames_are_read_and_a_cut_frame_is_damaged() -> None:
    zstandard = pytest.importorskip("zstandard")
    data = zstandard.ZstdCompressor().compress(TEXT) + zstandard.ZstdCompressor().compress(b"last\n")
    assert content_reader(from_pipe(data)).read() == TEXT + b"last\n"
    with pytest.raises(DamagedData, match="^the zstd data ends early"):  # zstandard's stream reader says nothing
        content_reader(io.BytesIO(data[:-10])).read()


@pytest.mark.parametrize("name, decompress", [
    ("clean.jsonl.gz", gzip.decompress), ("clean.jsonl.bz2", bz2.decompress), ("clean.jsonl", lambda data: data),
])
def test_outputs_are_compressed_as_their_name_says(name, decompress) -> None:
    out = io.BytesIO()
    with compressing(out.write, name) as write:
        for piece in (TEXT[:100], b"", TEXT[100:]):
            write(piece)
    assert decompress(out.getvalue()) == TEXT


def test_gzip_output_has_no_time_in_it() -> None:
    """The same records give the same bytes on every run."""
    out = io.BytesIO()
    with compressing(out.write, "a.jsonl.gz") as write:
        write(TEXT)
    assert out.getvalue()[4:8] == b"\x00\x00\x00\x00" and zlib.decompress(out.getvalue(), 31) == TEXT


def test_zstd_output_without_zstandard_is_an_os_error_on_the_first_write(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "zstandard", None)
    written = []
    with pytest.raises(OSError, match="pip install zstandard"):
        with compressing(io.BytesIO().write, "a.jsonl.zst") as write:
            write(b"")  # nothing to write yet (an input that failed to be read): no error
            written.append(b"")
            write(b"{}\n")
    assert written == [b""]


@pytest.mark.parametrize("name, split", [
    ("corpus.jsonl.gz", ("corpus.jsonl", ".gz")), ("page.txt.BZ2", ("page.txt", ".BZ2")),
    ("a/b.jsonl.zst", ("a/b.jsonl", ".zst")), ("page.txt", ("page.txt", "")), ("table.parquet", ("table.parquet", "")),
])
def test_split_compression(name: str, split: tuple[str, str]) -> None:
    assert split_compression(name) == split


# --- content_stream: the same content, and nothing held back before a fault (WARC input reads it) ---------


@pytest.mark.parametrize("compress", [gzip.compress, bz2.compress, lambda data: data])
@pytest.mark.parametrize("stream", [io.BytesIO, from_pipe])
def test_content_stream_gives_what_content_reader_gives(compress, stream) -> None:
    data = compress(TEXT) + compress(b"last\n")  # two gzip members, two bzip2 streams
    assert content_stream(stream(data)).read() == TEXT + b"last\n"


def read_until_fault(stream) -> tuple[bytes, str | None]:
    """What ``stream`` gives, a read at a time, until it ends or raises; and the fault's message."""
    got = []
    try:
        while piece := stream.read(65536):
            got.append(piece)
    except DamagedData as exc:
        return b"".join(got), str(exc)
    return b"".join(got), None


@pytest.mark.parametrize("compress, kind", [(gzip.compress, "gzip"), (bz2.compress, "bzip2")])
def test_content_stream_hands_on_every_member_before_a_cut_then_says_so(compress, kind) -> None:
    parts = [b"Record %d of a small crawl about the harbour ferry.\n" % k * (k + 1) for k in range(6)]
    members = [compress(part) for part in parts]
    data = b"".join(members)
    ends = [sum(map(len, members[:k])) for k in range(1, len(members) + 1)]
    for cut in range(10, len(data)):  # 10 bytes: enough to tell bzip2 (and gzip) by
        got, fault = read_until_fault(content_stream(io.BytesIO(data[:cut])))
        whole = sum(end <= cut for end in ends)
        assert got.startswith(b"".join(parts[:whole])) and (b"".join(parts)).startswith(got), cut
        assert fault == (None if cut in ends else f"the {kind} data ends early: the file is truncated"), cut


def test_content_stream_names_damaged_gzip_after_the_members_before_it() -> None:
    data = bytearray(gzip.compress(TEXT) + gzip.compress(b"last\n"))
    data[-8] ^= 0xFF  # the second member's CRC
    got, fault = read_until_fault(content_stream(io.BytesIO(bytes(data))))
    assert got == TEXT
    assert fault == "the gzip data is damaged (Error -3 while decompressing data: incorrect data check)"


def test_content_stream_refuses_parquet_and_reads_zstd_like_content_reader() -> None:
    with pytest.raises(UnreadableFormat, match="^is a Parquet file"):
        content_stream(io.BytesIO(b"PAR1\x15\x04\x15\x10\x15\x14" + b"\x00" * 40))
    zstandard = pytest.importorskip("zstandard")
    data = zstandard.ZstdCompressor().compress(TEXT)
    assert content_stream(from_pipe(data)).read() == TEXT
    assert read_until_fault(content_stream(io.BytesIO(data[:-10])))[1].startswith("the zstd data ends early")
