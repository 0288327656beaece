"""JSONL corpora through ``python -m predict --input-format jsonl``: records in, cleaned records out."""
from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from predict.cli import progress, stream as batch
from predict.cli.journal import OutputFolder
from predict.cli.records import read_records


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
        f"predict: error: {corpus}:4: has no 'text' field; pass --text-field with the name of the field holding the "
        "text; record skipped",
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


@pytest.mark.parametrize("args", [["--format", "labels"], ["--text-field", "body"]])
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
        assert "lost.jsonl:2: has no 'text' field" in result.err
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
