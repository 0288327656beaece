"""Many-file runs: one bad input never costs the others, inputs are never touched,
and an interrupted ``--output-dir`` run resumes where it stopped."""
from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from predict.corpus import stream as batch
from predict.corpus.journal import JOURNAL_NAME, OutputFolder
from predict.model import JunkFilter

REPO = Path(__file__).resolve().parents[3]


def make_corpus(folder: Path, pages, count: int) -> list[Path]:
    """``count`` small pages in ``folder`` (some in a subfolder), each a little different."""
    paths = []
    for index in range(count):
        page = pages[index % len(pages)]
        path = folder / ("sub" if index % 3 == 0 else "") / f"{index:04}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.text + f"Story number {index} was filed by the Millbrook Courier newsroom.\n", encoding="utf-8")
        paths.append(path)
    return paths


def outputs(folder: Path) -> dict[str, bytes]:
    """Every visible file below ``folder`` (hidden journal and temporary files left out)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    }


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.tmp"))


@pytest.fixture
def writes(monkeypatch) -> list[str]:
    """The names of the output files written, in order."""
    written: list[str] = []
    write = OutputFolder.write

    def spy(self, source, text, sha256):
        write(self, source, text, sha256)
        written.append(self.targets[source].name)

    monkeypatch.setattr(OutputFolder, "write", spy)
    return written


# --- one bad input --------------------------------------------------------------------------


def test_bad_inputs_are_reported_one_line_each_and_the_rest_written(run, pages, tmp_path) -> None:
    corpus = tmp_path / "corpus"
    good = make_corpus(corpus, pages, 6)
    (corpus / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (corpus / "broken-utf16.txt").write_bytes(b"\xff\xfeA\x00\x00\xd8")
    (corpus / "huge.txt").write_text(pages[0].text * 100, encoding="utf-8")
    out = tmp_path / "out"
    result = run("--max-file-mb", "0.01", "--output-dir", str(out), str(corpus), str(tmp_path / "gone.txt"))
    assert result.code == 1
    errors = result.err.splitlines()
    assert len(errors) == 4 and all(line.startswith("predict: error: ") for line in errors)
    for name in ["gone.txt: no such file", "binary.txt: looks binary", "broken-utf16.txt: starts with a UTF-16",
                 "over the 0.01 MB size limit; pass --max-file-mb 1 to read it"]:
        assert name in result.err
    assert outputs(out) == {
        path.relative_to(corpus).as_posix(): run(str(path)).out.encode("utf-8") for path in good
    }


def test_big_inputs_do_not_share_a_model_call(run, pages, tmp_path, monkeypatch, model_calls) -> None:
    monkeypatch.setattr(batch, "BATCH_BYTES", len(pages[0].text.encode()) * 2)
    paths = make_corpus(tmp_path, pages, 5)
    assert run(*map(str, paths)).code == 0
    assert model_calls == [2, 2, 1]


def test_an_input_the_model_cannot_score_is_reported_and_skipped(run, pages, tmp_path, monkeypatch) -> None:
    make_corpus(tmp_path / "corpus", pages, 5)
    (tmp_path / "corpus" / "0002.txt").write_text("POISON\n" + pages[1].text, encoding="utf-8")
    score_documents = JunkFilter.score_documents

    def fragile(self, documents):
        documents = [list(d) for d in documents]
        if any("POISON" in lines for lines in documents):
            raise ValueError("cannot handle this line")
        return score_documents(self, documents)

    monkeypatch.setattr(JunkFilter, "score_documents", fragile)
    result = run("--output-dir", str(tmp_path / "out"), str(tmp_path / "corpus"))
    assert result.code == 1
    assert result.err == (
        f"predict: error: {tmp_path / 'corpus' / '0002.txt'}: the model could not score it "
        "(ValueError: cannot handle this line); skipped\n"
    )
    assert sorted(outputs(tmp_path / "out")) == ["0001.txt", "0004.txt", "sub/0000.txt", "sub/0003.txt"]


def test_a_model_that_scores_nothing_is_a_model_error(run, page, monkeypatch) -> None:
    def broken(self, documents):
        raise TypeError("unexpected input")

    monkeypatch.setattr(JunkFilter, "score_documents", broken)
    result = run(stdin=page.text.encode())
    assert (result.code, result.out) == (3, "")
    assert result.err.startswith("predict: error: the model failed to score lines (TypeError: unexpected input)")
    assert result.err.count("\n") == 1


def test_an_output_that_cannot_be_written_is_reported_and_the_rest_written(run, pages, tmp_path) -> None:
    make_corpus(tmp_path / "corpus", pages, 4)
    (tmp_path / "out" / "0001.txt").mkdir(parents=True)  # a folder where the output file should go
    result = run("--output-dir", str(tmp_path / "out"), str(tmp_path / "corpus"))
    assert result.code == 1
    assert result.err.startswith(f"predict: error: {tmp_path / 'out' / '0001.txt'}: cannot write (")
    assert sorted(outputs(tmp_path / "out")) == ["0002.txt", "sub/0000.txt", "sub/0003.txt"]


def test_an_output_folder_that_cannot_be_made_is_a_usage_error(run, page, tmp_path) -> None:
    (tmp_path / "file").write_text("not a folder")
    result = run("--output-dir", str(tmp_path / "file" / "out"), "-", stdin=page.text.encode())
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith(f"predict: error: --output-dir {tmp_path / 'file' / 'out'}: cannot write there (")
    assert result.err.count("\n") == 1


# --- inputs are never modified ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "jsonl", "labels"])
@pytest.mark.parametrize("to_folder", [False, True], ids=["stdout", "output-dir"])
def test_inputs_are_never_modified(run, pages, tmp_path, snapshot, fmt, to_folder) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus, pages, 4)
    (corpus / "utf16.txt").write_bytes(pages[1].text.replace("\n", "\r\n").encode("utf-16"))
    (corpus / "cp1252.txt").write_bytes(pages[2].text.encode("cp1252", errors="replace"))
    (corpus / "bom-cr.txt").write_bytes(b"\xef\xbb\xbf" + pages[0].text.replace("\n", "\r").encode())
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02")
    before = snapshot(corpus)
    args = ["--format", fmt, str(corpus), "-"]
    if to_folder:
        args += ["--output-dir", str(tmp_path / "out")]
    for extra in ([], ["--force"] if to_folder else ["--threshold", "0"]):  # the rerun skips, or redoes, all
        assert run(*extra, *args, stdin=pages[0].text.encode()).code == 1  # binary.txt
        assert snapshot(corpus) == before


# --- resuming ------------------------------------------------------------------------------


def test_an_interrupted_run_resumes_where_it_stopped(run, pages, tmp_path, monkeypatch, writes) -> None:
    corpus, out, reference = tmp_path / "corpus", tmp_path / "out", tmp_path / "reference"
    make_corpus(corpus, pages, 10)
    assert run("--output-dir", str(reference), str(corpus)).code == 0
    writes.clear()
    write = OutputFolder.write

    def interrupted_at_the_fourth_write(self, *args):
        if len(writes) == 3:
            raise KeyboardInterrupt
        write(self, *args)

    monkeypatch.setattr(OutputFolder, "write", interrupted_at_the_fourth_write)
    result = run("--output-dir", str(out), str(corpus))
    assert result.code == 130
    assert result.err == ("predict: interrupted: run the same command again to resume where it stopped; "
                          f"the outputs finished so far are in {out}\n")
    done = outputs(out)
    assert len(done) == 3 and all(done[name] == outputs(reference)[name] for name in done)

    monkeypatch.setattr(OutputFolder, "write", write)
    writes.clear()
    result = run("--output-dir", str(out), str(corpus))
    assert (result.code, result.out) == (0, "")
    assert result.err == (
        f"predict: note: skipped 3 of 10 inputs whose output in {out} is complete from an earlier run; "
        "pass --force to redo them\n"
    )
    assert len(writes) == 7 and not set(writes) & {Path(name).name for name in done}
    assert outputs(out) == outputs(reference)
    assert temp_files(out) == []


@pytest.mark.skipif(not hasattr(signal, "SIGTERM"), reason="needs POSIX signals")
def test_sigterm_mid_write_leaves_no_temporary_file_and_says_a_rerun_resumes(run, pages, tmp_path, monkeypatch) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    make_corpus(corpus, pages, 4)
    open_output = OutputFolder.open
    seen: list[list[Path]] = []

    @contextlib.contextmanager
    def terminated_while_writing(self, source, sha256):
        with open_output(self, source, sha256) as handle:
            handle.write(b"half an output")
            seen.append(temp_files(out))
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(1)  # the handler raises before this ends
            yield handle

    monkeypatch.setattr(OutputFolder, "open", terminated_while_writing)
    before = signal.signal(signal.SIGTERM, lambda signum, frame: None)  # should the command not catch it
    try:
        result = run("--output-dir", str(out), str(corpus))
        ours = signal.getsignal(signal.SIGTERM)
    finally:
        signal.signal(signal.SIGTERM, before)
    assert result.code == 143
    assert result.err.startswith("predict: terminated: run the same command again to resume") and str(out) in result.err
    assert len(seen) == 1 and len(seen[0]) == 1  # the temporary file existed when the signal came
    assert temp_files(out) == []
    assert ours.__name__ == "<lambda>"  # the command's handler was for its run only


def test_a_rerun_redoes_exactly_what_changed(run, pages, tmp_path, writes) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    paths = make_corpus(corpus, pages, 6)
    assert run("--output-dir", str(out), str(corpus)).code == 0
    writes.clear()
    assert run("--output-dir", str(out), str(corpus)).code == 0
    assert writes == []  # everything complete

    paths[1].write_text(pages[2].text, encoding="utf-8")  # input changed
    (out / "0002.txt").unlink()  # output deleted
    with open(out / "0004.txt", "a", encoding="utf-8") as handle:  # output edited
        handle.write("a note\n")
    (corpus / "0099.txt").write_text(pages[0].text, encoding="utf-8")  # new input
    result = run("--output-dir", str(out), str(corpus))
    assert result.code == 0 and "skipped 3 of 7 inputs" in result.err
    assert sorted(writes) == ["0001.txt", "0002.txt", "0004.txt", "0099.txt"]
    assert (out / "0001.txt").read_text(encoding="utf-8") == pages[2].kept_text


@pytest.mark.parametrize(
    "change, redone_again",
    [(["--threshold", "0.3"], 0), (["--max-line-chars", "20"], 0), (["--drop-headline"], 0), (["--force"], 4)],
)
def test_other_settings_or_force_redo_everything(run, pages, tmp_path, writes, change, redone_again) -> None:
    make_corpus(tmp_path / "corpus", pages, 4)
    args = ["--output-dir", str(tmp_path / "out"), str(tmp_path / "corpus")]
    assert run(*args).code == 0
    writes.clear()
    assert run(*change, *args).code == 0
    assert len(writes) == 4
    writes.clear()
    assert run(*change, *args).code == 0
    assert len(writes) == redone_again


def test_stdin_is_always_processed(run, pages, tmp_path) -> None:
    out = tmp_path / "out"
    for page in pages[:2]:
        assert run("--output-dir", str(out), "-", stdin=page.text.encode()).code == 0
        assert (out / "stdin.txt").read_text(encoding="utf-8") == page.kept_text


def test_a_torn_journal_and_leftover_temporary_files_are_cleaned_up(run, pages, tmp_path, writes) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    make_corpus(corpus, pages, 4)
    assert run("--output-dir", str(out), str(corpus)).code == 0
    with open(out / JOURNAL_NAME, "a", encoding="utf-8") as handle:
        handle.write('{"output": "0001.t')  # a kill in the middle of an append
    leftovers = [out / ".0001.txt.k3j_9x0a.tmp", out / "sub" / ".0000.txt.abcdefgh.tmp", out / f".{JOURNAL_NAME}.12345678.tmp"]
    unrelated = [out / ".notes.txt", out / ".0001.txt.mine.tmp", out / "sub" / ".other.txt.abcdefgh.tmp"]
    for path in leftovers + unrelated:
        path.write_text("partial")
    writes.clear()
    result = run("--output-dir", str(out), str(corpus))
    assert result.code == 0 and "skipped 4 of 4 inputs" in result.err
    assert writes == []
    assert [path.exists() for path in leftovers + unrelated] == [False] * 3 + [True] * 3
    rows = (out / JOURNAL_NAME).read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(row)["output"] for row in rows) == ["0001.txt", "0002.txt", "sub/0000.txt", "sub/0003.txt"]


@pytest.mark.parametrize("jsonl", [False, True])
@pytest.mark.parametrize("inside", [".", "sub", "clean/deeper"])
def test_an_output_folder_inside_an_input_folder_is_refused_and_nothing_is_touched(run, pages, tmp_path, snapshot,
                                                                                   inside, jsonl) -> None:
    """``same/a.txt`` and ``same/sub/a.txt`` with ``--output-dir same/sub``: one input would overwrite the other."""
    corpus = tmp_path / "same"
    make_corpus(corpus, pages, 3)
    (corpus / "clean" / "deeper").mkdir(parents=True)
    if jsonl:
        (corpus / "sub" / "0000.jsonl").write_text('{"text": "A line."}\n', encoding="utf-8")
    before = snapshot(tmp_path)
    result = run(*(["-i", "jsonl"] if jsonl else []), "--output-dir", str(corpus / inside), str(corpus))
    assert result.code == 2
    assert result.err.count("\n") == 1 and "is inside the input folder" in result.err
    assert snapshot(tmp_path) == before


# --- a real kill ------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX signals and named pipes")
def test_a_killed_run_leaves_only_complete_outputs_and_a_rerun_completes_them(run, pages, model_path, tmp_path) -> None:
    corpus, out, reference = tmp_path / "corpus", tmp_path / "out", tmp_path / "reference"
    make_corpus(corpus, pages, 130)  # two full batches and a bit
    assert run("--output-dir", str(reference), str(corpus)).code == 0
    # Last input: a named pipe nobody writes to. Reading it blocks, so the run is
    # certainly still going when it is killed, right after its first outputs appear.
    blocker = tmp_path / "blocker.txt"
    os.mkfifo(blocker)
    command = [sys.executable, "-m", "predict", "--model", str(model_path), "--output-dir", str(out), str(corpus)]
    process = subprocess.Popen([*command, str(blocker)], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not outputs(out) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    assert process.poll() is None, process.stderr.read()
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    process.stderr.close()

    expected = outputs(reference)
    survived = outputs(out)
    assert 0 < len(survived) < len(expected)
    assert all(expected.get(name) == data for name, data in survived.items())  # complete, or not there at all

    rerun = subprocess.run(command, cwd=REPO, capture_output=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    note = re.search(r"skipped (\d+) of", rerun.stderr.decode())
    skipped = int(note[1]) if note else 0
    assert len(survived) - 1 <= skipped <= len(survived)  # the kill may fall between an output and its record
    assert outputs(out) == expected
    assert temp_files(out) == []
