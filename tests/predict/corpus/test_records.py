"""JSONL corpora through ``python -m predict --input-format jsonl``: records in, cleaned records out."""
from __future__ import annotations

import bz2
import gzip
import io
import json
import re
import sys
from pathlib import Path

import pytest

from predict.cli import progress
from predict.corpus import stream as batch
from predict.corpus.journal import OutputFolder
from predict.corpus.records import read_records


def write_corpus(path: Path, rows: list[object]) -> Path:
    """A JSONL file: dicts and lists as JSON, strings as they are (to write broken lines)."""
    path.write_text("".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows), encoding="utf-8")
    return path


def records_of(pages) -> list[dict]:
    return [{"id": f"doc-{i}", "text": page.text, "meta": {"site": "millbrook", "rank": i}} for i, page in enumerate(pages)]


def parse(output: str) -> list[dict]:
    return [json.loads(row) for row in output.splitlines()]


def test_records_come_back_whole_with_only_their_text_cleaned(run, pages, tmp_path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", records_of(pages))
    result = run("--input-format", "jsonl", str(corpus))
    assert (result.code, result.err) == (0, "")
    expected = [dict(record, text="\n".join(page.content)) for record, page in zip(records_of(pages), pages)]
    assert parse(result.out) == expected
    assert [list(record) for record in parse(result.out)] == [["id", "text", "meta"]] * len(pages)  # key order kept


def test_removed_lines_can_be_kept_beside_the_text(run, page, tmp_path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", [{"body": page.text}])
    result = run("--input-format", "jsonl", "--text-field", "body", "--removed-field", "junk", str(corpus))
    [record] = parse(result.out)
    assert record == {"body": "\n".join(page.content), "junk": [line for line in page.lines if line not in page.content]}


def test_each_bad_record_is_one_error_with_file_and_line_and_the_rest_is_cleaned(run, pages, tmp_path) -> None:
    good = records_of(pages)
    rows = [good[0], '{"id": "cut", "text": "The council', "[1, 2]", {"id": "no text"}, {"text": 42}, "", good[1],
            '"just a string"', good[2]]
    corpus = write_corpus(tmp_path / "corpus.jsonl", rows)
    result = run("--input-format", "jsonl", str(corpus))
    assert result.code == 1
    assert [record["id"] for record in parse(result.out)] == ["doc-0", "doc-1", "doc-2"]
    assert result.err.splitlines() == [
        f"predict: error: {corpus}:2: is not valid JSON (Unterminated string starting at column 23); record skipped",
        f"predict: error: {corpus}:3: is an array, not a JSON object holding a text field; record skipped",
        f"predict: error: {corpus}:4 (id \"no text\"): has no 'text' field; pass --text-field with the name of the "
        "field holding the text; record skipped",
        f"predict: error: {corpus}:5: field 'text' is a number, not a string; record skipped",
        f"predict: error: {corpus}:8: is a string, not a JSON object holding a text field; record skipped",
    ]


def test_a_record_over_the_size_limit_is_skipped_without_reading_it_whole(run, pages, tmp_path) -> None:
    huge = {"id": "huge", "text": pages[0].text * 400}
    corpus = write_corpus(tmp_path / "corpus.jsonl", [records_of(pages)[0], huge, records_of(pages)[1]])
    result = run("--input-format", "jsonl", "--max-file-mb", "0.01", str(corpus))
    assert result.code == 1
    assert [record["id"] for record in parse(result.out)] == ["doc-0", "doc-1"]
    assert result.err == f"predict: error: {corpus}:2: is over the size limit (see --max-file-mb); record skipped\n"


def test_reading_keeps_at_most_the_limit_of_an_overlong_line() -> None:
    stream = io.BytesIO(b'{"text": "a"}\n' + b"x" * 5_000_000 + b"\n\n" + b'{"text": "b"}')
    assert list(read_records(stream, max_bytes=100)) == [(1, b'{"text": "a"}\n'), (2, None), (4, b'{"text": "b"}')]


def test_stdin_to_stdout_and_undecodable_records(run, page) -> None:
    stdin = json.dumps({"text": page.text}).encode() + b"\n" + b'{"text": "caf\xe9"}\n'
    result = run("--input-format", "jsonl", stdin=stdin)
    assert result.code == 1
    assert parse(result.out) == [{"text": "\n".join(page.content)}]
    assert result.err.startswith("predict: error: stdin:2: is not UTF-8 text (invalid continuation byte at byte 14)")


def test_folders_give_one_output_per_jsonl_file_and_resume(run, pages, tmp_path, monkeypatch) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    (corpus / "part").mkdir(parents=True)
    write_corpus(corpus / "a.jsonl", records_of(pages))
    write_corpus(corpus / "part" / "b.jsonl", records_of(pages[:1]))
    (corpus / "empty.jsonl").write_bytes(b"")
    (corpus / "notes.txt").write_text("not a corpus file\n")
    assert run("--input-format", "jsonl", "--output-dir", str(out), str(corpus)).code == 0
    for name in ["a.jsonl", "part/b.jsonl", "empty.jsonl"]:
        assert (out / name).read_text(encoding="utf-8") == run("--input-format", "jsonl", str(corpus / name)).out
    assert not (out / "notes.jsonl").exists()

    opened: list[str] = []
    open_output = OutputFolder.open

    def spy(self, source, sha256):
        opened.append(source.name)
        return open_output(self, source, sha256)

    monkeypatch.setattr(OutputFolder, "open", spy)
    (corpus / "a.jsonl").write_text(json.dumps({"text": pages[2].text}) + "\n", encoding="utf-8")
    result = run("--input-format", "jsonl", "--output-dir", str(out), str(corpus))
    assert result.err == f"predict: note: skipped 2 of 3 inputs whose output in {out} is complete from an earlier run; " \
        "pass --force to redo them\n"
    assert opened == [str(corpus / "a.jsonl")]
    assert parse((out / "a.jsonl").read_text(encoding="utf-8")) == [{"text": "\n".join(pages[2].content)}]


def test_a_corpus_is_streamed_not_read_whole(model_path, pages, monkeypatch) -> None:
    """The first cleaned records are written long before the end of the input has been read."""
    from predict.cli.main import main

    monkeypatch.setattr(batch, "BATCH_DOCS", 2)
    rows = b"".join(json.dumps({"text": pages[i % 3].text, "pad": "x" * 2000}).encode() + b"\n" for i in range(200))

    stdin = io.BytesIO(rows)
    read_at_first_write: list[int] = []

    class Output(io.BytesIO):
        def write(self, data):
            if not read_at_first_write:
                read_at_first_write.append(stdin.tell())
            return super().write(data)

    out = Output()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stdin))
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out))
    assert main(["--model", str(model_path), "--input-format", "jsonl"]) == 0
    assert read_at_first_write[0] < len(rows) / 10
    assert out.getvalue().count(b"\n") == 200


@pytest.mark.parametrize("args", [["--format", "labels"], ["--text-field", "body"], ["--id-field", "url"]])
def test_options_of_the_other_input_format_are_usage_errors(run, page, args) -> None:
    input_format = ["--input-format", "jsonl"] if args[0] == "--format" else []
    result = run(*input_format, *args, stdin=page.text.encode())
    assert (result.code, result.out) == (2, "")
    assert "applies to" in result.err and result.err.count("\n") == 1


def test_a_progress_bar_shows_on_a_terminal_unless_quiet(run, pages, tmp_path, monkeypatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    corpus = write_corpus(tmp_path / "corpus.jsonl", records_of(pages))
    monkeypatch.setattr(progress, "SHOW_AFTER_SECONDS", 0)
    for extra, shown in [([], True), (["--quiet"], False)]:
        terminal = Terminal()
        monkeypatch.setattr(sys, "stderr", terminal)
        assert run("--input-format", "jsonl", *extra, str(corpus)).code == 0
        assert ("3/? [" in terminal.getvalue() or "3record" in terminal.getvalue()) is shown, terminal.getvalue()


def test_a_shard_with_lost_records_is_not_complete_and_a_rerun_fails_again(run, pages, tmp_path) -> None:
    """A retrying batch job must learn every time that records were lost, not see the shard as done."""
    shards, out = tmp_path / "shards", tmp_path / "out"
    shards.mkdir()
    write_corpus(shards / "good.jsonl", records_of(pages[:1]))
    write_corpus(shards / "lost.jsonl", [{"id": "a", "text": pages[1].text}, {"id": "b", "body": "no text field"}])
    for attempt in range(2):
        result = run("--input-format", "jsonl", "--output-dir", str(out), str(shards))
        assert result.code == 1, f"attempt {attempt + 1}: {result.err}"
        assert 'lost.jsonl:2 (id "b"): has no \'text\' field' in result.err
        assert "1 of 2 outputs" in result.err and "a rerun retries them" in result.err
        assert [record["id"] for record in parse((out / "lost.jsonl").read_text(encoding="utf-8"))] == ["a"]
    assert "skipped 1 of 2 inputs" in result.err  # the good shard is complete
    write_corpus(shards / "lost.jsonl", [{"id": "a", "text": pages[1].text}])  # fixed
    assert run("--input-format", "jsonl", "--output-dir", str(out), str(shards)).code == 0
    assert "skipped 2 of 2" in run("--input-format", "jsonl", "--output-dir", str(out), str(shards)).err


def test_a_file_that_is_not_json_lines_gives_a_few_errors_and_a_count(run, tmp_path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("".join(f"Line {k} of a plain page, not a JSON record.\n" for k in range(86)), encoding="utf-8")
    result = run("-i", "jsonl", str(page))
    assert result.code == 1 and result.out == ""
    errors = result.err.splitlines()
    assert len(errors) == 11
    assert all(f"{page}:{k}: is not valid JSON" in errors[k - 1] for k in range(1, 11))
    assert errors[-1].startswith(f"predict: error: {page}: 86 records skipped in all (76 more than shown)")


def test_a_jsonl_file_is_read_as_json_lines_without_input_format(run, pages, tmp_path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", records_of(pages))
    result = run(str(corpus))
    assert (result.code, result.err) == (0, "")
    assert parse(result.out) == [dict(record, text="\n".join(page.content)) for record, page in zip(records_of(pages), pages)]
    assert result.out == run("-i", "jsonl", str(corpus)).out


def test_input_format_text_still_reads_a_jsonl_file_as_one_page(run, pages, tmp_path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", records_of(pages))
    result = run("-i", "text", "--threshold", "0", str(corpus))
    assert (result.code, result.out) == (0, corpus.read_text(encoding="utf-8"))


# Number spellings, a repeated key, escapes, nesting and spacing that json.loads and json.dumps would change.
ODD_FIELDS = ('{"id": 1.10, "n" :1e5, "big": 123456789012345678901234567890, "dup": 1, "dup": 2, '
              '"esc": "caf\\u00e9 \\ud83d\\ude00 \\/", "nested": {"a": [1.0, 2.50], "a": null},  ')


def test_records_come_back_byte_for_byte_but_for_their_text(run, page, tmp_path) -> None:
    line = ODD_FIELDS + f'"text" :  {json.dumps(page.text)}  ,"after":-0.0 }}'
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(line + "\r\n" + line + "\n", encoding="utf-8")
    result = run(str(corpus))
    assert result.code == 0, result.err
    cleaned = line.replace(json.dumps(page.text), json.dumps("\n".join(page.content)))
    assert result.out == cleaned + "\n" + cleaned + "\n"


@pytest.mark.parametrize("junk", ['"junk": "was here", ', ""])
def test_the_removed_field_is_replaced_in_place_or_added_last(run, page, tmp_path, junk) -> None:
    line = ODD_FIELDS + junk + f'"text": {json.dumps(page.text)}}}'
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(line + "\n", encoding="utf-8")
    result = run("--removed-field", "junk", str(corpus))
    removed = json.dumps([text for text in page.lines if text not in page.content])
    text = json.dumps("\n".join(page.content))
    expected = ODD_FIELDS + f'"text": {text}, "junk": {removed}}}' if not junk else \
        ODD_FIELDS + f'"junk": {removed}, "text": {text}}}'
    assert (result.code, result.out) == (0, expected + "\n")


def test_a_record_whose_text_field_is_repeated_is_refused(run, page, tmp_path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(f'{{"text": "first", "text": {json.dumps(page.text)}}}\n{json.dumps({"text": page.text})}\n')
    result = run(str(corpus))
    assert result.code == 1 and parse(result.out) == [{"text": "\n".join(page.content)}]
    assert result.err == (f"predict: error: {corpus}:1: has the field 'text' more than once; keep one, as junkfilter "
                          "writes that field; record skipped\n")


def test_a_lone_surrogate_in_a_text_is_written_escaped(run) -> None:
    """JSON may escape half a surrogate pair; UTF-8 cannot hold it, so it goes back out escaped."""
    result = run("-i", "jsonl", "--threshold", "0", stdin=b'{"text": "Council news \\ud800 today"}\n')
    assert (result.code, result.err) == (0, "")
    assert result.out == '{"text": "Council news \\ud800 today"}\n'


@pytest.mark.parametrize("name, compress", [("corpus.jsonl.gz", gzip.compress), ("corpus.jsonl", bz2.compress)])
def test_compressed_corpora_are_read_whatever_their_name(run, pages, tmp_path, name, compress) -> None:
    plain = write_corpus(tmp_path / "plain.jsonl", records_of(pages))
    corpus = tmp_path / name
    corpus.write_bytes(compress(plain.read_bytes()))
    result = run(str(corpus))
    assert (result.code, result.err) == (0, "")
    assert result.out == run(str(plain)).out


def test_compressed_stdin_is_read_as_json_lines_with_input_format(run, pages, tmp_path) -> None:
    plain = write_corpus(tmp_path / "plain.jsonl", records_of(pages))
    result = run("-i", "jsonl", stdin=gzip.compress(plain.read_bytes()))
    assert (result.code, result.err, result.out) == (0, "", run(str(plain)).out)


def test_a_truncated_gzip_corpus_names_the_line_and_keeps_the_records_before_it(run, pages, tmp_path) -> None:
    rows = [dict(record, id=f"doc-{k}") for k in range(300) for record in records_of(pages)[k % 3 : k % 3 + 1]]
    data = gzip.compress(write_corpus(tmp_path / "plain.jsonl", rows).read_bytes())
    corpus = tmp_path / "corpus.jsonl.gz"
    corpus.write_bytes(data[: len(data) // 2])
    result = run(str(corpus))
    assert result.code == 1
    error = re.fullmatch(rf"predict: error: {re.escape(str(corpus))}:(\d+): the gzip data ends early: the file is "
                         r"truncated; only the records before this line could be read\n", result.err)
    assert error, result.err
    line = int(error[1])
    assert 1 < line < 300
    assert [record["id"] for record in parse(result.out)] == [f"doc-{k}" for k in range(line - 1)]  # all of them


def test_a_folder_of_plain_and_compressed_shards_gives_shards_compressed_alike(run, pages, tmp_path) -> None:
    shards, out = tmp_path / "shards", tmp_path / "out"
    (shards / "part").mkdir(parents=True)
    plain = write_corpus(shards / "a.jsonl", records_of(pages)).read_bytes()
    (shards / "a.jsonl.gz").write_bytes(gzip.compress(plain))
    (shards / "part" / "b.jsonl.bz2").write_bytes(bz2.compress(plain))
    (shards / "part" / "c.parquet").write_bytes(b"PAR1\x15\x04" + b"\x00" * 40)
    result = run("-i", "jsonl", "--output-dir", str(out), str(shards))
    assert result.code == 1
    assert result.err == f"predict: error: {shards}: 1 Parquet file (part/c.parquet) not read: pass --input-format " \
        "parquet, in a run of its own, to clean them\n"
    clean = run(str(shards / "a.jsonl")).out.encode("utf-8")
    assert (out / "a.jsonl").read_bytes() == clean
    assert gzip.decompress((out / "a.jsonl.gz").read_bytes()) == clean
    assert bz2.decompress((out / "part" / "b.jsonl.bz2").read_bytes()) == clean
    rerun = run("-i", "jsonl", "--output-dir", str(out), str(shards))
    assert "skipped 3 of 3 inputs" in rerun.err  # compressed outputs resume too


def test_parquet_and_zstd_corpora_are_one_error_each_naming_the_format(run, tmp_path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "zstandard", None)  # as if not installed
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # likewise: the Parquet message names its install
    table, shard = tmp_path / "corpus.parquet", tmp_path / "corpus.jsonl.zst"
    table.write_bytes(b"PAR1\x15\x04" + b"\xff" * 400 + b"\n" * 40 + b"PAR1")
    shard.write_bytes(b"\x28\xb5\x2f\xfd" + b"\xfe" * 400 + b"\n" * 40)
    result = run("-i", "jsonl", str(table), str(shard))
    assert (result.code, result.out) == (1, "")
    assert result.err.splitlines() == [
        f"predict: error: {table}: is a Parquet file, not text; pass it as a file named *.parquet, or with "
        "--input-format parquet, in a run of its own to clean it; reading Parquet needs the pyarrow module: run "
        "'pip install -e \".[parquet]\"' (or 'pip install pyarrow')",
        f"predict: error: {shard}: is zstd-compressed, and reading zstd needs the zstandard module: run 'pip install "
        "zstandard', or decompress it first ('zstd -d')",
    ]


def test_id_field_names_a_record_in_its_messages(run, page, tmp_path) -> None:
    rows = [{"url": "https://millbrook.example/a", "id": 17, "body": page.text},
            {"url": "https://millbrook.example/" + "b" * 100, "id": "doc-2"}, {"text": "no id"}]
    corpus = write_corpus(tmp_path / "corpus.jsonl", rows)
    by_id = run("--max-line-chars", "90", str(corpus))
    assert by_id.err.splitlines()[0] == f"predict: error: {corpus}:1 (id 17): has no 'text' field; pass --text-field " \
        "with the name of the field holding the text; record skipped"
    assert f'{corpus}:2 (id "doc-2"): has no' in by_id.err and f"{corpus}:3: is over" not in by_id.err
    by_url = run("--text-field", "body", "--id-field", "url", "--max-line-chars", "90", str(corpus))
    long_url = json.dumps("https://millbrook.example/" + "b" * 100)[:77] + "..."
    longer = sum(len(line) > 90 for line in page.lines)
    no_body = "has no 'body' field; pass --text-field with the name of the field holding the text; record skipped"
    clipped = f"{longer} line(s) longer than 90 characters were scored on their beginning only (see --max-line-chars)"
    assert by_url.err.splitlines() == [
        f"predict: error: {corpus}:2 (url {long_url}): {no_body}",
        f"predict: error: {corpus}:3: {no_body}",
        f'predict: warning: {corpus}:1 (url "https://millbrook.example/a"): {clipped}; they are output whole',
    ]


@pytest.mark.parametrize("suffix, decompress", [
    (".jsonl.gz", gzip.decompress), (".jsonl.bz2", bz2.decompress), (".jsonl.zst", "zstandard"),
])
def test_compressed_shards_give_outputs_compressed_alike_under_o(run, pages, tmp_path, suffix, decompress) -> None:
    if decompress == "zstandard":
        zstandard = pytest.importorskip("zstandard", reason="zstd needs the zstandard module")
        compress, decompress = zstandard.ZstdCompressor().compress, zstandard.ZstdDecompressor().decompressobj()
        decompress = decompress.decompress
    else:
        compress = {".jsonl.gz": gzip.compress, ".jsonl.bz2": bz2.compress}[suffix]
    plain = write_corpus(tmp_path / "plain.jsonl", records_of(pages))
    shard, out = tmp_path / f"shard{suffix}", tmp_path / "clean"
    shard.write_bytes(compress(plain.read_bytes()))
    result = run(str(shard), "-o", str(out))
    assert (result.code, result.err) == (0, "")
    assert decompress((out / f"shard{suffix}").read_bytes()).decode("utf-8") == run(str(plain)).out
    assert "skipped 1 of 1 inputs" in run(str(shard), "-o", str(out)).err
