"""Cropped and rendered copies: other views of real pages, in their page's stacking group, the same every run."""
from __future__ import annotations

import numpy as np

from predict.stages import stacking
from dataclasses import replace

from train.data.augment import MIN_LINES, cropped_copies, rendered_copies
from train.data.documents import LabelledDocument
from train.fit import fit_estimator


def _page(name: str, n: int, synthetic: bool = False) -> LabelledDocument:
    lines = [f"{name} line {i} of the story about the harbour wall." for i in range(n)]
    return LabelledDocument(lines, [i % 2 for i in range(n)], kinds=["body"] * n, source=name, weight=2.0,
                            synthetic=synthetic)


def _received_by_fit(monkeypatch) -> dict:
    """What the stacked stage's fit is given (document index, text and group of each line), once it is called."""
    received = {}
    fit = stacking.ContextStacker.fit

    def spy(self, X, y, sample_weight=None, groups=None):
        received["docs"], received["texts"], received["groups"] = X[:, 0].astype(int), X[:, 1], groups
        return fit(self, X, y, sample_weight, groups)

    monkeypatch.setattr(stacking.ContextStacker, "fit", spy)
    return received


def test_copies_are_windows_of_their_page_at_a_share_of_its_weight() -> None:
    docs = [_page("quay", 30), _page("short", MIN_LINES - 1), _page("composed", 30, synthetic=True), _page("pier", 12)]
    copies, pages = cropped_copies(docs, copies=3, weight=0.5)
    assert pages.tolist() == [0, 0, 0, 3, 3, 3]  # short and synthetic pages are not cropped
    for copy, page in zip(copies, pages):
        page_doc = docs[page]
        start = page_doc.lines.index(copy.lines[0])
        assert copy.lines == page_doc.lines[start:start + len(copy.lines)]
        assert copy.labels == page_doc.labels[start:start + len(copy.lines)] and len(copy.kinds) == len(copy.lines)
        assert 0.4 * len(page_doc.lines) - 1 <= len(copy.lines) <= len(page_doc.lines)
        assert copy.weight == 1.0 and copy.source.startswith(f"{page_doc.source}#lines")
    again, _ = cropped_copies(docs, copies=3, weight=0.5)
    assert [c.lines for c in again] == [c.lines for c in copies]
    assert cropped_copies(docs, copies=0, weight=0.5)[0] == []


def test_fit_puts_each_copy_in_its_pages_stacking_group(gazette, monkeypatch) -> None:
    received = _received_by_fit(monkeypatch)
    pages = gazette(6)
    fit_estimator(pages, crops=2)
    docs, texts, groups = received["docs"], received["texts"], received["groups"]
    n_pages = len(pages)
    assert all(len(page.lines) >= MIN_LINES for page in pages)
    assert docs.max() + 1 == 3 * n_pages  # every page and two copies of it
    for doc in np.unique(docs):
        (group,) = np.unique(groups[docs == doc])
        if doc < n_pages:
            assert group == doc  # a page is its own group
        else:  # a copy is in the group of the page it was cut from
            assert group < n_pages and texts[docs == doc].tolist() in [
                texts[docs == group][start:start + np.sum(docs == doc)].tolist() for start in range(len(pages[group].lines))]


def _rendered(page: LabelledDocument) -> LabelledDocument:
    shouting = replace(page, lines=[f"## {line}" for line in page.lines])
    return replace(page, renderings={"markdown": shouting, "plain": replace(page, lines=page.lines[:-1] + ["x"])})


def test_rendered_copies_take_one_rendering_of_a_share_of_the_pages() -> None:
    docs = [_rendered(_page(f"quay{i}", 12)) for i in range(40)] + [_page("bare", 12)]
    copies, pages = rendered_copies(docs, ["markdown", "plain"], share=0.5, weight=0.5)
    assert 10 <= len(copies) <= 30 and 40 not in pages  # about half; a page without renderings gives none
    for copy, page in zip(copies, pages):
        assert copy in (replace(docs[page].renderings[name], weight=1.0, renderings={}) for name in ("markdown", "plain"))
    assert {copy.lines[0][:3] for copy in copies} == {"## ", "quay"[:3]}  # both renderings drawn
    again, again_pages = rendered_copies(docs, ["markdown", "plain"], share=0.5, weight=0.5)
    assert again == copies and again_pages.tolist() == pages.tolist()
    only_markdown, _ = rendered_copies(docs, ["markdown"], share=1.0, weight=1.0)
    assert len(only_markdown) == 40 and all(copy.lines[0].startswith("## ") for copy in only_markdown)
    assert rendered_copies(docs, [], share=1.0, weight=1.0)[0] == []


def test_fit_trains_on_rendered_copies_in_their_pages_groups(gazette, monkeypatch) -> None:
    received = _received_by_fit(monkeypatch)
    pages = [replace(page, renderings={"markdown": replace(page, lines=[f"* {line}" for line in page.lines])})
             for page in gazette(6)]
    fit_estimator(pages, renderings=["markdown"], rendering_share=1.0)
    docs, texts, groups = received["docs"], received["texts"], received["groups"]
    assert docs.max() + 1 == 2 * len(pages)
    for doc in range(len(pages), 2 * len(pages)):
        (group,) = np.unique(groups[docs == doc])
        assert texts[docs == doc].tolist() == [f"* {line}" for line in pages[group].lines]
