"""Reading the CLI's inputs into lines: finding the files, decoding the bytes.

Scraped text arrives in whatever encoding and line-ending convention the
scraper used. Everything here turns that into a list of lines (no line-ending
characters), and turns anything that is not text into an :class:`InputError`
whose one-line message names the file, so a many-file run can report it and
carry on.

Lines are split only at ``\\r\\n``, ``\\r`` and ``\\n`` (not at the other
characters :meth:`str.splitlines` knows), so line numbers match what an editor
shows.
"""
from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

STDIN = "-"
STDIN_NAME = "stdin"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


class InputError(Exception):
    """An input that cannot be read as text; the message is one line naming it."""


@dataclass(frozen=True)
class Source:
    """One input document.

    ``name`` is how the user spelled it (``-`` for stdin) and is what results
    report as its path; ``relative`` is where its output goes under
    ``--output-dir`` (its path below the directory argument it was found in,
    else its file name; ``stdin.txt`` for stdin).
    """

    name: str
    relative: Path

    @property
    def is_stdin(self) -> bool:
        return self.name == STDIN


def expand_inputs(names: Sequence[str]) -> tuple[list[Source], list[InputError]]:
    """The documents named on the command line, in order, and the arguments that name none.

    A directory stands for every ``*.txt`` file below it, recursively, sorted
    by path. A missing path, or a directory without ``*.txt`` files, is
    returned as an error instead of a source.
    """
    sources: list[Source] = []
    problems: list[InputError] = []
    for name in names:
        if name == STDIN:
            sources.append(Source(STDIN, Path(STDIN_NAME + ".txt")))
            continue
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not found:
                problems.append(InputError(f"{name}: directory has no *.txt files; pass text files or a folder of them"))
            sources.extend(Source(str(p), p.relative_to(path)) for p in found)
        elif path.exists():
            sources.append(Source(name, Path(path.name)))
        else:
            problems.append(InputError(f"{name}: no such file or directory; check the path"))
    return sources, problems


def read_lines(path_or_dash: str | Path) -> list[str]:
    """The lines of a text file, or of standard input when given ``-``.

    Raises :class:`InputError` when the file cannot be read or is not text.
    """
    name = str(path_or_dash)
    if name == STDIN:
        return decode_bytes(sys.stdin.buffer.read(), STDIN_NAME)
    try:
        data = Path(name).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file; check the path") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory; pass it as an argument to read its *.txt files") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied; check the file's permissions") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    return decode_bytes(data, name)


def decode_bytes(data: bytes, name: str) -> list[str]:
    """Decode a file's bytes and split them into lines.

    UTF-8 (with or without BOM) and BOM-marked UTF-16/32 are decoded directly;
    anything else is handed to charset-normalizer. Bytes with NUL characters
    (outside UTF-16/32) or that no encoding explains are refused as binary.
    """
    return split_lines(_decode(data, name))


def split_lines(text: str) -> list[str]:
    """Split at CRLF, lone CR and LF; a final line break does not start an empty line."""
    if not text:
        return []
    lines = _LINE_BREAK.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines


def _decode(data: bytes, name: str) -> str:
    failure = None
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                # A UTF-16 BOM followed by a NUL character looks like a UTF-32 BOM:
                # try the shorter marks before giving up.
                failure = failure or (label, exc.reason)
    if failure:
        raise InputError(
            f"{name}: starts with a {failure[0]} byte-order mark but is not valid {failure[0]} ({failure[1]}); "
            "re-save it as UTF-8"
        )
    if b"\x00" in data:
        raise InputError(f"{name}: looks binary (contains NUL bytes), not text; pass plain-text files")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    import charset_normalizer  # only needed for non-UTF-8 input; keeps start-up fast

    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(f"{name}: looks binary (no text encoding fits), not text; pass plain-text files")
    # Short Western text fits several code pages equally well ("è" is "č" in
    # cp1250); prefer windows-1252, the web's default for unlabelled text.
    tied = (m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence))
    return str(next((m for m in tied if m.encoding == "cp1252"), best))
