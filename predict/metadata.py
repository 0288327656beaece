"""What a converter writes about a page before its text: front matter and reader headers.

Why: markdown converters and static-site tools open a document with a
metadata block, YAML front matter (a ``---`` line, ``key: value`` lines such
as ``canonical: …`` or ``meta-description: …``, a closing ``---``) or TOML
front matter (``+++``), and reader services open it with a header
(``Title:``, ``URL Source:``, ``Published Time:``, then ``Markdown
Content:``). None of it is the page's text, but a meta description is a
well-formed sentence, so a line classifier keeps it: on markdown from a
converter the model never saw, 8% of the lines were front matter, and
dropping that block alone raised article word F1 from 0.857 to 0.890
(issue 29). So these lines are recognised by their form, never scored, and
dropped unless the caller keeps them (``JunkFilter(keep_metadata=True)``,
``--keep-metadata``).

Only a block at the very top counts (after blank lines), and only when it is
closed and every line inside it has the block's form: an article that opens
with a rule or with "Title: …" is left to the model.
"""
from __future__ import annotations

import re
from typing import Sequence

import numpy as np

__all__ = ["metadata_lines"]

LONGEST_BLOCK = 400
"""Lines a front-matter block may hold, closing line included: past it, the opening rule is the page's own."""
_YAML_KEY = re.compile(r"[A-Za-z_][\w.\-]*(?::[\w.\-]+)*:(?:\s|$)")
"""``key: value`` (keys like ``meta-og:title`` keep their colons), or ``key:`` opening a nested block."""
_YAML_MORE = re.compile(r"\s+\S|-\s|-$|#")
"""An indented continuation, a list item or a comment inside YAML front matter."""
_TOML_LINE = re.compile(r"[A-Za-z_][\w.\-]*\s*=|\[[\w.\-\"' ]+\]\s*$|\s+\S|#")
"""``key = value``, a ``[table]`` header, a continuation or a comment inside TOML front matter."""
FENCES = {"---": ("---", "..."), "+++": ("+++",)}
"""Each front matter's opening line and the lines that may close it."""
READER_KEYS = ("Title", "URL Source", "Published Time", "Description", "Warning", "Image", "Language",
               "Number of Pages", "Author", "Date")
"""The fields a reader service writes in its header (r.jina.ai's form), before ``Markdown Content:``."""
_READER_LINE = re.compile(rf"(?:{'|'.join(re.escape(key) for key in READER_KEYS)}):(?:\s|$)")
READER_END = "Markdown Content:"
"""The line that ends a reader header: the page's text follows."""


def _first_text(lines: Sequence[str]) -> int | None:
    """The index of the first line that is not blank, or None."""
    return next((i for i, line in enumerate(lines) if line.strip()), None)


def _front_matter_end(lines: Sequence[str], start: int) -> int | None:
    """The index of the line closing the front matter opened at ``start``, or None when it is not one."""
    closers = FENCES[lines[start].strip()]
    inner = _TOML_LINE if lines[start].strip() == "+++" else _YAML_KEY
    keys = 0
    for i in range(start + 1, min(len(lines), start + LONGEST_BLOCK)):
        line = lines[i]
        if line.strip() in closers:
            return i if keys else None
        if not line.strip():
            continue
        if inner.match(line):
            keys += 1
        elif not (inner is _YAML_KEY and _YAML_MORE.match(line)):
            return None
    return None


def _reader_header_end(lines: Sequence[str], start: int) -> int | None:
    """The index of the ``Markdown Content:`` line ending a reader header opened at ``start``, or None."""
    for i in range(start, min(len(lines), start + LONGEST_BLOCK)):
        line = lines[i].strip()
        if line == READER_END:
            return i if i > start else None
        if line and not _READER_LINE.match(line):
            return None
    return None


def metadata_lines(lines: Sequence[str]) -> np.ndarray:
    """Boolean mask of the lines that are a converter's metadata block at the top of the document.

    The block runs from its opening line to its closing one (``---``/``...``
    or ``+++`` for front matter, ``Markdown Content:`` for a reader header);
    blank lines before it are not part of it. All False when the document
    opens with anything else; only the first lines are looked at.
    """
    mask = np.zeros(len(lines), dtype=bool)
    start = _first_text(lines)
    if start is None:
        return mask
    opening = lines[start].strip()
    if opening in FENCES:
        end = _front_matter_end(lines, start)
    elif opening.startswith(READER_KEYS):
        end = _reader_header_end(lines, start)
    else:
        return mask
    if end is not None:
        mask[start : end + 1] = True
    return mask
