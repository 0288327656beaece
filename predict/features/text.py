"""One batch of lines, analysed once for every feature that needs its characters or words.

Shape, relation and word features all look at the same lines: their
characters, their words. Each analysing the text on its own would tokenise
every line several times per batch. A :class:`TextBatch` does each analysis
once, when a feature first asks for it, and keeps it for the others.

Features take a line table (see :mod:`predict.features.table`). To let them share one
``TextBatch``, a model's pipeline starts with :class:`ShareText`, which hands
on the table as a :class:`LineBatch`: the same table, carrying its
``TextBatch``. Given a plain table (as tests and cross-validation pass), a
feature makes a ``TextBatch`` of its own, so the results are the same either
way.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Sequence, TypeVar

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from predict.features.kernels.chartable import code_points
from predict.features.table import texts_of
from predict.features.kernels.tokens import Tokens, tokenise

Derived = TypeVar("Derived")


@dataclass(frozen=True)
class Characters:
    """The stripped lines as one array of code points: line ``i`` is ``codes[start[i]:end[i]]``.

    Each line is followed by a ``"\\n"``, so a run of characters found in
    ``codes`` never spans two lines unless it contains that break.
    """

    stripped: list[str]
    codes: np.ndarray
    start: np.ndarray
    end: np.ndarray


def characters(lines: Sequence[str]) -> Characters:
    """The code points of the lines, each stripped of surrounding whitespace."""
    stripped = [line.strip() for line in lines]
    lengths = np.fromiter(map(len, stripped), dtype=np.int64, count=len(stripped))
    start = np.cumsum(lengths + 1) - (lengths + 1)
    return Characters(stripped, code_points("\n".join(stripped + [""])), start, start + lengths)


class TextBatch:
    """The texts of a line table and what features derive from them, each derived once on first use."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self._derived: dict[Callable, object] = {}

    def once(self, derive: Callable[[TextBatch], Derived]) -> Derived:
        """``derive(self)``, computed on the first call only: how features share analyses of their own."""
        if derive not in self._derived:
            self._derived[derive] = derive(self)
        return self._derived[derive]  # type: ignore[return-value]

    @cached_property
    def characters(self) -> Characters:
        return characters(self.texts)

    @cached_property
    def tokens(self) -> Tokens:
        """Words of the lowercased lines (as scikit-learn's text vectorisers find them)."""
        return tokenise(self.texts, str.lower)


class LineBatch(np.ndarray):
    """A line table carrying the :class:`TextBatch` of its texts (``text``); slices and copies carry none."""

    text: TextBatch | None = None

    def __array_finalize__(self, obj) -> None:
        self.text = None


def text_batch(X: np.ndarray) -> TextBatch:
    """The ``TextBatch`` a :class:`LineBatch` carries, or a new one for a plain line table."""
    carried = X.text if isinstance(X, LineBatch) else None
    return carried if carried is not None else TextBatch(texts_of(X))


class ShareText(TransformerMixin, BaseEstimator):
    """First step of a pipeline: the line table as a :class:`LineBatch`, so the features after it share one analysis.

    Parameters
    ----------
    (none) : the batch's text is analysed the same way in every model.

    Attributes
    ----------
    (none) : stateless; each call wraps its own table.
    """

    def fit(self, X, y=None):
        return self

    def transform(self, X) -> LineBatch:
        batch = np.asarray(X).view(LineBatch)
        batch.text = TextBatch(texts_of(X))
        return batch
