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

import os
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator, Sequence

from predict.cli.decoding import DecodeError, decode

STDIN = "-"
STDIN_NAME = "stdin"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SURROGATE = re.compile("[\ud800-\udfff]")


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


def expand_inputs(names: Sequence[str], suffix: str = ".txt") -> tuple[list[Source], list[InputError]]:
    """The inputs named on the command line, in order, and the arguments that name none.

    A directory stands for every file ending in ``suffix`` below it,
    recursively, sorted by path (the command line refuses an output folder
    inside one, so no earlier output is taken for an input). A missing path, or a directory without such files, is returned as an error instead
    of a source. Standard input's output name ends in ``suffix`` too.
    """
    sources: list[Source] = []
    problems: list[InputError] = []
    for name in names:
        if name == STDIN:
            sources.append(Source(STDIN, Path(STDIN_NAME + suffix)))
            continue
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob(f"*{suffix}") if p.is_file())
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


@dataclass(frozen=True)
class TextInput:
    """An input's lines, the encoding they were read in, and how many bytes were not valid and replaced."""

    lines: list[str]
    encoding: str
    replaced: int = 0


def decode_input(data: bytes, name: str) -> TextInput:
    """Decode a file's bytes (see :mod:`predict.cli.decoding`) and split them into lines.

    ``name`` is how errors show the file; bytes that are not text raise
    :class:`InputError`.
    """
    try:
        decoded = decode(data)
    except DecodeError as exc:
        raise InputError(f"{name}: {exc}") from None
    return TextInput(split_lines(decoded.text), decoded.encoding, decoded.replaced)


def decode_bytes(data: bytes, name: str) -> list[str]:
    """The lines of a file's bytes, decoded as :func:`decode_input` does."""
    return decode_input(data, name).lines


def replaced_warning(name: str, replaced: int) -> str:
    """What to report about an input read as UTF-8 with a few bytes that were not."""
    return (f"{name}: {replaced} byte(s) are not valid UTF-8 and were replaced by U+FFFD; "
            "the rest of the file was read as UTF-8")


def split_lines(text: str) -> list[str]:
    """Split at CRLF, lone CR and LF; a final line break does not start an empty line."""
    if not text:
        return []
    lines = _LINE_BREAK.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines
