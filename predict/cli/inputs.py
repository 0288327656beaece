"""Reading the CLI's inputs into lines: finding the files, decoding the bytes.

Scraped text arrives in whatever encoding and line-ending convention the
scraper used. Everything here turns that into a list of lines (no line-ending
characters), and turns anything that is not text into an :class:`InputError`
whose one-line message names the file, so a many-file run can report it and
carry on.

Lines are split only at ``\\r\\n``, ``\\r`` and ``\\n`` (not at the other
characters :meth:`str.splitlines` knows), so line numbers match what an editor
shows.

Inputs are untrusted: any bytes at all may arrive, so reading is bounded (a
size limit checked while reading, not after) and file names are shown escaped
when they hold characters that would break a one-line message.
"""
from __future__ import annotations

import codecs
import os
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator, Sequence

STDIN = "-"
STDIN_NAME = "stdin"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")  # not tab, line breaks or form feed
# Never guessed: BOM-less UTF-16/32 would read ASCII bytes (line breaks too) as
# other characters, and UTF-7 is never used for web text.
_GUESS_EXCLUDED = ("utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be", "utf_7")
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


class InputTooLarge(InputError):
    """An input bigger than the size limit; ``size`` is ``None`` when unknown (a pipe)."""

    def __init__(self, message: str, size: int | None, limit: int) -> None:
        super().__init__(message)
        self.size = size
        self.limit = limit


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

    @property
    def shown(self) -> str:
        """The name as messages and results show it (see :func:`display_name`)."""
        return display_name(self.name)


def display_name(name: str) -> str:
    """A file name fit for a one-line message or a ``# path:`` header.

    Plain names are returned unchanged. A name with control characters, line
    breaks, surrounding spaces or bytes that are not UTF-8 (Python keeps those
    as lone surrogates) is shown as a quoted, escaped Python literal instead.
    """
    if name.isprintable() and name == name.strip() and not _SURROGATE.search(name):
        return name
    return repr(name)


def expand_inputs(
    names: Sequence[str], exclude: Path | None = None, suffix: str = ".txt"
) -> tuple[list[Source], list[InputError]]:
    """The inputs named on the command line, in order, and the arguments that name none.

    A directory stands for every file ending in ``suffix`` below it,
    recursively, sorted by path, except those below ``exclude`` (the output
    folder, so a rerun does not take earlier outputs for inputs). A missing
    path, or a directory without such files, is returned as an error instead
    of a source. Standard input's output name ends in ``suffix`` too.
    """
    excluded = exclude.resolve() if exclude is not None else None
    sources: list[Source] = []
    problems: list[InputError] = []
    for name in names:
        if name == STDIN:
            sources.append(Source(STDIN, Path(STDIN_NAME + suffix)))
            continue
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob(f"*{suffix}")
                if p.is_file() and not (excluded and p.resolve().is_relative_to(excluded))
            )
            if not found:
                problems.append(
                    InputError(f"{display_name(name)}: directory has no *{suffix} files; pass such files or a folder of them")
                )
            sources.extend(Source(str(p), p.relative_to(path)) for p in found)
        elif path.exists():
            sources.append(Source(name, Path(path.name)))
        else:
            problems.append(InputError(f"{display_name(name)}: no such file or directory; check the path"))
    return sources, problems


def read_lines(path_or_dash: str | Path, max_bytes: int | None = None) -> list[str]:
    """The lines of a text file, or of standard input when given ``-``.

    Raises :class:`InputError` when the file cannot be read, is bigger than
    ``max_bytes`` or is not text.
    """
    name = str(path_or_dash)
    return decode_bytes(read_bytes(name, max_bytes), STDIN_NAME if name == STDIN else display_name(name))


def read_bytes(path_or_dash: str | Path, max_bytes: int | None = None) -> bytes:
    """The bytes of a file, or of standard input when given ``-``, reading at most ``max_bytes``.

    Raises :class:`InputTooLarge` as soon as more than ``max_bytes`` arrive,
    so an oversized file (or an endless stream) never fills memory, and
    :class:`InputError` when the file cannot be read.
    """
    name = str(path_or_dash)
    with open_binary(name) as handle:
        return _read_limited(handle, STDIN_NAME if name == STDIN else display_name(name), max_bytes)


@contextmanager
def open_binary(path_or_dash: str | Path) -> Iterator[BinaryIO]:
    """A file, or standard input when given ``-``, open for reading bytes.

    Failing to open or read it (inside the block) raises :class:`InputError`
    with a one-line message that names the file and says what to check.
    """
    name = str(path_or_dash)
    if name == STDIN:
        yield sys.stdin.buffer
        return
    shown = display_name(name)
    try:
        with open(name, "rb") as handle:
            yield handle
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file; check the path") from None
    except IsADirectoryError:
        raise InputError(f"{shown}: is a directory; pass it as an argument to read its input files") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied; check the file's permissions") from None
    except OSError as exc:
        raise InputError(f"{shown}: cannot read ({exc.strerror or exc})") from None


def _read_limited(handle, shown: str, max_bytes: int | None) -> bytes:
    data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    if max_bytes is None or len(data) <= max_bytes:
        return data
    try:
        size = os.fstat(handle.fileno()).st_size or None  # pipes and character devices report 0
    except (OSError, ValueError):  # a stream without a file descriptor
        size = None
    amount = f"{size / 1e6:.3g} MB, " if size else ""
    raise InputTooLarge(f"{shown}: is {amount}over the {max_bytes / 1e6:g} MB size limit", size, max_bytes)


def decode_bytes(data: bytes, name: str) -> list[str]:
    """Decode a file's bytes and split them into lines; ``name`` is how errors show the file.

    UTF-8 (with or without BOM) and BOM-marked UTF-16/32 are decoded directly;
    anything else is handed to charset-normalizer, which picks among the
    legacy encodings (UTF-16/32 need a BOM). Bytes with NUL characters
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

    matches = charset_normalizer.from_bytes(data, cp_exclusion=list(_GUESS_EXCLUDED))
    best = matches.best()
    if best is None:
        return _windows_1252_text(data, name)
    # Short Western text fits several code pages equally well ("è" is "č" in
    # cp1250); prefer windows-1252, the web's default for unlabelled text.
    tied = (m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence))
    return str(next((m for m in tied if m.encoding == "cp1252"), best))


def _windows_1252_text(data: bytes, name: str) -> str:
    """Bytes charset-normalizer rejects, read as windows-1252 if that gives clean text.

    Short text heavy in symbols such as "€" can look too messy to it; random
    binary data practically always holds a control character or one of the
    bytes windows-1252 leaves undefined, and is still refused.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is None or _CONTROL.search(text):
        raise InputError(f"{name}: looks binary (no text encoding fits), not text; pass plain-text files")
    return text
