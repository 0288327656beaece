"""Finding what to label: the lines the model is least sure about, across many inputs.

Labelling a page the model already gets right teaches it little; the lines
whose content probability sits closest to the keep/drop threshold are where a
person's correction moves the model most. ``python -m predict --uncertain N``
lists the N such lines over all its inputs, keeping no more than N lines in
memory however many documents stream past.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

import numpy as np

from predict.corpus.stream import Document
from predict.reading import text_lines


@dataclass(frozen=True)
class UncertainLine:
    """One line of one input (``number`` is 1-based) with its content probability."""

    path: str
    number: int
    text: str
    score: float


def most_uncertain(documents: Iterable[Document], n: int,
                   threshold: Callable[[Document], float]) -> list[UncertainLine]:
    """The ``n`` lines whose scores are closest to their document's cut (``threshold(document)``), closest first.

    Ties keep input order (earlier document, then earlier line first). Blank
    lines, which have nothing to label, are never listed.
    """

    def candidates() -> Iterator[tuple[float, UncertainLine]]:
        for document in documents:
            margins = np.abs(document.scores - threshold(document))
            text = text_lines(document.lines)
            order = np.flatnonzero(text)[np.argsort(margins[text], kind="stable")[:n]]  # at most n per document
            for index in order.tolist():
                line = UncertainLine(document.source.shown, index + 1, document.lines[index],
                                     float(document.scores[index]))
                yield float(margins[index]), line

    return [line for _, line in heapq.nsmallest(n, candidates(), key=lambda pair: pair[0])]


def render_uncertain(lines: Iterable[UncertainLine]) -> str:
    """One listing line per uncertain line: ``score<TAB>path:number<TAB>text``."""
    return "".join(f"{line.score:.3f}\t{line.path}:{line.number}\t{line.text}\n" for line in lines)
