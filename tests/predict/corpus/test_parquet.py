"""Parquet input and output (``predict/corpus/parquet.py``): every column kept, row group by row group, faults named.

The shards are written here with pyarrow from the test pages (the Millbrook
Courier's sentences, in ``tests/predict/conftest.py``), so each row group, and
each byte of a corruption, is placed on purpose. Tests that read or write
Parquet need pyarrow (the ``parquet`` extra) and skip without it; the one that
checks the message given without it hides the module.
"""
from __future__ import annotations

import datetime
import sys
from pathlib import Path

import pytest

from predict.corpus import stream
from predict.corpus.inputs import content_format, expand_inputs, named_format

INSTALL = "reading Parquet needs the pyarrow module: run 'pip install -e \".[parquet]\"' (or 'pip install pyarrow')"


@pytest.fixture
def pa():
    return pytest.importorskip("pyarrow", reason="Parquet needs pyarrow: pip install -e '.[parquet]'")


@pytest.fixture
def pq(pa):
    import pyarrow.parquet

    return pyarrow.parquet


def shard_table(pa, pages, count: int | None = None):
    """``count`` rows (default: one per page) cycling over the pages, with columns of several types around the text."""
    count = len(pages) if count is None else count
    schema = pa.schema(
        [("id", pa.string()), ("rank", pa.int64()), ("text", pa.string()), ("score", pa.float64()),
         ("seen", pa.timestamp("s")), ("tags", pa.list_(pa.string())),
         ("source", pa.struct([("site", pa.string()), ("page", pa.int32())]))],
        metadata={b"made-by": b"a test of junkfilter"},
    )
    return pa.table({
        "id": [f"doc-{k}" for k in range(count)],
        "rank": list(range(count)),
        "text": [pages[k % len(pages)].text for k in range(count)],
        "score": [k / 10 for k in range(count)],
        "seen": [datetime.datetime(2026, 3, 1 + k % 28, 8) for k in range(count)],
        "tags": [["council", f"ward-{k % 4}"] for k in range(count)],
        "source": [{"site": "millbrook.example", "page": k} for k in range(count)],
    }, schema=schema)


def kept(pages, count: int) -> list[str]:
    return ["\n".join(pages[k % len(pages)].content) for k in range(count)]


def test_every_column_comes_back_with_only_the_text_cleaned(run, pa, pq, pages, tmp_path) -> None:
    table = shard_table(pa, pages, 7)
    pq.write_table(table, tmp_path / "shard.parquet", row_group_size=3, compression="zstd")
    out = tmp_path / "clean"
    result = run("--input-format", "parquet", str(tmp_path / "shard.parquet"), "--output-dir", str(out))
    assert (result.code, result.out, result.err) == (0, "", "")
    cleaned, schema = pq.ParquetFile(out / "shard.parquet"), pq.read_schema(tmp_path / "shard.parquet")
    assert cleaned.schema_arrow == schema and cleaned.schema_arrow.metadata == table.schema.metadata
    rows = pq.read_table(tmp_path / "shard.parquet").to_pylist()
    assert cleaned.read().to_pylist() == [dict(row, text=text) for row, text in zip(rows, kept(pages, 7))]
    assert [cleaned.metadata.row_group(k).num_rows for k in range(cleaned.num_row_groups)] == [3, 3, 1]
    assert cleaned.metadata.row_group(0).column(0).compression == "ZSTD"


def test_removed_lines_go_in_a_column_added_last_or_replaced_in_place(run, pa, pq, page, tmp_path) -> None:
    removed = [line for line in page.lines if line not in page.content]
    pq.write_table(pa.table({"body": [page.text], "n": [1]}), tmp_path / "new.parquet")
    pq.write_table(pa.table({"junk": ["was here"], "body": [page.text]}), tmp_path / "old.parquet")
    out = tmp_path / "clean"
    for name in ["new.parquet", "old.parquet"]:
        result = run("--text-field", "body", "--removed-field", "junk", str(tmp_path / name), "-o", str(out))
        assert (result.code, result.err) == (0, "")
    assert pq.read_table(out / "new.parquet").to_pylist() == [{"body": "\n".join(page.content), "n": 1, "junk": removed}]
    assert pq.read_table(out / "old.parquet").to_pylist() == [{"junk": removed, "body": "\n".join(page.content)}]
    assert pq.read_schema(out / "new.parquet").field("junk").type == pa.list_(pa.string())


def test_a_parquet_file_is_told_by_its_name_or_its_first_bytes(pa, pq, pages, tmp_path) -> None:
    pq.write_table(shard_table(pa, pages), tmp_path / "unnamed.bin")
    assert (named_format("part-00000.parquet"), named_format("part-00000.parquet.gz")) == ("parquet", None)
    assert content_format(str(tmp_path / "unnamed.bin")) == "parquet"
    (tmp_path / "shards").mkdir()
    pq.write_table(shard_table(pa, pages), tmp_path / "shards" / "a.parquet")
    (tmp_path / "shards" / "b.jsonl").write_text("{}\n")
    sources, problems = expand_inputs([str(tmp_path / "shards")], "parquet")
    assert ([s.relative.as_posix() for s in sources], problems) == (["a.parquet"], [])
    _, problems = expand_inputs([str(tmp_path / "shards")], "jsonl")
    assert [str(problem) for problem in problems] == [
        (f"{tmp_path / 'shards'}: 1 Parquet file (a.parquet) not read: pass --input-format parquet, in a run of its "
        "own, to clean them")]


def test_a_folder_of_shards_is_cleaned_and_a_rerun_resumes(run, pa, pq, pages, tmp_path) -> None:
    shards, out = tmp_path / "shards", tmp_path / "clean"
    (shards / "part").mkdir(parents=True)
    pq.write_table(shard_table(pa, pages), shards / "a.parquet")
    pq.write_table(shard_table(pa, pages[:1]), shards / "part" / "b.data")  # not named *.parquet: not in the folder
    pq.write_table(shard_table(pa, pages[1:]), shards / "part" / "c.parquet")
    result = run(str(shards), "--output-dir", str(out))
    assert (result.code, result.err) == (0, "")
    assert sorted(path.relative_to(out).as_posix() for path in out.rglob("*.parquet")) == ["a.parquet",
                                                                                           "part/c.parquet"]
    assert pq.read_table(out / "part" / "c.parquet").column("text").to_pylist() == kept(pages[1:], 2)
    again = run("--input-format", "parquet", str(shards), "--output-dir", str(out))
    assert again.err == f"predict: note: skipped 2 of 2 inputs whose output in {out} is complete from an earlier " \
        "run; pass --force to redo them\n"
    unnamed = run(str(shards / "part" / "b.data"), "--output-dir", str(out))  # told by its bytes
    assert unnamed.code == 0 and pq.read_table(out / "b.parquet").column("text").to_pylist() == kept(pages, 1)


def test_row_groups_are_read_one_at_a_time_and_written_before_the_next_is_read(
    run, pa, pq, pages, tmp_path, monkeypatch
) -> None:
    """Memory stays flat: no call reads the whole file, and a row group is written before the later ones are read."""
    pq.write_table(shard_table(pa, pages, 40), tmp_path / "shard.parquet", row_group_size=10)
    events: list[str] = []
    iter_batches, write_table = pq.ParquetFile.iter_batches, pq.ParquetWriter.write_table

    def reading(self, *args, row_groups=None, **kwargs):
        events.append(f"read {row_groups}")
        return iter_batches(self, *args, row_groups=row_groups, **kwargs)

    def writing(self, table, *args, **kwargs):
        events.append(f"write {table.num_rows}")
        return write_table(self, table, *args, **kwargs)

    for name in ["read", "read_row_groups", "iter_batches"]:
        monkeypatch.setattr(pq.ParquetFile, name, reading if name == "iter_batches" else None)
    monkeypatch.setattr(pq.ParquetWriter, "write_table", writing)
    monkeypatch.setattr(stream, "BATCH_DOCS", 4)  # rows per batch: each row group comes in three pieces
    result = run(str(tmp_path / "shard.parquet"), "--output-dir", str(tmp_path / "clean"))
    assert (result.code, result.err) == (0, "")
    assert events == ["read [0]", "read [1]", "write 10", "read [2]", "write 10", "read [3]", "write 10", "write 10"]
    monkeypatch.undo()
    cleaned = pq.ParquetFile(tmp_path / "clean" / "shard.parquet")
    assert [cleaned.metadata.row_group(k).num_rows for k in range(4)] == [10] * 4
    assert cleaned.read().column("text").to_pylist() == kept(pages, 40)


def test_jobs_give_the_output_of_one_process(run, pa, pq, pages, tmp_path, monkeypatch) -> None:
    pq.write_table(shard_table(pa, pages, 12), tmp_path / "shard.parquet", row_group_size=5)
    monkeypatch.setattr(stream, "BATCH_DOCS", 2)
    assert run("-j", "1", str(tmp_path / "shard.parquet"), "-o", str(tmp_path / "one")).code == 0
    assert run("-j", "2", str(tmp_path / "shard.parquet"), "-o", str(tmp_path / "two")).code == 0
    assert (tmp_path / "one" / "shard.parquet").read_bytes() == (tmp_path / "two" / "shard.parquet").read_bytes()


def test_rows_that_cannot_be_cleaned_are_named_by_id_and_left_out(run, pa, pq, pages, tmp_path) -> None:
    table = pa.table({"url": ["https://millbrook.example/a", "https://millbrook.example/b",
                              "https://millbrook.example/c", "https://millbrook.example/d"],
                      "id": ["doc-0", "doc-1", None, "doc-3"],
                      "text": [pages[0].text, None, pages[1].text * 40, pages[2].text]})
    shard, out = tmp_path / "shard.parquet", tmp_path / "clean"
    pq.write_table(table, shard)
    result = run("--max-file-mb", "0.002", str(shard), "-o", str(out))
    assert result.code == 1
    assert result.err.splitlines() == [
        f"predict: error: {shard}: row 2 (id \"doc-1\"): column 'text' is null, not a string; record skipped",
        f"predict: error: {shard}: row 3: is over the size limit (see --max-file-mb); record skipped",
        (f"predict: note: 1 of 1 outputs in {out} lack records that could not be cleaned; they are not recorded as "
        "complete, so a rerun retries them"),
    ]
    assert pq.read_table(out / "shard.parquet").column("id").to_pylist() == ["doc-0", "doc-3"]
    by_url = run("--max-file-mb", "0.002", "--id-field", "url", str(shard), "-o", str(out))
    assert f"{shard}: row 3 (url \"https://millbrook.example/c\"): is over" in by_url.err
    assert "skipped" not in by_url.err.splitlines()[-1]  # retried: the output was not recorded as complete


@pytest.mark.parametrize("text_field, message", [
    ("text", ("has no 'text' column; pass --text-field with the name of the column holding the text (its columns: "
             "'id', 'body', 'size')")),
    ("size", "column 'size' holds int64, not strings; pass --text-field with the name of the column holding the text"),
])
def test_a_shard_without_a_text_column_is_one_error_and_no_output(run, pa, pq, page, tmp_path, text_field, message):
    shard, out = tmp_path / "shard.parquet", tmp_path / "clean"
    pq.write_table(pa.table({"id": ["a"], "body": [page.text], "size": [3]}), shard)
    result = run("--text-field", text_field, str(shard), "-o", str(out))
    assert (result.code, result.err) == (1, f"predict: error: {shard}: {message}\n")
    assert not out.exists()
    assert run("--text-field", "body", str(shard), "-o", str(out)).code == 0


def test_a_shard_without_rows_gives_a_shard_without_rows_with_its_columns(run, pa, pq, pages, tmp_path) -> None:
    table = shard_table(pa, pages).slice(0, 0)
    pq.write_table(table, tmp_path / "empty.parquet")
    result = run("--removed-field", "junk", str(tmp_path / "empty.parquet"), "-o", str(tmp_path / "clean"))
    assert (result.code, result.err) == (0, "")
    cleaned = pq.read_table(tmp_path / "clean" / "empty.parquet")
    assert cleaned.num_rows == 0
    assert cleaned.schema.names == [*table.schema.names, "junk"]


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


@pytest.mark.parametrize("damage, message", [
    (lambda data: b"", "is empty (0 bytes), not a Parquet file; a Parquet file with no rows still has a footer"),
    (truncated, ("cannot be read as Parquet (Parquet magic bytes not found in footer. Either the file is corrupted "
                "or this is not a parquet file.): the file is truncated, damaged or not Parquet")),
    (lambda data: data[:-8] + b"\xff" * 4 + data[-4:], "cannot be read as Parquet ("),
    (lambda data: b"PAR1 is how this note starts, but it is plain text.\n", "cannot be read as Parquet ("),
])
def test_an_empty_truncated_or_damaged_file_is_one_error_naming_it_and_no_output(
    run, pa, pq, pages, tmp_path, damage, message
) -> None:
    good = tmp_path / "good.parquet"
    pq.write_table(shard_table(pa, pages, 6), good, row_group_size=2)
    shard, out = tmp_path / "shard.parquet", tmp_path / "clean"
    shard.write_bytes(damage(good.read_bytes()))
    result = run(str(shard), "-o", str(out))
    assert result.code == 1 and result.err.startswith(f"predict: error: {shard}: {message}")
    assert result.err.count("\n") == 1
    assert not out.exists()  # no output, not even an empty folder
    both = run(str(shard), str(good), "-o", str(out))  # the other inputs go on
    assert both.code == 1 and sorted(path.name for path in out.iterdir()) == [".predict-journal", "good.parquet"]


def test_a_row_group_that_cannot_be_read_keeps_every_row_before_it(run, pa, pq, pages, tmp_path) -> None:
    good = tmp_path / "good.parquet"
    pq.write_table(shard_table(pa, pages, 9), good, row_group_size=3)
    data = bytearray(good.read_bytes())
    at = pq.ParquetFile(good).metadata.row_group(1).column(2).data_page_offset  # the text of rows 4 to 6
    data[at : at + 32] = b"\xff" * 32
    shard, out = tmp_path / "shard.parquet", tmp_path / "clean"
    shard.write_bytes(bytes(data))
    for attempt in range(2):
        result = run(str(shard), "-o", str(out))
        assert result.code == 1, f"attempt {attempt + 1}"
        errors = result.err.splitlines()
        assert errors[0].startswith(f"predict: error: {shard}: row group 2 of 3 (row 4 on): cannot be read (")
        assert errors[0].endswith("): the file is damaged; only the rows before it could be read")
        assert "a rerun retries them" in errors[1] and len(errors) == 2
        assert pq.read_table(out / "shard.parquet").column("id").to_pylist() == ["doc-0", "doc-1", "doc-2"]


def test_stdin_and_stdout_are_usage_errors(run, pa, pq, page, tmp_path) -> None:
    shard = tmp_path / "shard.parquet"
    pq.write_table(pa.table({"text": [page.text]}), shard)
    to_stdout = run(str(shard))
    assert (to_stdout.code, to_stdout.out) == (2, "")
    assert to_stdout.err == "predict: error: Parquet input is written as Parquet files, which cannot go to stdout; " \
        "pass --output-dir DIR (see --help)\n"
    from_stdin = run("-i", "parquet", "-", "-o", str(tmp_path / "clean"), stdin=shard.read_bytes())
    assert from_stdin.code == 2 and "cannot be read from stdin" in from_stdin.err


def test_parquet_read_as_text_or_json_lines_says_how_to_read_it(run, pa, pq, page, tmp_path) -> None:
    shard = tmp_path / "shard.parquet"
    pq.write_table(pa.table({"text": [page.text]}), shard)
    result = run("-i", "jsonl", str(shard))
    assert (result.code, result.out) == (1, "")
    assert result.err == f"predict: error: {shard}: is a Parquet file, not text; pass it as a file named *.parquet, " \
        "or with --input-format parquet, in a run of its own to clean it\n"


def test_without_pyarrow_parquet_is_one_error_naming_the_install(run, tmp_path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # import fails as if not installed
    shard = Path(tmp_path / "shard.parquet")
    shard.write_bytes(b"PAR1" + b"\x00" * 40 + b"PAR1")
    result = run(str(shard), "-o", str(tmp_path / "clean"))
    assert (result.code, result.out) == (2, "")
    assert result.err == f"predict: error: {INSTALL} (see --help)\n"
    as_text = run("-i", "text", str(shard))
    assert as_text.code == 1
    assert as_text.err.endswith(f"in a run of its own to clean it; {INSTALL}\n")
    assert not (tmp_path / "clean").exists()
