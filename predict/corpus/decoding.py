"""Reading a text input: a file's bytes to text, in which encoding and how sure we are of it, then to lines.

A file is read with :func:`read_text_lines` (bounded by :mod:`predict.corpus.inputs`); bytes
already read are decoded with :func:`decode_input`; the text is split by
:func:`predict.reading.split_lines`, the rule every caller shares.

Scraped pages come in whatever encoding the scraper met, and a wrong guess is
silent damage: every "’" of a page becomes "‚Äô" and nothing says so. So the
rules here trust evidence in this order:

1. A byte-order mark (UTF-8, UTF-16, UTF-32).
2. UTF-16 without a BOM (little- or big-endian), when the NUL bytes of its
   ASCII characters (spaces and line breaks at least) sit in every other
   position, what no other text, and little binary data, looks like.
3. UTF-8, also when a few bytes do not decode: a page whose multi-byte
   sequences decode, but for a stray byte or two (a Windows quote pasted into
   a UTF-8 page), is UTF-8 with those bytes replaced by U+FFFD, and the caller
   is told how many (a guessed legacy encoding would garble every other
   non-ASCII character of the page instead).
4. A legacy encoding: windows-1252, the web's default for unlabelled text,
   when it decodes the bytes cleanly and most of the text is ASCII (Western
   text); otherwise charset-normalizer's guess, which needs a whole page of
   evidence (Cyrillic, Greek, CJK code pages: nearly every letter a high byte).
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from predict.corpus.inputs import (
    STDIN,
    STDIN_NAME,
    InputError,
    display_name,
    read_bytes,
)
from predict.reading import split_lines

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
WESTERN_ASCII_SHARE = 0.7
"""windows-1252 is taken without further evidence when at least this share of
the non-space bytes is ASCII: Western text is mostly ASCII, while Cyrillic,
Greek or CJK code pages make nearly every letter a high byte."""


UTF16_NUL_SHARE = 0.1
"""BOM-less UTF-16 is recognised when at least this share of its code units (and
at least :data:`UTF16_MIN_NULS`) has a NUL byte, nearly all on the same side:
the high byte of ASCII characters, spaces and line breaks, which even Cyrillic
or Greek text is full of."""
UTF16_MIN_NULS = 4


class DecodeError(ValueError):
    """Bytes that are not text in any encoding we recognise; the message ends the caller's sentence."""


@dataclass(frozen=True)
class Decoded:
    """An input's text, the encoding it was read in, and how many bytes were replaced by U+FFFD."""

    text: str
    encoding: str
    replaced: int = 0


def decode(data: bytes) -> Decoded:
    """The text of ``data`` (see the module docstring); raises :class:`DecodeError`.

    Only the BOM-less UTF-16 check (two byte counts) and the legacy guess cost
    more than a decode, and the guess runs only for bytes that are not UTF-8.
    """
    bom = _with_bom(data)
    if bom is not None:
        return bom
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data:
        raise DecodeError("looks binary (contains NUL bytes), not text; pass plain-text files")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    return mostly if mostly is not None else _legacy(data)


def _with_bom(data: bytes) -> Decoded | None:
    failure = None
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                # A UTF-16 BOM followed by a NUL character looks like a UTF-32 BOM:
                # try the shorter marks before giving up.
                failure = failure or (label, exc.reason)
    if failure:
        raise DecodeError(
            f"starts with a {failure[0]} byte-order mark but is not valid {failure[0]} ({failure[1]}); re-save it as UTF-8"
        )
    return None


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text without a byte-order mark, told by where the NUL bytes of its ASCII characters sit."""
    units = len(data) // 2
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    for codec, nuls, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls >= max(UTF16_NUL_SHARE * units, UTF16_MIN_NULS) and others * 20 <= nuls:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:  # an unpaired surrogate: not UTF-16 after all
                return None
            return None if _CONTROL.search(text) else Decoded(text, codec)
    return None


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with its few undecodable bytes replaced, when its valid multi-byte characters outnumber them."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad = sum(1 for char in text if "\udc80" <= char <= "\udcff")
    good = sum(1 for char in text if ord(char) > 0x7F) - bad
    if good < bad:
        return None
    return Decoded(data.decode("utf-8", errors="replace"), "utf-8", bad)


def _legacy(data: bytes) -> Decoded:
    western = _cp1252(data)
    visible = sum(1 for byte in data if byte > 0x20)
    ascii_share = sum(1 for byte in data if 0x20 < byte < 0x80) / max(visible, 1)
    if western is not None and ascii_share >= WESTERN_ASCII_SHARE:
        return Decoded(western, "cp1252")
    import charset_normalizer  # only needed for legacy input; keeps start-up fast

    best = charset_normalizer.from_bytes(data, cp_exclusion=list(_GUESS_EXCLUDED)).best()
    if best is not None:
        return Decoded(str(best), best.encoding)
    if western is not None:
        return Decoded(western, "cp1252")
    raise DecodeError("looks binary (no text encoding fits), not text; pass plain-text files")


def _cp1252(data: bytes) -> str | None:
    """``data`` as windows-1252, or None when it holds undefined bytes or control characters."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return None if _CONTROL.search(text) else text


@dataclass(frozen=True)
class TextInput:
    """An input's lines, the encoding they were read in, and how many bytes were not valid and replaced."""

    lines: list[str]
    encoding: str
    replaced: int = 0


def read_text_lines(path_or_dash: str | Path, max_bytes: int | None = None) -> list[str]:
    """The lines of a text file, or of standard input when given ``-``.

    Raises :class:`InputError` when the file cannot be read, is bigger than
    ``max_bytes`` or is not text.
    """
    name = str(path_or_dash)
    return decode_bytes(read_bytes(name, max_bytes), STDIN_NAME if name == STDIN else display_name(name))


def decode_input(data: bytes, name: str) -> TextInput:
    """Decode a file's bytes (see :func:`decode`) and split them into lines.

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
