"""The dropdown check: every page scored again with a long list line in its head (issue 29).

Pages of the imaginary Larchfield Gazette (tests/conftest.py), given their
article sentences as gold text; the scorers are written here.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

import numpy as np
import pytest

from train.baselines import KeepAll
from train.data.documents import CONTENT, JUNK, LabelledDocument
from train.evaluate.dropdown import (DROPDOWN, DROPDOWN_AT, DROPDOWN_LINE, FALLS, attach_dropdowns, dropdown_check,
                                     fallen, own_lines, with_dropdown)
from train.evaluate.side_by_side import evaluate
from train.report import Method, format_table, itself


class Fragile:
    """Keeps the lines of eight words or more, but only the longest one on a page that has a line of 200 or more:
    the failure issue 29 reports, one line deciding the page."""

    name = "fragile"

    def keep_documents(self, documents: Sequence[Sequence[str]]) -> list[np.ndarray]:
        masks = []
        for lines in documents:
            words = np.array([len(line.split()) for line in lines])
            masks.append(words == words.max() if words.max(initial=0) >= 200 else words >= 8)
        return masks


@pytest.fixture(scope="module")
def pages(gazette) -> list[LabelledDocument]:
    """Gazette pages with their article sentences as gold text, and a title line marked as such."""
    out = []
    for page in gazette(4):
        content = [line for line, label in zip(page.lines, page.labels) if label == CONTENT]
        kinds = ["title" if i == 0 else "body" if label == CONTENT else "junk" for i, label in enumerate(page.labels)]
        out.append(replace(page, gold="\n".join(content), kinds=kinds, page_type="article"))
    return out


def test_the_dropdown_is_one_long_list_of_names() -> None:
    assert len(DROPDOWN_LINE.split()) >= 300 and "\n" not in DROPDOWN_LINE
    assert not any(mark in DROPDOWN_LINE for mark in ".!?")


def test_the_dropdown_is_a_junk_line_in_the_head_of_a_copy(pages: list[LabelledDocument]) -> None:
    page = pages[0]
    copy = with_dropdown(page)
    assert copy.lines == [*page.lines[:DROPDOWN_AT], DROPDOWN_LINE, *page.lines[DROPDOWN_AT:]]
    assert copy.labels[DROPDOWN_AT] == JUNK and copy.kinds[DROPDOWN_AT] == "junk"
    assert copy.gold == page.gold and copy.renderings == {} and len(page.lines) == len(copy.lines) - 1
    short = LabelledDocument(["Menu", "A line of the page."], [JUNK, CONTENT], gold="A line of the page.")
    assert with_dropdown(short).lines == [*short.lines, DROPDOWN_LINE]


def test_own_lines_leave_the_dropdown_out(pages: list[LabelledDocument]) -> None:
    mask = np.arange(len(pages[0].lines) + 1) % 2 == 0
    np.testing.assert_array_equal(own_lines(pages[0], mask), np.delete(mask, DROPDOWN_AT))


def test_a_page_falls_when_its_own_lines_go_not_when_the_dropdown_is_kept(pages: list[LabelledDocument]) -> None:
    page = pages[0]
    content = np.asarray(page.labels) == CONTENT
    kept_and_dropdown = np.insert(content, DROPDOWN_AT, True)
    nothing_but_dropdown = np.insert(np.zeros_like(content), DROPDOWN_AT, True)
    assert fallen([page, page], [content, content], [kept_and_dropdown, nothing_but_dropdown]) == [False, True]
    assert fallen([replace(page, gold=None)], [content], [nothing_but_dropdown]) == []


def test_the_check_takes_any_fitted_scorer(pages: list[LabelledDocument]) -> None:
    without_gold = replace(pages[0], gold=None)
    assert dropdown_check(KeepAll(), [*pages, without_gold]) == {FALLS: 0, "dropdown_pages": len(pages)}
    assert dropdown_check(Fragile(), pages) == {FALLS: len(pages), "dropdown_pages": len(pages)}


def test_copies_ride_along_as_a_rendering_and_pages_stay_as_they_were(pages: list[LabelledDocument]) -> None:
    attached = attach_dropdowns({"pages": pages, "no gold": [replace(pages[0], gold=None)]})
    assert all(DROPDOWN in page.renderings for page in attached["pages"])
    assert attached["no gold"][0].renderings == {} and all(page.renderings == {} for page in pages)


def test_the_evaluation_table_counts_the_pages_the_dropdown_broke(pages: list[LabelledDocument]) -> None:
    methods = [Method(KeepAll, {"keep-all": itself}, trained=False),
               Method(Fragile, {"fragile": itself}, trained=False)]
    table = evaluate(methods, {"pages": pages, "no gold": [replace(pages[0], gold=None)]}, n_folds=2)
    assert list(table["fragile"]) == ["pages", "no gold", f"pages@{DROPDOWN}"]
    assert table["fragile"][f"pages@{DROPDOWN}"][FALLS] == len(pages)
    assert table["keep-all"][f"pages@{DROPDOWN}"][FALLS] == 0
    assert table["fragile"][f"pages@{DROPDOWN}"]["word_f1"] < table["fragile"]["pages"]["word_f1"]
    assert f"pages@{DROPDOWN}:{FALLS}" in format_table(table).splitlines()[0]
