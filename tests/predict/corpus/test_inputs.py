"""Finding the files named on the command line, telling their format, and reading them bounded (and decompressed)."""
from __future__ import annotations

import bz2
import gzip
import io
import os
import random
import sys
from pathlib import Path

import pytest

from predict.corpus.decoding import read_text_lines
from predict.corpus.inputs import (
    InputError,
    InputTooLarge,
    Source,
    display_name,
    expand_inputs,
    named_format,
    read_bytes,
)


def test_read_bytes_stops_at_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(b"x" * 1000)
    assert read_bytes(path, max_bytes=1000) == b"x" * 1000
    with pytest.raises(InputTooLarge, match=r"page\.txt: is 0\.001 MB, over the 0\.000999 MB size limit$") as error:
        read_bytes(path, max_bytes=999)
    assert (error.value.size, error.value.limit) == (1000, 999)


def test_display_name_quotes_only_names_that_would_break_a_line() -> None:
    assert display_name("dossier/été 2024.txt") == "dossier/été 2024.txt"
    assert display_name("two\nlines.txt") == "'two\\nlines.txt'"
    assert display_name(" padded.txt ") == "' padded.txt '"
    assert display_name(os.fsdecode(b"caf\xe9.txt")) == "'caf\\udce9.txt'"


def test_expand_recurses_over_txt_files_sorted(tmp_path: Path) -> None:
    for name in ["b/2.txt", "a.txt", "b/1.txt", "b/c/0.txt", "b/notes.md"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n")
    sources, problems = expand_inputs([str(tmp_path / "b"), str(tmp_path / "a.txt"), "-"])
    assert problems == []
    assert sources == [
        Source(str(tmp_path / "b/1.txt"), Path("1.txt")),
        Source(str(tmp_path / "b/2.txt"), Path("2.txt")),
        Source(str(tmp_path / "b/c/0.txt"), Path("c/0.txt")),
        Source(str(tmp_path / "a.txt"), Path("a.txt")),
        Source("-", Path("stdin.txt")),
    ]


def test_expand_reports_missing_paths_and_empty_folders(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "page.txt").write_text("x\n")
    sources, problems = expand_inputs([str(tmp_path / "gone.txt"), str(tmp_path / "empty"), str(tmp_path / "page.txt")])
    assert [s.name for s in sources] == [str(tmp_path / "page.txt")]
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'gone.txt'}: no such file or directory; check the path",
        f"{tmp_path / 'empty'}: directory has no *.txt files; pass such files or a folder of them",
    ]


def make_files(folder: Path, names: list[str], data: bytes = b"x\n") -> None:
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)


@pytest.mark.parametrize("name, input_format", [
    ("corpus.jsonl", "jsonl"), ("shards/part-0.jsonl.gz", "jsonl"), ("CORPUS.JSONL.BZ2", "jsonl"),
    ("page.txt", "text"), ("page.txt.zst", "text"), ("page.html", None), ("corpus.json", None), ("table.parquet", "parquet"),
])
def test_a_files_name_says_its_input_format(name: str, input_format: str | None) -> None:
    assert named_format(name) == input_format


def test_by_default_each_input_is_read_as_its_name_says_and_stdin_as_text(tmp_path: Path) -> None:
    make_files(tmp_path, ["corpus.jsonl", "corpus.jsonl.gz", "page.html"])
    names = [str(tmp_path / name) for name in ["corpus.jsonl", "corpus.jsonl.gz", "page.html"]]
    sources, problems = expand_inputs([*names, "-"], None)
    assert problems == []
    assert [(s.input_format, s.relative) for s in sources] == [
        ("jsonl", Path("corpus.jsonl")), ("jsonl", Path("corpus.jsonl.gz")), ("text", Path("page.html")),
        ("text", Path("stdin.txt")),
    ]


@pytest.mark.parametrize("input_format", ["text", "jsonl"])
def test_an_input_format_given_wins_over_names(tmp_path: Path, input_format: str) -> None:
    make_files(tmp_path, ["corpus.jsonl", "page.txt"])
    sources, _ = expand_inputs([str(tmp_path / "corpus.jsonl"), str(tmp_path / "page.txt"), "-"], input_format)
    assert {s.input_format for s in sources} == {input_format}
    assert sources[-1].relative == Path("stdin" + {"text": ".txt", "jsonl": ".jsonl"}[input_format])


def test_a_folder_reads_its_compressed_shards_and_reports_the_rest(tmp_path: Path) -> None:
    make_files(tmp_path, ["a.jsonl", "a.jsonl.gz", "b/c.jsonl.bz2", "b/d.jsonl.zst", "notes.txt", "readme.md",
                          "t1.parquet", "b/t2.parquet", "logs.tar.gz", "page.txt.gz"])
    sources, problems = expand_inputs([str(tmp_path)], "jsonl")
    assert [s.relative.as_posix() for s in sources] == ["a.jsonl", "a.jsonl.gz", "b/c.jsonl.bz2", "b/d.jsonl.zst"]
    assert [str(p) for p in problems] == [
        f"{tmp_path}: 2 Parquet files (b/t2.parquet, t1.parquet) not read: pass --input-format parquet, in a run of "
        "its own, to clean them",
        f"{tmp_path}: 2 compressed files (logs.tar.gz, page.txt.gz) not read: only *.jsonl files, plain or compressed "
        "(.gz, .bz2, .zst), are read from a folder; pass the others as arguments, or rename them, to read them",
    ]


def test_a_report_of_many_files_not_read_names_a_few_and_counts_the_rest(tmp_path: Path) -> None:
    make_files(tmp_path, [f"part-{k}.parquet" for k in range(7)])
    _, [problem] = expand_inputs([str(tmp_path)], "jsonl")
    assert str(problem).startswith(
        f"{tmp_path}: 7 Parquet files (part-0.parquet, part-1.parquet, part-2.parquet and 4 more) not read: ")


def test_a_folder_read_by_names_finds_both_formats(tmp_path: Path) -> None:
    make_files(tmp_path, ["a.txt", "b.jsonl", "c.txt.gz", "d.md"])
    sources, problems = expand_inputs([str(tmp_path)], None)
    assert problems == []
    assert [(s.relative.name, s.input_format) for s in sources] == [
        ("a.txt", "text"), ("b.jsonl", "jsonl"), ("c.txt.gz", "text")]
    (tmp_path / "empty").mkdir()
    _, [problem] = expand_inputs([str(tmp_path / "empty")], None)
    assert str(problem).endswith(": directory has no *.txt, *.jsonl, *.warc.wet, *.warc or *.parquet files; pass such "
                                 "files or a folder of them")


@pytest.mark.parametrize("compress", [gzip.compress, bz2.compress])
def test_compressed_files_are_read_decompressed_whatever_their_name(tmp_path: Path, compress) -> None:
    path = tmp_path / "page.txt"  # no compression suffix: the bytes tell
    lines = ["La bibliothèque rouvre jeudi.", "Le marché reste fermé."]
    path.write_bytes(compress("\n".join(lines).encode("utf-8")))
    assert read_text_lines(path) == lines


def test_compressed_stdin_is_read_decompressed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(gzip.compress("é\nb\n".encode("utf-8")))))
    assert read_text_lines("-") == ["é", "b"]


def test_the_size_limit_applies_to_what_a_compressed_file_holds(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"x" * 2_000_000))  # 2 kB on disk
    with pytest.raises(InputTooLarge, match=r"bomb\.txt\.gz: is over the 1 MB size limit$") as error:
        read_bytes(path, max_bytes=1_000_000)
    assert error.value.size is None  # the size on disk says nothing of the content's


@pytest.mark.parametrize("data, message", [
    (b"PAR1\x15\x04\x15\x10" + b"\x00" * 40, "is a Parquet file, not text; pass it as a file named *.parquet"),
    (gzip.compress(random.Random(0).randbytes(5000))[:2000], "the gzip data ends early: the file is truncated"),
])
def test_unreadable_formats_are_one_error_naming_the_file_and_format(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(data)
    with pytest.raises(InputError) as error:
        read_text_lines(path)
    assert str(error.value).startswith(f"{path}: {message}") and "\n" not in str(error.value)
