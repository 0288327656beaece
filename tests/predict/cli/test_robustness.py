"""Any bytes in, a clear answer out: ``python -m predict`` on hostile, broken and huge inputs.

For every input the run ends with a documented exit status and no traceback:
either exit 0 with UTF-8 output that loses no line, or exit 1 with empty
output and exactly one ``predict: error:`` line naming the file. Examples are
bounded so the whole file runs in seconds.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from predict.corpus.decoding import decode_bytes
from predict.corpus.inputs import InputError, display_name
from predict.corpus.outputs import SUFFIXES
from predict.labels import parse_labels
from predict.reading import split_lines

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FORMATS = ["text", "jsonl", "labels"]
# Line text without line breaks; U+FEFF would be read as a byte-order mark at the start of a file.
LINE = st.text(alphabet=st.characters(blacklist_characters="\r\n\ufeff", blacklist_categories=("Cs",)), max_size=40)
ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])
WESTERN = ["Millbrook", "council", "voted", "café", "façade", "élevé", "naïve", "Noël", "garçon", "crème", "Zürich",
           "señor", "Ålborg", "œuvre", "déjà", "€5", "—", "«quote»"]


def recorded_lines(outcome, fmt: str) -> list[str]:
    """The input lines a successful run reports (run with --threshold 0, so text keeps them all)."""
    out = outcome.out.decode("utf-8")  # results are always UTF-8
    if fmt == "text":
        return split_lines(out)
    if fmt == "jsonl":
        records = [json.loads(row) for row in out.splitlines()]
        assert [r["line"] for r in records] == list(range(1, len(records) + 1))
        return [r["text"] for r in records]
    return parse_labels(out).lines


def assert_clean_answer(outcome, shown: str) -> None:
    """Exit 0 with no error line, or exit 1 with no output and one error line naming the input."""
    messages = outcome.err.splitlines()
    assert all(m.startswith(("predict: warning: ", "predict: note: ")) for m in messages if outcome.code == 0), messages
    if outcome.code == 1:
        assert outcome.out == b""
        assert len(messages) == 1 and messages[0].startswith(f"predict: error: {shown}: "), messages
    else:
        assert outcome.code == 0, outcome


def run_on_bytes(invoke, data: bytes, *args: str, name: str = "page.txt"):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        outcome = invoke("--threshold", "0", *args, str(path))
        assert path.read_bytes() == data  # never modified
        return outcome, display_name(str(path))


# --- the reader ------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_reader_turns_any_bytes_into_lines_or_one_line_error(data: bytes) -> None:
    try:
        lines = decode_bytes(data, "page.txt")
    except InputError as error:
        message = str(error)
        assert message.startswith("page.txt: ") and len(message.splitlines()) == 1
        return
    for line in lines:
        assert "\r" not in line and "\n" not in line
        line.encode("utf-8")  # real text: no lone surrogates that could not be written out


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WESTERN), min_size=1, max_size=12).map(" ".join), min_size=1, max_size=6),
       st.sampled_from(["cp1252", "latin-1"]), ENDINGS)
def test_legacy_encodings_keep_every_line(lines: list[str], encoding: str, ending: str) -> None:
    data = ending.join(lines).encode(encoding, errors="replace")
    # Short legacy text is ambiguous (is 0xE9 'é' or 'č'?): the guess may differ, the lines may not.
    assert len(decode_bytes(data, "page.txt")) == len(lines)


# --- the whole path ----------------------------------------------------------------------


@FAST
@given(data=st.binary(max_size=400), fmt=st.sampled_from(FORMATS))
def test_any_bytes_give_every_line_or_one_error_naming_the_file(invoke, data: bytes, fmt: str) -> None:
    outcome, shown = run_on_bytes(invoke, data, "--format", fmt)
    assert_clean_answer(outcome, shown)
    if outcome.code == 0:
        assert recorded_lines(outcome, fmt) == decode_bytes(data, shown)


@FAST
@given(lines=st.lists(LINE, max_size=12), endings=st.lists(ENDINGS, min_size=12, max_size=12),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]), fmt=st.sampled_from(FORMATS))
def test_unicode_text_with_mixed_line_endings_round_trips_exactly(invoke, lines, endings, encoding, fmt) -> None:
    text = "".join(line + ending for line, ending in zip(lines, endings))
    assume(text.count("\r\n") == endings[: len(lines)].count("\r\n"))  # CR, empty line, LF reads as one CRLF
    assume("\x00" not in text or encoding == "utf-16")  # NUL marks binary input outside UTF-16
    assume(not (encoding == "utf-16" and text.startswith("\x00")))  # BOM + U+0000 is a UTF-32 BOM
    outcome, shown = run_on_bytes(invoke, text.encode(encoding), "--format", fmt)
    assert (outcome.code, outcome.err) == (0, "")
    assert recorded_lines(outcome, fmt) == lines


@FAST
@given(lines=st.lists(LINE.filter(lambda line: "\x00" not in line), min_size=1, max_size=6),
       at=st.integers(min_value=0), fmt=st.sampled_from(FORMATS))
def test_nul_bytes_outside_utf16_are_refused_naming_the_file(invoke, lines, at, fmt) -> None:
    data = "\n".join(lines).encode("utf-8")
    at %= len(data) + 1
    outcome, shown = run_on_bytes(invoke, data[:at] + b"\x00" + data[at:], "--format", fmt)
    assert outcome.code == 1
    assert_clean_answer(outcome, shown)
    assert "looks binary" in outcome.err


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "data, lines",
    [
        (b"", []),
        (b"\xef\xbb\xbf", []),
        (b"\xff\xfe", []),
        (b"   \n\t\n \r\n\r\x0c\n", ["   ", "\t", " ", "", "\x0c"]),
        (b"\r\r\r", ["", "", ""]),
        (b"one\r\ntwo\rthree\nfour", ["one", "two", "three", "four"]),
    ],
    ids=["empty", "utf8-bom-only", "utf16-bom-only", "whitespace-only", "lone-cr-only", "mixed-endings"],
)
def test_empty_and_whitespace_inputs(invoke, data, lines, fmt) -> None:
    outcome, _ = run_on_bytes(invoke, data, "--format", fmt)
    assert (outcome.code, outcome.err) == (0, "")
    assert recorded_lines(outcome, fmt) == lines


# --- size: huge lines, many lines, big files ------------------------------------------------


def test_a_5_mb_line_is_scored_on_its_start_and_output_whole(invoke) -> None:
    line = "The council voted to extend the footpath. " * 120_000  # about 5 MB, no line break
    outcome, shown = run_on_bytes(invoke, line.encode("utf-8"))
    assert outcome.code == 0
    assert outcome.out.decode("utf-8") == line + "\n"
    [warning] = outcome.err.splitlines()
    assert warning.startswith(f"predict: warning: {shown}: 1 line(s) longer than 100000 characters")
    assert "--max-line-chars" in warning


def test_long_lines_get_the_score_of_their_beginning(invoke) -> None:
    junk, content = "Share on Facebook", "The council voted to extend the footpath by two miles."
    long_junk = junk + " " + content * 10
    outcome, _ = run_on_bytes(invoke, f"{long_junk}\n{junk}\n".encode(), "--format", "jsonl", "--max-line-chars", str(len(junk)))
    first, second = [json.loads(row) for row in outcome.out.splitlines()]
    assert first["text"] == long_junk
    assert first["score"] == second["score"]
    assert "1 line(s) longer than 17 characters" in outcome.err


def test_a_million_short_lines(invoke) -> None:
    data = b"".join(b"%d\n" % (i % 10) for i in range(1_000_000))
    outcome, _ = run_on_bytes(invoke, data)
    assert (outcome.code, outcome.err) == (0, "")
    assert outcome.out == data


def test_a_file_over_the_size_limit_is_refused_and_the_others_processed(invoke, page, tmp_path) -> None:
    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_text(page.text * 40, encoding="utf-8")
    small.write_text(page.text, encoding="utf-8")
    outcome = invoke("--max-file-mb", "0.002", str(big), str(small))
    assert outcome.code == 1
    assert outcome.out.decode() == page.kept_text
    [error] = outcome.err.splitlines()
    size_mb = big.stat().st_size / 1e6
    assert error == (
        f"predict: error: {big}: is {size_mb:.3g} MB, over the 0.002 MB size limit; pass --max-file-mb 1 to read it"
    )


def test_the_default_limit_refuses_a_51_mb_file_without_reading_it_all(invoke, tmp_path) -> None:
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(51_000_000)  # sparse: costs no disk
    outcome = invoke(str(huge))
    assert (outcome.code, outcome.out) == (1, b"")
    assert outcome.err == f"predict: error: {huge}: is 51 MB, over the 50 MB size limit; pass --max-file-mb 51 to read it\n"
    assert invoke("--max-file-mb", "52", str(huge)).err.endswith("looks binary (contains NUL bytes), not text; pass plain-text files\n")


def test_stdin_over_the_size_limit_is_refused(invoke, page) -> None:
    outcome = invoke("--max-file-mb", "0.0001", stdin=page.text.encode() * 10)
    assert (outcome.code, outcome.out) == (1, b"")
    assert outcome.err == (
        "predict: error: stdin: is over the 0.0001 MB size limit; pass --max-file-mb with a larger value to read it\n"
    )


@pytest.mark.parametrize("args", [["--max-file-mb", "0"], ["--max-file-mb", "-3"], ["--max-file-mb", "lots"],
                                  ["--max-line-chars", "0"], ["--max-line-chars", "1.5"], ["--force"]])
def test_bad_limits_are_usage_errors(invoke, args) -> None:
    outcome = invoke(*args, "-")
    assert (outcome.code, outcome.out) == (2, b"")
    assert len(outcome.err.splitlines()) == 1 and outcome.err.rstrip().endswith("(see --help)")


# --- file names ------------------------------------------------------------------------------


WEIRD_NAMES = ["new\nline.txt", " leading space.txt", "tab\there.txt", os.fsdecode(b"caf\xe9.txt"), "e\u0301t\u00e9.txt"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", WEIRD_NAMES, ids=["newline", "leading-space", "tab", "latin1-bytes", "unicode"])
def test_any_file_name_gives_clean_results_and_one_line_errors(invoke, page, tmp_path, name, fmt) -> None:
    good, bad = tmp_path / name, tmp_path / "bad" / name
    good.write_text(page.text, encoding="utf-8")
    bad.parent.mkdir()
    bad.write_bytes(b"\x00binary")
    outcome = invoke("--format", fmt, "--threshold", "0", str(good), str(bad))
    assert outcome.code == 1
    assert recorded_lines(outcome, fmt) == page.lines
    assert outcome.err.count("\n") == 1 and outcome.err.startswith(f"predict: error: {display_name(str(bad))}: ")
    if fmt == "jsonl":
        assert json.loads(outcome.out.splitlines()[0])["path"] == display_name(str(good))
    out_dir = tmp_path / "out"
    assert invoke("--format", fmt, "--output-dir", str(out_dir), str(good)).code == 0
    assert [p.name for p in out_dir.iterdir() if not p.name.startswith(".")] == [Path(name).with_suffix(SUFFIXES[fmt]).name]
