"""Cropped copies of labelled pages: the same lines seen with another head, tail and length.

The second stage judges a line by where it sits and what surrounds it (how
much content comes before and after it, the document's summaries), and a
labelled page shows each of its lines in one context only. A random window of
the page shows them in another. On grouped CV (`python -m train.evaluate`
with composed seeds 0 and 1), two copies of every real and snippet page at
half weight left the figures where they were and lowered realpages ECE from
0.016 to 0.009 (seed 1: 0.017 to 0.010) and snippet ECE from 0.041 to 0.028.
Copies must share their page's stacking fold (``groups`` of
:class:`predict.stages.stacking.ContextStacker`): in another fold, the first stage
that scores a copy was trained on its page, the second stage learns to trust
it too much, and ECE rose to 0.022 instead.
Composed pages are not cropped: a new composed page costs nothing.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

import numpy as np

from train.data.documents import LabelledDocument

MIN_LINES = 10
"""Pages shorter than this are not cropped: a window of a few lines has little context to vary."""
SHORTEST = 0.4
"""The shortest window, as a share of its page's lines."""


def cropped_copies(docs: Sequence[LabelledDocument], copies: int, weight: float,
                   seed: int = 0) -> tuple[list[LabelledDocument], np.ndarray]:
    """``copies`` random windows of every labelled page of ``docs`` that is not synthetic and has at least
    :data:`MIN_LINES` lines, each weighing ``weight`` times its page, and the index in ``docs`` of each one's page.

    A window keeps 40 to 100% of its page's lines, anywhere in it. The same
    documents and seed always give the same copies.
    """
    rng = np.random.default_rng(seed)
    out: list[LabelledDocument] = []
    pages: list[int] = []
    for index, doc in enumerate(docs):
        if doc.synthetic or len(doc.lines) < MIN_LINES:
            continue
        for _ in range(copies):
            n = len(doc.lines)
            size = int(n * rng.uniform(SHORTEST, 1.0))
            start = int(rng.integers(0, n - size + 1))
            window = slice(start, start + size)
            out.append(replace(doc, lines=doc.lines[window], labels=doc.labels[window],
                               kinds=doc.kinds[window] if doc.kinds is not None else None,
                               junk_kinds=doc.junk_kinds[window] if doc.junk_kinds is not None else None,
                               weight=doc.weight * weight, source=f"{doc.source}#lines{start + 1}-{start + size}"))
            pages.append(index)
    return out, np.array(pages, dtype=np.int64)


def rendered_copies(docs: Sequence[LabelledDocument], renderings: Sequence[str], share: float, weight: float,
                    seed: int = 0) -> tuple[list[LabelledDocument], np.ndarray]:
    """For a ``share`` of the pages of ``docs`` that carry any of ``renderings``, one of them (drawn at random),
    weighing ``weight`` times its page, and the index in ``docs`` of each one's page.

    Users' text comes from many tools (markdown converters, layout-aware text
    dumps) and a page seen in one rendering only teaches one; a copy of it in
    another rendering is labelled against the same gold text. Like cropped
    copies, a rendered copy shares its page's stacking fold. The same documents
    and seed always give the same copies.
    """
    rng = np.random.default_rng(seed)
    out: list[LabelledDocument] = []
    pages: list[int] = []
    for index, doc in enumerate(docs):
        present = [name for name in renderings if name in doc.renderings]
        if not present or rng.random() >= share:
            continue
        chosen = doc.renderings[present[int(rng.integers(len(present)))]]
        out.append(replace(chosen, weight=doc.weight * weight, renderings={}))
        pages.append(index)
    return out, np.array(pages, dtype=np.int64)
