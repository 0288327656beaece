"""Rendering one scored document in each output format of ``python -m predict``.

Each renderer returns the complete text for one document, so the CLI can send
it to stdout (documents one after another) or write it as one file under
``--output-dir``; both routes therefore produce byte-identical documents.
"""
from __future__ import annotations

import json
from itertools import compress
from typing import Callable, Sequence

import numpy as np

from predict.labels import LABELS_SUFFIX, format_labels
from predict.metadata import metadata_lines

Renderer = Callable[[str, Sequence[str], np.ndarray, np.ndarray, str], str]
"""``(path, lines, keep, scores, encoding)`` to the document's output; ``encoding`` is the one its input was read in."""
# json.dumps escapes the control characters below U+0020 but not these, which
# str.splitlines and others treat as line breaks, nor lone surrogates (from a
# "\ud800" escape in JSON input), which UTF-8 cannot encode; they only occur inside strings.
_ESCAPED = {code: f"\\u{code:04x}" for code in (0x85, 0x2028, 0x2029, *range(0xD800, 0xE000))}


def render_text(path: str, lines: Sequence[str], keep: np.ndarray, scores: np.ndarray, encoding: str = "utf-8") -> str:
    """The kept lines, in order, each ending in a newline (nothing at all when none is kept)."""
    return "".join(f"{line}\n" for line in compress(lines, keep))


def json_line(record: object) -> str:
    """``record`` as one line of JSON (see :func:`json_text`), ending in a newline."""
    return json_text(record) + "\n"


def json_text(value: object) -> str:
    """``value`` as JSON on one line.

    Text stays readable (not ``\\u``-escaped), except the characters that some
    readers take for line breaks, so a record is always exactly one line, and
    lone surrogates, so the result can be written as UTF-8.
    """
    return json.dumps(value, ensure_ascii=False).translate(_ESCAPED)


def render_jsonl(path: str, lines: Sequence[str], keep: np.ndarray, scores: np.ndarray, encoding: str = "utf-8") -> str:
    """One JSON object per input line (see :func:`json_line`): path, 1-based line number, text, keep, content
    probability, and the encoding the input was read in (a guessed legacy one is worth checking); a line of a
    converter's metadata block (:func:`predict.metadata.metadata_lines`, never scored) also says ``"metadata": true``."""
    metadata = metadata_lines(lines).tolist()
    return "".join(
        json_line({"path": path, "line": number, "text": line, "keep": kept, "score": score, "encoding": encoding,
                   **({"metadata": True} if meta else {})})
        for number, (line, kept, score, meta) in enumerate(zip(lines, keep.tolist(), scores.tolist(), metadata), start=1)
    )


def render_labels(path: str, lines: Sequence[str], keep: np.ndarray, scores: np.ndarray, encoding: str = "utf-8") -> str:
    """The editable keep/drop draft that a person corrects and ``python -m train`` reads back."""
    return format_labels(lines, keep.tolist(), scores=scores.tolist(), meta={"path": path})


RENDERERS: dict[str, Renderer] = {"text": render_text, "jsonl": render_jsonl, "labels": render_labels}
SUFFIXES: dict[str, str] = {"text": ".txt", "jsonl": ".jsonl", "labels": LABELS_SUFFIX}
