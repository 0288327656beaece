"""WARC input: Common Crawl's WET files (and WARC files) cleaned record by record.

Common Crawl publishes the text of every crawled page as WET files: WARC
files (``.warc.wet.gz``) whose ``conversion`` records each hold one page's
text. Read as a text file such a file is one enormous page (or, compressed,
refused as binary), so a WARC input is read record by record instead and
each record becomes one JSON Lines record, ``{"WARC-Record-ID",
"WARC-Target-URI", "WARC-Date", "WARC-Identified-Content-Language" (when the
header has it), "text"}``, cleaned by the JSON Lines path
(:mod:`predict.corpus.records`): the same ``--text-field``, ``--removed-field``,
``--jobs``, ``--output-dir`` and resuming, the same writer.

Which records: ``conversion`` records (WET) are cleaned. ``response``
records of HTML (a WARC of a crawl) are skipped and counted in a note, or,
with ``--render-html``, rendered to text by html-text (the ``render`` extra;
one of the renderings the model is trained on) in the reading process and
cleaned.
Every other record (``warcinfo``, ``request``, ``metadata``, ``revisit``,
non-HTML responses) is skipped silently: it holds no page text.

The reader is FastWARC 2 (Resiliparse's; the ``warc`` extra), not warcio:
reading is done in the main process while ``--jobs`` workers score, so its
speed caps a run's, and FastWARC read a WET file 1.7 to 5 times as fast
(docs/performance.md, "Reading WARC files"); it installs from wheels on
Linux, macOS and Windows.

Neither library reports a file that ends inside a record: both give the
record's bytes so far as if it were whole, and FastWARC takes a header block
cut off for a whole record without a payload. So a record whose payload is shorter than its
``Content-Length``, or that has none, or a file that does not end with the
line breaks closing its last record, is an error here; compressed data that
stops is reported by :func:`~predict.corpus.compression.content_stream`.

Faults are errors naming the record: ``FILE: record N: ...`` (N counts every
WARC record of the file from 1: the first not read whole), after every record
before it was handed on; what follows a fault is not read. A record over
``--max-file-mb`` is skipped and reported like an oversized JSON Lines
record. A file without any record (empty, or an empty gzip stream) gives no
records and a note, exit 0: a shard of a crawl may be empty.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO, Iterator

from predict.corpus.compression import UnreadableFormat, content_stream
from predict.corpus.decoding import decode
from predict.corpus.inputs import InputError

if TYPE_CHECKING:
    from fastwarc.warc import WarcRecord

WARC_FIELDS = ("WARC-Record-ID", "WARC-Target-URI", "WARC-Date")
"""The WARC headers each output record carries (``null`` when a record lacks one)."""
LANGUAGE_FIELD = "WARC-Identified-Content-Language"
"""Common Crawl's language header: carried when the record has it."""
OUTPUT_FIELDS = (*WARC_FIELDS, LANGUAGE_FIELD)
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
INSTALL_WARC = "reading WARC needs the fastwarc module: run 'pip install -e \".[warc]\"' (or 'pip install fastwarc')"
INSTALL_RENDER = ("--render-html needs the html-text module: run 'pip install -e \".[render]\"' "
                  "(or 'pip install html-text')")
_RECORD_END = b"\r\n\r\n"
"""The two line breaks that close every WARC record: a file that ends otherwise was cut inside them."""
_KEPT_BEYOND = 1_000_000  # bytes of the record being read kept beyond the size limit (FastWARC reads ahead)
_LEFT = "only the records before it could be read"


@dataclass(frozen=True)
class WarcText:
    """A WARC record's text, and the headers that go with it into its JSONL record (in this order, before the text).

    The JSON Lines path (:func:`predict.corpus.records.clean_batch`) writes it
    as a record of these fields and the cleaned text: the text itself is
    never written out as JSON and parsed back.
    """

    headers: dict[str, str | None]
    text: str


class MissingModule(ImportError):
    """A module that WARC input needs is not installed; the message says how to install it."""


def require_fastwarc() -> None:
    """Raise :class:`MissingModule` unless FastWARC can be imported."""
    try:
        import fastwarc.warc  # noqa: F401
    except ImportError:
        raise MissingModule(INSTALL_WARC) from None


def require_html_text() -> None:
    """Raise :class:`MissingModule` unless html-text can be imported."""
    try:
        import html_text  # noqa: F401
    except ImportError:
        raise MissingModule(INSTALL_RENDER) from None


class WarcReader:
    """One WARC input read as records to clean (``number, text``), and what to tell the user about it.

    ``shown`` names the input in messages; a record whose payload is longer
    than ``max_bytes`` comes as ``(number, None)`` without being read. Once
    :meth:`records` is exhausted (or has failed), ``notes`` and ``warnings``
    hold the input's one-line messages.
    """

    def __init__(self, shown: str, max_bytes: int | None, render_html: bool = False) -> None:
        self.shown = shown
        self.max_bytes = max_bytes
        self.render_html = render_html
        self.notes: list[str] = []
        self.warnings: list[str] = []
        self._html_skipped = 0
        self._unrendered = 0
        self._replaced = 0

    def records(self, handle: BinaryIO) -> Iterator[tuple[int, WarcText | None]]:
        """The records to clean of the WARC data in ``handle`` (plain or compressed), in order.

        Raises :class:`InputError` ``FILE: record N: ...`` when record N cannot
        be read whole, after every record before it has been yielded.
        """
        from fastwarc.warc import ArchiveIterator

        done = length = 0
        try:
            stream = _positioned(handle, None if self.max_bytes is None else self.max_bytes + _KEPT_BEYOND)
            for number, record in enumerate(ArchiveIterator(stream, parse_http=False), start=1):
                stream.mark(record.stream_pos)
                length = record.content_length  # its block's: parsing HTTP headers changes it to the body's
                line = self._read(record, number)
                done = number
                if line is not None:
                    yield line
            if done and not _closed(stream.tail(), length):
                raise InputError(f"{self.shown}: record {done + 1}: the file ends early, inside the line breaks "
                                 f"that close record {done}: it is truncated; {_LEFT}")
            if done == 0:
                self.notes.append(f"{self.shown}: holds no WARC records; nothing to clean")
        except UnreadableFormat as exc:
            raise InputError(f"{self.shown}: {exc}") from None
        except InputError:
            raise
        except (OSError, ValueError) as exc:  # FastWARC's parse errors, a failing read; DamagedData (decompressing)
            raise InputError(f"{self.shown}: record {done + 1}: {_fault(exc)}; {_LEFT}") from None
        finally:
            self._summarise()

    def _read(self, record: WarcRecord, number: int) -> tuple[int, WarcText | None] | None:
        """Record ``number`` as ``(number, text)``, or None when it is not cleaned; raises on a record cut short."""
        from fastwarc.warc import WarcRecordType

        if not (record.headers.get("Content-Length") or "").strip().isdigit():  # FastWARC takes a cut-off one for 0
            raise InputError(f"{self.shown}: record {number}: is cut short (it has no Content-Length header): "
                             f"the file is truncated or damaged; {_LEFT}")
        kind = record.record_type
        if kind == WarcRecordType.conversion:
            if self._too_big(record.content_length):
                self._skip(record, number)
                return number, None
            payload = self._payload(record, number)
            try:
                text = payload.decode("utf-8")
            except UnicodeDecodeError:
                text = payload.decode("utf-8", errors="replace")
                self._replaced += 1
            return number, self._text(record, text)
        if kind == WarcRecordType.response:
            return self._response(record, number)
        self._skip(record, number)
        return None

    def _response(self, record: WarcRecord, number: int) -> tuple[int, WarcText | None] | None:
        """A ``response`` record: HTML rendered with ``render_html`` (or counted), anything else skipped.

        The record is held in memory (it is within the size limit) before its
        HTTP headers are parsed, so that headers FastWARC cannot parse skip
        the record rather than end the file. A response over the limit is
        never held: its headers are parsed as it streams.
        """
        declared = record.content_length
        if self._too_big(declared):
            try:
                record.parse_http(quirks_mode=True)
                html = record.http_content_type in HTML_TYPES
            except OSError:  # not HTTP FastWARC can parse: no page
                html = False
            self._skip(record, number)
            if html and self.render_html:
                return number, None
            self._html_skipped += html
            return None
        record.freeze()
        if record.content_length < declared:
            raise InputError(self._truncated(number, record.content_length, declared))
        try:
            record.parse_http(auto_decode="all" if self.render_html else "none", quirks_mode=True)
        except OSError:  # not HTTP FastWARC can parse: no page to render
            return None
        if record.http_content_type not in HTML_TYPES:
            return None
        if not self.render_html:
            self._html_skipped += 1
            return None
        text = self._rendered(record.reader.read(), record.http_charset)
        return None if text is None else (number, self._text(record, text))

    def _rendered(self, body: bytes, charset: str | None) -> str | None:
        """An HTML body rendered to text by html-text, one block per line; None (counted) when it cannot be."""
        import html_text

        try:
            html = body.decode(charset, errors="replace") if charset else decode(body).text
            return html_text.extract_text(html)
        except Exception:  # binary bytes (DecodeError), or a page lxml refuses: one page, not the file, is lost
            self._unrendered += 1
            return None

    def _too_big(self, size: int) -> bool:
        return self.max_bytes is not None and size > self.max_bytes

    def _payload(self, record: WarcRecord, number: int) -> bytes:
        """The record's block, all of it; a file that ends inside it is an error."""
        payload = record.reader.read()
        if len(payload) < record.content_length:
            raise InputError(self._truncated(number, len(payload), record.content_length))
        return payload

    def _skip(self, record: WarcRecord, number: int) -> None:
        """Read past a record not cleaned, checking that it is whole (a cut-off file ends in any record)."""
        expected = record.content_length
        consumed = record.consume()
        if consumed < expected:
            raise InputError(self._truncated(number, consumed, expected))

    def _truncated(self, number: int, got: int, declared: int) -> str:
        return (f"{self.shown}: record {number}: ends early, after {got} of its {declared} bytes: "
                f"the file is truncated; {_LEFT}")

    @staticmethod
    def _text(record: WarcRecord, text: str) -> WarcText:
        """A record's text with the headers a user needs."""
        headers = record.headers
        fields: dict[str, str | None] = {name: headers.get(name) for name in WARC_FIELDS}
        language = headers.get(LANGUAGE_FIELD)
        if language is not None:
            fields[LANGUAGE_FIELD] = language
        return WarcText(fields, text)

    def _summarise(self) -> None:
        """The notes and warnings about the records read, once reading has ended."""
        if self._html_skipped:
            self.notes.append(
                f"{self.shown}: skipped {self._html_skipped} HTML response record(s); pass --render-html to render "
                "them to text with html-text and clean them"
            )
        if self._unrendered:
            self.warnings.append(f"{self.shown}: {self._unrendered} HTML response record(s) could not be rendered "
                                 "to text (not HTML that html-text can read) and were skipped")
        if self._replaced:
            self.warnings.append(f"{self.shown}: {self._replaced} record(s) had bytes that are not valid UTF-8, "
                                 "replaced by U+FFFD")


def _fault(exc: Exception) -> str:
    """What a reading error says about the record it stopped in."""
    if isinstance(exc, OSError):  # FastWARC's "Invalid WARC header", or the file's read failing
        return f"cannot be read ({exc.strerror or exc}): the file is damaged, or not WARC"
    return str(exc)  # DamagedData: "the gzip data ends early: the file is truncated"


def _closed(tail: bytes | None, length: int) -> bool:
    """Whether a file's last record, ``tail`` (None: not kept), ends with the line breaks that close a record.

    ``length`` is its ``Content-Length``. A file cut inside those line breaks
    is read by FastWARC without a word; where the record's block itself ends
    in a line break (as ``warcinfo`` fields and many HTML pages do), so does
    the file, so the record's own bytes are counted to find them.
    """
    if tail is None:
        return True
    headers = tail.find(_RECORD_END)  # the header block ends at its first blank line
    block = headers + len(_RECORD_END) + length
    return headers >= 0 and tail[block : block + len(_RECORD_END)] == _RECORD_END


def _positioned(handle: BinaryIO, keep: int | None) -> _Told:
    """``handle``'s WARC data as FastWARC reads it: its bytes, or its decompressed bytes.

    FastWARC could decompress gzip itself, faster (1.8 s for the 100 MB file
    above, against 2.9 s this way), but where a gzip member is cut before it
    gives a byte it ends the file in silence: a download cut off in the first
    hundred or so bytes of a record's member would lose the rest of the file
    without a word. So every compressed input is decompressed by
    :func:`predict.corpus.compression.content_stream`, which reports data that
    stops and hands on every byte before it. FastWARC 2 asks a Python stream
    for its position before reading it and panics when it cannot tell (stdin,
    a decompressing stream), so the stream is a :class:`_Told` that counts
    (and keeps the bytes of the record being read, up to ``keep``).
    """
    return _Told(content_stream(handle), keep)


class _Told(io.RawIOBase):
    """A stream that tells its position, and keeps the bytes it gave since the last :meth:`mark` (for :func:`_closed`).

    At most ``keep`` bytes are kept (None: no limit): a record longer than
    that is let go, and :meth:`tail` is None until the next mark.
    """

    def __init__(self, stream: BinaryIO, keep: int | None = None) -> None:
        super().__init__()
        self._stream = stream
        self._keep = keep
        self._position = 0
        self._kept = bytearray()
        self._kept_from = 0  # the position of the first byte kept
        self._mark = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        # one read of the stream below at most: what it holds before a fault is never held back
        count = getattr(self._stream, "readinto1", self._stream.readinto)(buffer) or 0
        self._kept += memoryview(buffer)[:count]
        self._position += count
        if self._keep is not None and len(self._kept) > self._keep:
            self._kept.clear()
            self._kept_from = self._position
        return count

    def tell(self) -> int:
        return self._position

    def mark(self, position: int) -> None:
        """Keep the bytes from ``position`` on (where a record starts) and no longer those before it."""
        self._mark = position
        if position >= self._kept_from:
            del self._kept[: position - self._kept_from]
            self._kept_from = position

    def tail(self) -> bytes | None:
        """The bytes from the last mark on, or None when they were let go."""
        return bytes(self._kept) if self._kept_from == self._mark else None
