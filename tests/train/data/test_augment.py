"""Cropped copies: windows of real pages, lighter than their page, the same every run."""
from __future__ import annotations

import numpy as np

from predict.stages import stacking
from train.data.augment import MIN_LINES, cropped_copies
from train.data.documents import LabelledDocument
from train.fit import fit_estimator


def _page(name: str, n: int, synthetic: bool = False) -> LabelledDocument:
    lines = [f"{name} line {i} of the story about the harbour wall." for i in range(n)]
    return LabelledDocument(lines, [i % 2 for i in range(n)], kinds=["body"] * n, source=name, weight=2.0,
                            synthetic=synthetic)


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
    received = {}
    fit = stacking.ContextStacker.fit

    def spy(self, X, y, sample_weight=None, groups=None):
        received["docs"], received["texts"], received["groups"] = X[:, 0].astype(int), X[:, 1], groups
        return fit(self, X, y, sample_weight, groups)

    monkeypatch.setattr(stacking.ContextStacker, "fit", spy)
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
