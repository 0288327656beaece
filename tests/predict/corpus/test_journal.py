"""``--output-dir`` runs and their journal (:mod:`predict.corpus.journal`): a person's corrections to the
``.labels`` drafts are never overwritten without ``--force``, and a run that writes nothing leaves no folder."""
from __future__ import annotations

import hashlib
import json
import re
import shlex
import shutil
from pathlib import Path

import pytest

from predict.corpus.journal import JOURNAL_NAME

REPO = Path(__file__).resolve().parents[3]
PINECREST = REPO / "examples" / "pinecrest"
DOMAIN = "# domain: millbrookcourier.example\n"


def readme_command(start: str) -> list[str]:
    """The arguments of the README's one shell line that starts with ``start``, as written there."""
    lines = [line for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines() if line.startswith(start)]
    assert len(lines) == 1, f"the README should have one line starting {start!r}"
    return shlex.split(lines[0])[3:]  # after "python -m predict"


def corrected(draft: str, domain: str = DOMAIN) -> str:
    """``draft`` as a person corrects it: a domain header added and the first line's marker flipped."""
    rows = draft.splitlines(keepends=True)
    first = next(index for index, row in enumerate(rows) if row[:1] in "+-")
    rows[first] = {"+": "-", "-": "+"}[rows[first][0]] + rows[first][1:]
    return domain + "".join(rows)


def edited_note(path: Path) -> str:
    return f"predict: note: {path}: edited since it was written, so left as it is; pass --force to overwrite it\n"


def make_drafts(run, pages, tmp_path: Path) -> tuple[list[str], Path]:
    """Three pages in ``tmp_path/pages`` drafted into ``tmp_path/drafts``; returns the command's arguments."""
    (tmp_path / "pages").mkdir()
    for index, page in enumerate(pages):
        (tmp_path / "pages" / f"page{index}.txt").write_text(page.text, encoding="utf-8")
    args = ["--format", "labels", "--output-dir", str(tmp_path / "drafts"), str(tmp_path / "pages")]
    result = run(*args)
    assert (result.code, result.err) == (0, "")
    return args, tmp_path / "drafts"


# --- the README's teach loop ---------------------------------------------------------------


def test_the_readme_teach_loop_keeps_the_corrections_when_rerun(run, tmp_path, monkeypatch) -> None:
    """Draft, correct a draft by hand, run the same command again (to resume, say): the correction is still there."""
    shutil.copytree(PINECREST / "pages", tmp_path / "examples" / "pinecrest" / "pages")
    monkeypatch.chdir(tmp_path)
    draft = readme_command("python -m predict --format labels --output-dir corrected/")
    assert run(*draft, model=None).code == 0
    drafts = sorted(Path("corrected").glob("*.labels"))
    assert len(drafts) == 6
    written = {path: path.read_text(encoding="utf-8") for path in drafts}

    mine = drafts[0]
    mine.write_text(corrected(written[mine], "# domain: pinecrestledger.example\n"), encoding="utf-8")
    edit = mine.read_bytes()
    result = run(*draft, model=None)
    assert result.code == 0
    assert mine.read_bytes() == edit
    assert result.err == (
        "predict: note: skipped 5 of 6 inputs whose output in corrected is complete from an earlier run; "
        "pass --force to redo them\n" + edited_note(mine)
    )

    for path in (PINECREST / "corrected").glob("*.labels"):  # the README's cp, standing in for the corrections
        shutil.copy(path, "corrected")
    result = run(*draft, model=None)
    assert result.code == 0 and result.err.count("edited since it was written") == 6
    for path in drafts:
        assert path.read_bytes() == (PINECREST / "corrected" / path.name).read_bytes()

    result = run("--force", *draft, model=None)
    assert (result.code, result.err) == (0, "")
    assert {path: path.read_text(encoding="utf-8") for path in drafts} == written


# --- edited drafts ----------------------------------------------------------------------------


@pytest.mark.parametrize("change", [["--threshold", "0.3"], ["--keep-copies"], []],
                         ids=["threshold", "copies", "input only"])
def test_an_edited_draft_survives_other_settings_or_a_changed_input(run, pages, tmp_path, change) -> None:
    args, drafts = make_drafts(run, pages, tmp_path)
    mine = drafts / "page1.labels"
    mine.write_text(corrected(mine.read_text(encoding="utf-8")), encoding="utf-8")
    edit = mine.read_bytes()
    for page in (tmp_path / "pages").glob("*.txt"):  # every input changed: every draft is due again
        page.write_text(page.read_text(encoding="utf-8") + "Share on Facebook\n", encoding="utf-8")
    before = (drafts / "page0.labels").read_bytes()

    result = run(*change, *args)
    assert mine.read_bytes() == edit
    assert (result.code, result.err) == (0, edited_note(mine))
    assert (drafts / "page0.labels").read_bytes() != before  # the drafts nobody touched are redone


def test_force_overwrites_an_edited_draft(run, pages, tmp_path) -> None:
    args, drafts = make_drafts(run, pages, tmp_path)
    mine = drafts / "page2.labels"
    written = mine.read_bytes()
    mine.write_text(corrected(written.decode("utf-8")), encoding="utf-8")
    result = run("--force", *args)
    assert (result.code, result.err) == (0, "")
    assert mine.read_bytes() == written
    result = run(*args)  # the overwritten draft is ours again: nothing to keep, nothing to redo
    assert result.code == 0 and "skipped 3 of 3 inputs" in result.err and "edited" not in result.err


def test_a_draft_no_run_recorded_is_kept_unless_it_is_what_the_run_writes(run, pages, tmp_path) -> None:
    """A .labels file put there by hand, or after its journal was lost, is a person's work, unless it is the draft."""
    args, drafts = make_drafts(run, pages, tmp_path)
    mine = drafts / "page0.labels"
    mine.write_text(corrected(mine.read_text(encoding="utf-8")), encoding="utf-8")
    edit = mine.read_bytes()
    (drafts / JOURNAL_NAME).unlink()
    result = run(*args)
    assert mine.read_bytes() == edit
    assert (result.code, result.err) == (0, edited_note(mine))


def test_a_draft_written_by_a_journal_without_digests_is_redone_when_untouched(run, pages, tmp_path) -> None:
    """Journals written before outputs were hashed vouch for a draft whose size and time are unchanged."""
    args, drafts = make_drafts(run, pages, tmp_path)
    journal = drafts / JOURNAL_NAME
    rows = [json.loads(row) for row in journal.read_text(encoding="utf-8").splitlines()]
    journal.write_text("".join(json.dumps({k: v for k, v in row.items() if k != "output_sha256"}) + "\n"
                               for row in rows))
    mine = drafts / "page0.labels"
    mine.write_text(corrected(mine.read_text(encoding="utf-8")), encoding="utf-8")
    result = run("--threshold", "0", *args)
    assert (result.code, result.err) == (0, edited_note(mine))
    redone = (drafts / "page1.labels").read_text(encoding="utf-8").splitlines()
    assert all(line.startswith(("#", "+")) for line in redone)  # threshold 0 keeps every line


def test_a_draft_from_stdin_is_replaced_by_the_next_one(run, pages, tmp_path) -> None:
    out = tmp_path / "drafts"
    for page in pages[:2]:
        result = run("--format", "labels", "--output-dir", str(out), "-", stdin=page.text.encode())
        assert (result.code, result.err) == (0, "")
        assert page.content[0] in (out / "stdin.labels").read_text(encoding="utf-8")


def test_outputs_of_other_formats_are_not_kept_when_edited(run, pages, tmp_path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "page.txt").write_text(pages[0].text, encoding="utf-8")
    args = ["--output-dir", str(tmp_path / "out"), str(tmp_path / "pages")]
    assert run(*args).code == 0
    (tmp_path / "out" / "page.txt").write_text("a note\n", encoding="utf-8")
    result = run(*args)
    assert (result.code, result.err) == (0, "")
    assert (tmp_path / "out" / "page.txt").read_text(encoding="utf-8") == pages[0].kept_text


@pytest.mark.parametrize("fmt, input_format", [("text", "text"), ("labels", "text"), (None, "jsonl")])
def test_the_journal_records_the_sha256_of_each_output_as_written(run, page, tmp_path, fmt, input_format) -> None:
    source = tmp_path / "in" / ("page.txt" if input_format == "text" else "corpus.jsonl")
    source.parent.mkdir()
    source.write_text(page.text if input_format == "text" else json.dumps({"text": page.text}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run(*(["--format", fmt] if fmt else ["-i", "jsonl"]), "--output-dir", str(out), str(source)).code == 0
    [entry] = [json.loads(row) for row in (out / JOURNAL_NAME).read_text(encoding="utf-8").splitlines()]
    assert entry["output_sha256"] == hashlib.sha256((out / entry["output"]).read_bytes()).hexdigest()


# --- nothing written, no folder ------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "labels"])
@pytest.mark.parametrize("out_name", ["out", "new/deeper/out"])
def test_a_missing_input_folder_leaves_no_output_folder(run, tmp_path, fmt, out_name) -> None:
    result = run("--format", fmt, "--output-dir", str(tmp_path / out_name), str(tmp_path / "nothere"))
    assert result.code == 1
    assert re.fullmatch(r"predict: error: .*nothere.*: no such file or directory; check the path\n", result.err)
    assert sorted(tmp_path.iterdir()) == []


def test_an_unreadable_input_leaves_no_output_folder_and_an_existing_one_stays(run, tmp_path) -> None:
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    result = run("--output-dir", str(tmp_path / "out"), str(tmp_path / "binary.txt"))
    assert result.code == 1 and result.err.count("\n") == 1
    assert not (tmp_path / "out").exists()

    (tmp_path / "mine").mkdir()
    assert run("--output-dir", str(tmp_path / "mine"), str(tmp_path / "nothere")).code == 1
    assert (tmp_path / "mine").is_dir()
