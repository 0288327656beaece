"""``python -m predict`` as a user drives it: inputs, formats, output folders, errors."""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest

from predict import __version__, load_model
from predict.cli import main as cli
from predict.corpus import stream as batch
from predict.labels import parse_labels
from predict.model import DEFAULT_MODEL, JunkFilter
from predict.store.locations import kept_versions
from train.data.sources import SEED_RAW, SHARED_DIR
from train.release.save import save_model

REPO = Path(__file__).resolve().parents[3]
SEED = SHARED_DIR / SEED_RAW


def write_pages(folder: Path, pages, names) -> list[Path]:
    paths = []
    for page, name in zip(pages, names):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.text, encoding="utf-8")
        paths.append(path)
    return paths


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("predict: error: "), err
    return lines[0]


# --- inputs and text output ---------------------------------------------------


def test_prints_the_kept_lines_in_order(run, page, tmp_path) -> None:
    [path] = write_pages(tmp_path, [page], ["page.txt"])
    result = run(str(path))
    assert (result.code, result.out, result.err) == (0, page.kept_text, "")


def test_reads_stdin_without_arguments_or_with_dash(run, page) -> None:
    assert run(stdin=page.text.encode()).out == page.kept_text
    assert run("-", stdin=page.text.encode()).out == page.kept_text


def test_does_not_wait_on_a_terminal(capsys, monkeypatch) -> None:
    class Terminal(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal(io.BytesIO()))
    assert cli.main([]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: predict")
    assert "predict: error: no input given" in err


def test_many_files_and_folders_in_argument_order(run, pages, tmp_path) -> None:
    first, second, third = pages
    write_pages(tmp_path / "corpus", [second, first], ["b/late.txt", "a.txt"])
    (tmp_path / "corpus" / "notes.md").write_text("not an input\n")
    [single] = write_pages(tmp_path, [third], ["single.txt"])
    result = run(str(single), str(tmp_path / "corpus"))
    assert result.code == 0
    assert result.out == third.kept_text + first.kept_text + second.kept_text  # folder contents sorted by path


def test_threshold_zero_keeps_every_line_and_one_keeps_none(run, page) -> None:
    assert run("--threshold", "0", stdin=page.text.encode()).out == page.text
    assert run("--threshold", "1", stdin=page.text.encode()).out == ""


def test_an_unsure_page_keeps_more_unless_a_threshold_is_given(run, page, model_path, tmp_path, monkeypatch) -> None:
    import joblib
    import numpy as np

    save_model(joblib.load(model_path), tmp_path / "rule.joblib", {"threshold": 0.5, "uncertain_page_f1": 0.6})
    monkeypatch.setattr(JunkFilter, "score_documents", lambda self, docs: [np.full(len(d), 0.4) for d in docs])
    model = tmp_path / "rule.joblib"
    assert run(stdin=page.text.encode(), model=model).out == page.text
    assert run("--threshold", "0.5", stdin=page.text.encode(), model=model).out == ""
    record = json.dumps({"text": page.text.rstrip("\n")}) + "\n"
    cleaned = json.loads(run("--input-format", "jsonl", stdin=record.encode(), model=model).out)
    assert cleaned["text"] == page.text.rstrip("\n")


def test_a_wrapped_paragraph_is_scored_as_one_unless_no_unwrap(run, paragraphs) -> None:
    text = "Menu\n\n" + "\n\n".join(textwrap.fill(paragraph, 64) for paragraph in paragraphs * 2) + "\n\nShare\n"

    def paragraph_scores(*args: str) -> list[set[float]]:
        rows = [json.loads(row) for row in run("--format", "jsonl", *args, stdin=text.encode()).out.splitlines()]
        assert [row["text"] for row in rows] == text.splitlines()
        lines = [row for row in rows if row["text"] and row["text"] not in ("Menu", "Share")]
        return [{row["score"] for row in lines if row["text"] in textwrap.fill(p, 64)} for p in paragraphs]

    assert all(len(scores) == 1 for scores in paragraph_scores())
    assert any(len(scores) > 1 for scores in paragraph_scores("--no-unwrap"))


def test_a_repeated_block_is_kept_once_unless_keep_copies(run, paragraphs) -> None:
    text = "\n".join(["Menu", *paragraphs, "Republish this story", *paragraphs, "Share"]) + "\n"
    once = [line for line in run(stdin=text.encode()).out.splitlines() if line in paragraphs]
    every = [line for line in run("--keep-copies", stdin=text.encode()).out.splitlines() if line in paragraphs]
    assert once == paragraphs and every == paragraphs * 2


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),
        lambda text: text.replace("\n", "\r").encode("utf-8"),
        lambda text: text.replace("\n", "\r\n").encode("utf-16"),
        lambda text: text.encode("latin-1"),
    ],
    ids=["utf8-bom", "crlf", "cr", "utf16", "latin1"],
)
def test_decodes_common_encodings_and_writes_utf8(run, accented_page, tmp_path, encode) -> None:
    page = accented_page
    path = tmp_path / "page.txt"
    path.write_bytes(encode(page.text))
    result = run(str(path))
    assert (result.code, result.out) == (0, page.kept_text)


def test_empty_input_gives_empty_output(run, tmp_path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run(str(tmp_path / "empty.txt"))
    assert (result.code, result.out, result.err) == (0, "", "")
    result = run("--format", "jsonl", stdin=b"")
    assert (result.code, result.out, result.err) == (0, "", "")


def test_scores_several_documents_per_model_call(run, pages, tmp_path, monkeypatch, model_calls) -> None:
    monkeypatch.setattr(batch, "BATCH_DOCS", 2)
    paths = write_pages(tmp_path, pages + pages[:2], [f"{i}.txt" for i in range(5)])
    result = run(*map(str, paths))
    assert model_calls == [2, 2, 1]
    assert result.out == "".join(p.kept_text for p in pages + pages[:2])


# --- formats ------------------------------------------------------------------


def test_jsonl_is_one_exact_record_per_input_line(run, page, tmp_path) -> None:
    [path] = write_pages(tmp_path, [page], ["page.txt"])
    for name, args, stdin in [(str(path), [str(path)], b""), ("-", [], page.text.encode())]:
        result = run("--format", "jsonl", *args, stdin=stdin)
        records = [json.loads(row) for row in result.out.splitlines()]
        assert [r["text"] for r in records] == page.lines
        for number, record in enumerate(records, start=1):
            assert list(record) == ["path", "line", "text", "keep", "score", "encoding"]
            assert record["path"] == name and record["line"] == number
            assert type(record["keep"]) is bool and type(record["score"]) is float
            assert 0.0 <= record["score"] <= 1.0
            assert record["keep"] == (record["score"] >= 0.5) == (record["text"] in page.content)


def test_jsonl_writes_non_ascii_text_as_is(run) -> None:
    result = run("--format", "jsonl", stdin="Grève à l’usine\n".encode("utf-8"))
    assert "Grève à l’usine" in result.out


def test_labels_draft_reads_back_with_the_models_decisions(run, pages, tmp_path) -> None:
    paths = write_pages(tmp_path, pages[:2], ["one.txt", "two.txt"])
    result = run("--format", "labels", *map(str, paths))
    drafts = result.out.split("# path: ")[1:]
    assert len(drafts) == 2
    for page, path, draft in zip(pages, paths, drafts):
        parsed = parse_labels("# path: " + draft)
        assert parsed.meta == {"path": str(path)}
        assert parsed.lines == page.lines
        assert parsed.labels == [int(line in page.content) for line in page.lines]


# --- output folder --------------------------------------------------------------


@pytest.mark.parametrize("fmt, suffix", [("text", ".txt"), ("jsonl", ".jsonl"), ("labels", ".labels")])
def test_output_dir_mirrors_the_input_layout(run, pages, tmp_path, fmt, suffix, snapshot) -> None:
    corpus = tmp_path / "corpus"
    write_pages(corpus, pages, ["a.txt", "sub/b.txt", "sub/deeper/c.txt"])
    before = snapshot(corpus)
    out = tmp_path / "out"
    result = run("--format", fmt, "--output-dir", str(out), str(corpus), "-", stdin=pages[0].text.encode())
    assert (result.code, result.out, result.err) == (0, "", "")
    assert snapshot(corpus) == before
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*"))
    assert written == sorted(
        [".predict-journal", "a" + suffix, "stdin" + suffix, "sub", "sub/b" + suffix, "sub/deeper", "sub/deeper/c" + suffix]
    )
    for name in ["a.txt", "sub/b.txt", "sub/deeper/c.txt"]:
        expected = run("--format", fmt, str(corpus / name)).out
        assert (out / name).with_suffix(suffix).read_text(encoding="utf-8") == expected


def test_output_dir_refuses_to_overwrite_an_input(run, page, tmp_path, snapshot) -> None:
    write_pages(tmp_path, [page], ["page.txt"])
    before = snapshot(tmp_path)
    result = run("--output-dir", str(tmp_path), str(tmp_path / "page.txt"))
    assert result.code == 2
    assert "would overwrite the input" in one_error_line(result.err)
    assert snapshot(tmp_path) == before


def test_output_dir_refuses_two_inputs_with_one_output(run, page, tmp_path) -> None:
    paths = write_pages(tmp_path, [page, page], ["x/page.txt", "y/page.txt"])
    result = run("--output-dir", str(tmp_path / "out"), *map(str, paths))
    assert result.code == 2
    assert "would both be written to" in one_error_line(result.err)
    assert not (tmp_path / "out").exists()


# --- errors and exit codes -------------------------------------------------------


def test_a_missing_file_is_reported_and_the_others_still_processed(run, pages, tmp_path) -> None:
    paths = write_pages(tmp_path, pages[:2], ["one.txt", "two.txt"])
    result = run(str(paths[0]), str(tmp_path / "gone.txt"), str(paths[1]))
    assert result.code == 1
    assert result.out == pages[0].kept_text + pages[1].kept_text
    assert "gone.txt: no such file" in one_error_line(result.err)


def test_all_inputs_failing_exits_1(run, tmp_path) -> None:
    (tmp_path / "blob.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    result = run(str(tmp_path / "gone.txt"), str(tmp_path / "blob.txt"))
    assert (result.code, result.out) == (1, "")
    assert len(result.err.splitlines()) == 2


def test_binary_input_is_refused(run, tmp_path) -> None:
    (tmp_path / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    result = run(str(tmp_path / "photo.txt"))
    assert (result.code, result.out) == (1, "")
    assert "photo.txt: looks binary" in one_error_line(result.err)


def test_missing_model_exits_3(run, page, tmp_path) -> None:
    result = run(stdin=page.text.encode(), model=tmp_path / "none.joblib")
    assert (result.code, result.out) == (3, "")
    assert "not found" in one_error_line(result.err)


def test_tampered_model_exits_3(run, page, model_path, tmp_path) -> None:
    tampered = tmp_path / "m.joblib"
    data = bytearray(model_path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    tampered.write_bytes(bytes(data))
    (tmp_path / "m.json").write_bytes(model_path.with_suffix(".json").read_bytes())
    result = run(stdin=page.text.encode(), model=tampered)
    assert (result.code, result.out) == (3, "")
    assert "tampered" in one_error_line(result.err)


def test_truncated_model_exits_3(run, page, model_path, tmp_path) -> None:
    truncated = tmp_path / "m.joblib"
    data = model_path.read_bytes()[: model_path.stat().st_size // 2]
    truncated.write_bytes(data)
    card = json.loads(model_path.with_suffix(".json").read_text(encoding="utf-8"))
    card.update(model_sha256=hashlib.sha256(data).hexdigest(), model_bytes=len(data))  # passes the sha check
    (tmp_path / "m.json").write_text(json.dumps(card), encoding="utf-8")
    result = run(stdin=page.text.encode(), model=truncated)
    assert (result.code, result.out) == (3, "")
    message = one_error_line(result.err)
    assert "could not be loaded" in message and "retrain with 'python -m train'" in message


@pytest.mark.parametrize("card", [{"libraries": {"scikit-learn": "1.0.2"}}, {}], ids=["card-says-so", "card-silent"])
def test_model_from_another_scikit_learn_exits_3_with_one_line(run, page, model_path, tmp_path, monkeypatch, card) -> None:
    import joblib
    import sklearn.base

    estimator = joblib.load(model_path)
    monkeypatch.setattr(sklearn.base, "__version__", "1.0.2")  # what estimators record when pickled
    save_model(estimator, tmp_path / "old.joblib", {"threshold": 0.5, **card})
    monkeypatch.undo()
    result = run(stdin=page.text.encode(), model=tmp_path / "old.joblib")
    assert (result.code, result.out) == (3, "")
    message = one_error_line(result.err)
    assert "1.0.2" in message and "retrain" in message


def test_library_warnings_are_one_line_each(run, page, monkeypatch) -> None:
    score_documents = JunkFilter.score_documents

    def noisy(self, documents):
        warnings.warn("something odd\nover two lines", UserWarning)
        return score_documents(self, documents)

    monkeypatch.setattr(JunkFilter, "score_documents", noisy)
    result = run(stdin=page.text.encode())
    assert (result.code, result.out) == (0, page.kept_text)
    assert result.err == "predict: warning: UserWarning: something odd over two lines\n"


@pytest.mark.parametrize(
    "args",
    [["--threshold", "1.5"], ["--threshold", "half"], ["--format", "xml"], ["--no-such-option"], ["-", "-"]],
)
def test_bad_arguments_exit_2_with_one_line(run, args) -> None:
    result = run(*args)
    assert (result.code, result.out) == (2, "")
    assert one_error_line(result.err).endswith("(see --help)")


def test_help_lists_examples_and_exit_codes(run) -> None:
    result = run("--help", model=None)
    assert result.code == 0
    assert "examples:" in result.out
    for code in ["0", "1", "2", "3"]:
        assert f"\n  {code} " in result.out


def test_version_names_the_package_and_the_packaged_model(run) -> None:
    result = run("--version", model=None)
    assert result.code == 0
    assert result.out == f"predict (junkfilter {__version__}), packaged model junkfilter {load_model().card['version']}\n"


@pytest.mark.parametrize("main_of", ["predict.cli.main", "train.cli"])
def test_help_examples_name_versions_that_exist(main_of: str, capsys: pytest.CaptureFixture) -> None:
    """Every version a --help text names can be passed as written: a kept version of the packaged model."""
    import importlib

    with pytest.raises(SystemExit):
        importlib.import_module(main_of).build_parser().parse_args(["--help"])
    named = set(re.findall(r"\b\d+\.\d+\.\d+\b", capsys.readouterr().out))
    assert named and named <= set(kept_versions(DEFAULT_MODEL)), f"{sorted(named)} are not all kept versions"


# --- as a program -------------------------------------------------------------------


def run_program(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "predict", *args],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "LC_ALL": "C", "PYTHONIOENCODING": "ascii"},
        **kwargs,
    )


def test_python_m_predict_writes_utf8_whatever_the_locale(model_path, accented_page) -> None:
    page = accented_page
    process = run_program("--model", str(model_path))
    out, err = process.communicate(page.text.encode("utf-8"), timeout=120)
    assert (process.returncode, out.decode("utf-8"), err) == (0, page.kept_text, b"")


def test_a_closed_output_pipe_ends_quietly(model_path, page, tmp_path) -> None:
    for index in range(100):  # far more output than a pipe buffers
        (tmp_path / f"{index:03}.txt").write_text(page.text * 10, encoding="utf-8")
    process = run_program("--model", str(model_path), "--threshold", "0", str(tmp_path))
    process.stdin.close()
    assert process.stdout.readline()
    process.stdout.close()  # like `| head -n 1`
    err = process.stderr.read()
    assert process.wait(timeout=120) == 141
    assert err == b""


@pytest.mark.skipif(not (DEFAULT_MODEL.exists() and SEED.exists()), reason="needs models/junkfilter.joblib and ../shared")
def test_packaged_model_keeps_exactly_the_seed_article(capsys) -> None:
    assert cli.main([str(SEED)]) == 0
    seed_lines = SEED.read_text(encoding="utf-8").splitlines()
    assert capsys.readouterr().out.splitlines() == seed_lines[1:28]


def test_the_junkfilter_command_is_python_m_predict() -> None:
    import importlib
    import tomllib

    target = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]["junkfilter"]
    module, _, function = target.partition(":")
    assert getattr(importlib.import_module(module), function) is cli.main


# --- input formats by name, compressed inputs ----------------------------------------


def test_text_and_json_lines_inputs_in_one_run_are_a_usage_error(run, page, tmp_path) -> None:
    [text] = write_pages(tmp_path, [page], ["page.txt"])
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"text": page.text}) + "\n", encoding="utf-8")
    for args in ([str(text), str(corpus)], [str(tmp_path)], [str(corpus), "-"]):
        result = run(*args, stdin=page.text.encode())
        assert (result.code, result.out) == (2, ""), args
        assert "as text but" in one_error_line(result.err) and "as JSON Lines" in result.err
    for input_format in ["text", "jsonl"]:  # either way, said once for all inputs
        assert run("-i", input_format, str(text), str(corpus)).code == (0 if input_format == "text" else 1)


def test_json_lines_options_apply_to_a_jsonl_file_named_so(run, page, tmp_path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"body": page.text}) + "\n", encoding="utf-8")
    result = run("--text-field", "body", str(corpus))
    assert (result.code, json.loads(result.out)) == (0, {"body": "\n".join(page.content)})
    for args in (["--format", "labels", str(corpus)], ["--uncertain", "3", str(corpus)]):
        assert run(*args).code == 2, args


def test_stdin_is_text_unless_told_otherwise(run, page) -> None:
    record = json.dumps({"text": page.text}) + "\n"
    assert run("--threshold", "0", stdin=record.encode()).out == record
    assert json.loads(run("-i", "jsonl", stdin=record.encode()).out) == {"text": "\n".join(page.content)}


def test_a_folder_of_compressed_pages_gives_plain_outputs(run, pages, tmp_path) -> None:
    import bz2
    import gzip

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    (corpus / "a.txt.gz").write_bytes(gzip.compress(pages[0].text.encode()))
    (corpus / "b.txt.bz2").write_bytes(bz2.compress(pages[1].text.encode()))
    result = run("--format", "labels", "--output-dir", str(out), str(corpus))
    assert (result.code, result.err) == (0, "")
    assert [parse_labels((out / name).read_text(encoding="utf-8")).lines for name in ["a.labels", "b.labels"]] == \
        [pages[0].lines, pages[1].lines]


def test_help_says_how_inputs_are_read(run) -> None:
    out = " ".join(run("--help", model=None).out.split())
    assert ("default: as each input's name says: *.jsonl as jsonl, *.warc and *.warc.wet as warc, also compressed, "
            "*.parquet as parquet, a file starting 'PAR1' as parquet, 'WARC/1.' as warc, anything else and stdin as "
            "text") in out
    assert "gzip and bzip2 are decompressed as they are read" in out and "Parquet files (*.parquet, or -i parquet)" in out


def test_front_matter_is_dropped_marked_in_jsonl_and_kept_on_request(tmp_path: Path, capsys) -> None:
    page = tmp_path / "pier.md"
    page.write_text("---\ntitle: The pier reopens\nmeta-description: The pier reopens in May after repairs.\n---\n"
                    "The pier reopens in May, the harbour board said on Monday after a year of repairs.\n",
                    encoding="utf-8")
    assert cli.main([str(page)]) == 0
    out = capsys.readouterr().out
    assert "meta-description" not in out and "---" not in out
    assert cli.main(["--format", "jsonl", str(page)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row.get("metadata", False) for row in rows] == [True] * 4 + [False]
    assert [row["score"] for row in rows[:4]] == [0.0] * 4 and not any(row["keep"] for row in rows[:4])
    assert cli.main(["--keep-metadata", str(page)]) == 0
    assert capsys.readouterr().out.startswith("---\ntitle: The pier reopens\n")
