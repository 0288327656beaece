"""Markdown links and images as features of a line: what a markdown converter's menus look like.

Markdown converters write a menu entry as ``* [Top colleges](/best-colleges/)``
and a logo as ``![logo](https://…/logo.png)``; a block-per-line rendering
writes the same menu entry as ``Top colleges``. :func:`markdown_marks` gives
the model what the links said: how much of the line a reader sees is link
text, how many links it holds, whether it shows an image. The line's words,
shape and relation to its page stay those of the line as it came (the link
targets' words included: on grouped CV they helped more than they misled),
and the output lines are never changed.

Only links and images: marks of headings, list items, quotations and table
rows as features cost 0.020 line F1 on the realpages (html-text) pages, whose
list-shaped content starts lines with ``-`` or ``*`` too (docs/experiments.md).
"""
from __future__ import annotations

import re
from typing import Sequence

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from predict.features.kernels.documents import doc_mean
from predict.features.table import doc_bounds, texts_of

TARGET = r"\((?:[^()\s]|\([^()\s]*\))*(?:[^\S\n]+(?:\"[^\"\n]*\"|'[^'\n]*'))?[^\S\n]*\)"
"""A link's ``(target "title")``, within one line; the target may hold one level of parentheses."""
LINK = re.compile(r"(!?)\[([^\[\]\n]*)\]" + TARGET)
"""``[text](target)`` (group 1 empty) or ``![alt](src)`` (group 1 ``!``); the text is group 2."""

MARKS = ("link_share", "links", "image")
"""The columns of :func:`markdown_marks`, in order."""


def markdown_marks(lines: Sequence[str]) -> np.ndarray:
    """One row per line, the columns of :data:`MARKS`: the share of the characters a reader sees that are link
    text, the number of links, and whether the line shows an image.

    A reader sees a link's text and an image's alt text, not their targets.
    One regex pass over the whole batch, only where a ``](`` occurs.
    """
    out = np.zeros((len(lines), len(MARKS)), dtype=np.float64)
    text = "\n".join(line.replace("\n", " ") for line in lines)
    if "](" not in text:
        return out
    lengths = np.fromiter(map(len, lines), dtype=np.float64, count=len(lines))
    starts = np.cumsum(lengths + 1) - (lengths + 1)
    matches = [(match.start(), len(match.group(0)), len(match.group(2)), bool(match.group(1)))
               for match in LINK.finditer(text)]
    if not matches:
        return out
    at, size, shown, image = (np.asarray(column) for column in zip(*matches))
    line = np.searchsorted(starts, at, side="right") - 1
    hidden = np.bincount(line, weights=(size - shown).astype(np.float64), minlength=len(lines))
    linked = np.bincount(line[~image], weights=shown[~image].astype(np.float64), minlength=len(lines))
    out[:, 0] = np.minimum(linked / np.maximum(lengths - hidden, 1.0), 1.0)
    out[:, 1] = np.bincount(line[~image], minlength=len(lines))
    out[:, 2] = np.bincount(line[image], minlength=len(lines)) > 0
    return out


class MarkdownMarks(TransformerMixin, BaseEstimator):
    """The markdown links and images of each line of a line table (:func:`markdown_marks`), as dense features.

    Parameters
    ----------
    (none) : every table is read the same way.

    Attributes
    ----------
    (none) : stateless.
    """

    def fit(self, X, y=None):
        return self

    def transform(self, X) -> np.ndarray:
        marks = markdown_marks(texts_of(X))
        linked = (marks[:, 1] > 0).astype(np.float64)
        return np.column_stack([marks, doc_mean(linked, doc_bounds(X))])

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.array([f"markdown_{name}" for name in (*MARKS, "page_links")], dtype=object)
