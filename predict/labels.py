"""The labelled text format: one document per hand-editable ``.labels`` file.

``python -m predict --format labels`` writes it so a person can review the
filter's decisions, fix the markers, and hand the file to ``python -m train``
as training data; both sides use this module, so what predict writes train
reads. Every document line becomes one file line with a marker in front::

    # domain: harbourgazette.example
    - WORLD
    + The harbour board approved the new ferry timetable on Monday.
    ? Photo: Harbour Gazette

``+`` keeps the line (label 1), ``-`` drops it (label 0), ``?`` leaves it
unknown (label -1, not trained on). The marker, optionally followed by the
model's content probability (``+0.973``), is separated from the line by one
space; everything after that space is the line, verbatim, so lines that are
empty, indented, or begin with ``+``, ``-`` or ``#`` survive a round trip. A
marker alone stands for an empty line. Lines starting with ``#`` are headers:
``# key: value`` sets metadata (such as ``domain``), anything else is a
comment. Blank file lines are ignored. Scores are informational: reading a
file ignores them, so edit the marker, not the score.
"""
from __future__ import annotations

import re
from typing import Mapping, NamedTuple, Sequence

LABELS_SUFFIX = ".labels"

_MARKERS = {1: "+", 0: "-", -1: "?"}
_LABELS = {marker: label for label, marker in _MARKERS.items()}
_LINE = re.compile(r"([+\-?])(\d+(?:\.\d+)?)?(?: (.*))?")
_META = re.compile(r"#\s*([A-Za-z0-9_.-]+):\s*(.*)")
_KEY = re.compile(r"[A-Za-z0-9_.-]+")


class ParsedLabels(NamedTuple):
    """A parsed ``.labels`` file: document lines, their labels and header metadata."""

    lines: list[str]
    labels: list[int]
    meta: dict[str, str]


def format_labels(
    lines: Sequence[str],
    keep: Sequence[int],
    *,
    scores: Sequence[float] | None = None,
    meta: Mapping[str, str] | None = None,
) -> str:
    """Write one document in the labelled text format.

    ``keep`` holds one entry per line: ``True``/``1`` keep, ``False``/``0``
    drop, ``-1`` unknown (a boolean mask from the model works as is).
    ``scores``, when given, are written after each marker for the reviewer.
    Raises ``ValueError`` for anything that would not read back unchanged.
    """
    if len(keep) != len(lines) or (scores is not None and len(scores) != len(lines)):
        raise ValueError(f"format_labels: {len(lines)} lines need as many keep flags and scores")
    out = []
    for key, value in (meta or {}).items():
        if not _KEY.fullmatch(key) or value != value.strip() or "\n" in value or "\r" in value:
            raise ValueError(f"metadata {key!r}: {value!r} cannot be written as a '# key: value' header line")
        out.append(f"# {key}: {value}")
    for index, (line, flag) in enumerate(zip(lines, keep)):
        if "\n" in line or "\r" in line:
            raise ValueError(f"line {index + 1} contains a line break; split the text into lines first")
        marker = _MARKERS.get(flag)
        if marker is None:
            raise ValueError(f"line {index + 1}: label {flag!r} is not one of 1, 0, -1")
        if scores is not None:
            score = float(scores[index])
            if not 0.0 <= score <= 1.0:
                raise ValueError(f"line {index + 1}: score {score} is not a probability between 0 and 1")
            marker += f"{score:.3f}"
        out.append(f"{marker} {line}" if line else marker)
    return "".join(row + "\n" for row in out)


def parse_labels(text: str, source: str = "") -> ParsedLabels:
    """Read one document from the labelled text format (the inverse of :func:`format_labels`).

    ``source`` (usually the file name) prefixes error messages. Raises
    ``ValueError`` naming the file and line of anything that is not a header,
    a blank line, or a marked document line.
    """
    lines: list[str] = []
    labels: list[int] = []
    meta: dict[str, str] = {}
    for number, row in enumerate(text.split("\n"), start=1):
        row = row.removesuffix("\r")
        if not row.strip():
            continue
        if row.startswith("#"):
            header = _META.fullmatch(row)
            if header:
                key, value = header.group(1), header.group(2).strip()
                if key in meta:
                    raise ValueError(f"{source or '<labels>'}:{number}: header {key!r} given twice; keep one")
                meta[key] = value
            continue
        match = _LINE.fullmatch(row)
        if match is None:
            raise ValueError(
                f"{source or '<labels>'}:{number}: expected '+ ', '- ' or '? ' and the line text, "
                f"or a '#' header; got {row[:40]!r}"
            )
        labels.append(_LABELS[match.group(1)])
        lines.append(match.group(3) or "")
    return ParsedLabels(lines, labels, meta)
