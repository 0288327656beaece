"""Which encoding an input is read in (UTF-8 unless the evidence for another is strong), and its lines.

Pages written for these tests (the imaginary Alderbrook Echo). A wrong legacy
guess garbles every non-ASCII character of a page without a word, so a UTF-8
page with a stray byte stays UTF-8, and windows-1252 quotes come out as quotes.
"""
from __future__ import annotations

import io
import json
import random
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from predict.corpus.decoding import (
    Decoded,
    decode,
    decode_bytes,
    decode_input,
    read_text_lines,
)
from predict.corpus.inputs import InputError

CURLY = [
    "The Alderbrook council\u2019s new bus lane opens on Monday, the mayor\u2019s office said.",
    "Drivers called it \u201ca long time coming\u201d after years of queues on the high street.",
    "The caf\u00e9 owners\u2019 association welcomed the plan \u2013 with one reservation.",
]
STRAY = b"A Windows quote pasted into the page: the driver\x92s view.\n"
LINES = ["The ferry left at dawn.", "", "  Indented line.", "Last line"]
ACCENTED = [
    "Le conseil municipal a voté jeudi un budget élevé pour rénover la bibliothèque.",
    "La maire a déclaré que les travaux débuteront à l’été, après la fête du village.",
]


def test_a_utf8_page_with_a_stray_byte_stays_utf8_with_that_byte_replaced() -> None:
    data = "\n".join(CURLY).encode("utf-8") + b"\n" + STRAY
    decoded = decode(data)
    assert decoded.encoding == "utf-8" and decoded.replaced == 1
    assert decoded.text.splitlines() == [*CURLY, "A Windows quote pasted into the page: the driver\ufffds view."]


@pytest.mark.parametrize("lines", [CURLY, ["It\u2019s done."], ["Fares rise by \u20ac2 \u2013 \u201cagain\u201d\u2026"]])
def test_windows_1252_quotes_come_out_as_quotes(lines: list[str]) -> None:
    assert decode("\n".join(lines).encode("cp1252")) == Decoded("\n".join(lines), "cp1252")


@pytest.mark.parametrize("codec, text", [
    ("cp1251", "\u0413\u043e\u0440\u043e\u0434\u0441\u043a\u043e\u0439 \u0441\u043e\u0432\u0435\u0442 "
               "\u043f\u0440\u0438\u043d\u044f\u043b \u0440\u0435\u0448\u0435\u043d\u0438\u0435 \u043e "
               "\u043d\u043e\u0432\u043e\u043c \u043c\u043e\u0441\u0442\u0435 \u0447\u0435\u0440\u0435\u0437 "
               "\u0440\u0435\u043a\u0443."),
    ("shift_jis", "\u5e02\u8b70\u4f1a\u306f\u6708\u66dc\u65e5\u3001\u65b0\u3057\u3044\u6a4b\u306e\u5efa\u8a2d"
                  "\u3092\u6c7a\u5b9a\u3057\u307e\u3057\u305f\u3002"),
])
def test_a_legacy_encoding_with_strong_evidence_is_still_detected(codec: str, text: str) -> None:
    assert decode(text.encode(codec)).text == text


def test_input_says_which_encoding_it_was_read_in() -> None:
    text = decode_input("\n".join(CURLY).encode("cp1252"), "page.txt")
    assert text.lines == CURLY and text.encoding == "cp1252" and text.replaced == 0


def test_cli_warns_once_naming_the_file_and_jsonl_names_the_encoding(run, tmp_path) -> None:
    page = tmp_path / "echo.txt"
    page.write_bytes("\n".join(CURLY).encode("utf-8") + b"\n" + STRAY)
    result = run("--format", "jsonl", str(page))
    assert result.code == 0
    (warning,) = result.err.splitlines()
    assert warning.startswith(f"predict: warning: {page}: 1 byte(s) are not valid UTF-8 and were replaced")
    records = [json.loads(line) for line in result.out.splitlines()]
    assert [record["text"] for record in records[:3]] == CURLY
    assert {record["encoding"] for record in records} == {"utf-8"}
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("\n".join(CURLY).encode("cp1252"))
    result = run("--format", "jsonl", str(legacy))
    assert result.code == 0 and result.err == ""
    assert {json.loads(line)["encoding"] for line in result.out.splitlines()} == {"cp1252"}


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_detected_not_refused_as_binary(codec: str, run, tmp_path) -> None:
    lines = [*CURLY, "\u0413\u043e\u0440\u043e\u0434\u0441\u043a\u043e\u0439 \u0441\u043e\u0432\u0435\u0442 \u0441\u043e\u0431\u0440\u0430\u043b\u0441\u044f."]
    assert decode("\n".join(lines).encode(codec)) == Decoded("\n".join(lines), codec)
    page = tmp_path / "page.txt"
    page.write_bytes("\n".join(lines).encode(codec))
    result = run("--format", "jsonl", str(page))
    assert result.code == 0, result.err
    assert [json.loads(row)["text"] for row in result.out.splitlines()] == lines


def test_a_stray_nul_byte_is_not_taken_for_utf16() -> None:
    with pytest.raises(ValueError, match="looks binary"):
        decode(b"\x00000")


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("final", [True, False])
def test_line_endings_are_all_recognised(ending: str, final: bool) -> None:
    text = ending.join(LINES) + (ending if final else "")
    assert decode_bytes(text.encode("utf-8"), "page.txt") == LINES


def test_mixed_line_endings_in_one_file() -> None:
    assert decode_bytes(b"a\r\nb\rc\nd", "page.txt") == ["a", "b", "c", "d"]


def test_only_real_line_breaks_split_lines() -> None:
    # form feed and U+2028 are text inside a line, as an editor shows it
    assert decode_bytes("a\x0cb\u2028c\n".encode("utf-8"), "page.txt") == ["a\x0cb\u2028c"]


def test_utf8_bom_is_removed() -> None:
    assert decode_bytes(b"\xef\xbb\xbf" + "café\n".encode("utf-8"), "page.txt") == ["café"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(encoding: str) -> None:
    text = "\r\n".join(ACCENTED) + "\r\n"
    data = text.encode(encoding)
    if encoding.endswith(("le", "be")):  # these codecs write no BOM themselves
        data = "\ufeff".encode(encoding) + data
    assert decode_bytes(data, "page.txt") == ACCENTED


def test_windows_1252_is_detected() -> None:
    assert decode_bytes("\n".join(ACCENTED).encode("cp1252"), "page.txt") == ACCENTED


def test_latin1_is_detected() -> None:
    lines = [line.replace("’", "'") for line in ACCENTED]  # latin-1 has no curly quote
    assert decode_bytes("\n".join(lines).encode("latin-1"), "page.txt") == lines


def test_other_legacy_encodings_are_detected() -> None:
    lines = ["Городской совет в четверг утвердил бюджет на ремонт библиотеки и школы.",
             "Мэр сообщила, что работы начнутся летом, после праздника города."]
    assert decode_bytes("\n".join(lines).encode("cp1251"), "page.txt") == lines


def test_short_legacy_text_is_never_taken_for_utf16_without_bom() -> None:
    # charset-normalizer alone reads these 8 bytes as 4 CJK characters on one line;
    # which single-byte code page it picks instead is a guess, the lines are not
    assert decode_bytes("élevé\net".encode("cp1252"), "page.txt")[1:] == ["et"]


def test_short_symbol_heavy_windows_1252_is_read_not_refused() -> None:
    line = "council façade €5 €5"  # charset-normalizer finds no encoding for it
    assert decode_bytes(line.encode("cp1252"), "page.txt") == [line]


def test_empty_input_has_no_lines() -> None:
    assert decode_bytes(b"", "page.txt") == []


def test_a_lone_newline_is_one_empty_line() -> None:
    assert decode_bytes(b"\n", "page.txt") == [""]


def test_nul_bytes_are_refused_as_binary() -> None:
    with pytest.raises(InputError, match=r"^image\.png: looks binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.png")


def test_bytes_no_encoding_explains_are_refused_as_binary() -> None:
    noise = random.Random(0).randbytes(3000).replace(b"\x00", b"\x01")
    with pytest.raises(InputError, match=r"^blob\.bin: looks binary") as error:
        decode_bytes(noise, "blob.bin")
    assert "\n" not in str(error.value)


def test_broken_utf16_after_a_bom_is_refused() -> None:
    with pytest.raises(InputError, match=r"^page\.txt: .*UTF-16"):
        decode_bytes(b"\xff\xfeA\x00\x00\xd8", "page.txt")  # ends inside a surrogate pair


# U+FEFF is left out: at the start of a file it is read as a byte-order mark.
_LINE_TEXT = st.text(alphabet=st.characters(blacklist_characters="\r\n\ufeff", blacklist_categories=("Cs",)))


@given(st.lists(_LINE_TEXT), st.sampled_from(["\n", "\r\n", "\r"]), st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_lines_survive_encoding_and_decoding(lines: list[str], ending: str, encoding: str) -> None:
    text = "".join(line + ending for line in lines)
    assume("\x00" not in text or encoding == "utf-16")  # NUL marks binary input outside UTF-16
    # A UTF-16 BOM followed by U+0000 is byte-for-byte a UTF-32 BOM: inherently ambiguous.
    assume(not (encoding == "utf-16" and text.startswith("\x00")))
    assert decode_bytes(text.encode(encoding), "page.txt") == lines


def test_read_text_lines_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(b"one\r\ntwo\r\n")
    assert read_text_lines(path) == ["one", "two"]


def test_read_text_lines_dash_reads_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("é\nb\n".encode("utf-8"))))
    assert read_text_lines("-") == ["é", "b"]


def test_read_text_lines_names_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "gone.txt"
    with pytest.raises(InputError, match=f"^{missing}: no such file"):
        read_text_lines(missing)


def test_read_text_lines_names_a_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_text_lines(tmp_path)
