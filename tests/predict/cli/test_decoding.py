"""Which encoding an input is read in: UTF-8 unless the evidence for another is strong.

Pages written for these tests (the imaginary Alderbrook Echo). A wrong legacy
guess garbles every non-ASCII character of a page without a word, so a UTF-8
page with a stray byte stays UTF-8, and windows-1252 quotes come out as quotes.
"""
from __future__ import annotations

import json

import pytest

from predict.cli.decoding import Decoded, decode
from predict.cli.inputs import decode_input

CURLY = [
    "The Alderbrook council\u2019s new bus lane opens on Monday, the mayor\u2019s office said.",
    "Drivers called it \u201ca long time coming\u201d after years of queues on the high street.",
    "The caf\u00e9 owners\u2019 association welcomed the plan \u2013 with one reservation.",
]
STRAY = b"A Windows quote pasted into the page: the driver\x92s view.\n"


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
