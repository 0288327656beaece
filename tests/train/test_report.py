"""The cross-validation table: ours beside the baselines, one column group per corpus part."""
from __future__ import annotations

import numpy as np
import pytest

from train.baselines import C4LineRule, KeepAll
from train.data.documents import UNKNOWN, LabelledDocument
from train.fit import JunkFilterMethod
from train.report import calibration, cv_table, figures, format_table

METHODS = [
    ("keep-all", KeepAll),
    ("c4-line-rule", C4LineRule),
    ("junkfilter", lambda: JunkFilterMethod(context=False, decoder=False)),
]


def snippet_page(k: int) -> LabelledDocument:
    """A weakly labelled page: one sentence that must be kept, one headline that must go."""
    sentence = f"The market hall will stay open late on Thursday number {k} of the winter season."
    headline = f"Celebrity chef shares recipe number {k}"
    return LabelledDocument(["Home | News", sentence, headline], [UNKNOWN] * 3, domain=f"snip{k % 2}.example",
                            with_snippets=[sentence], without_snippets=[headline])


@pytest.fixture(scope="module")
def table(gazette) -> dict:
    parts = {"pages": gazette(6, sites=3), "snippets": [snippet_page(k) for k in range(4)]}
    return cv_table(METHODS, parts, n_folds=2)


def test_calibration_ignores_unknown_lines() -> None:
    docs = [LabelledDocument(["a", "b", "c"], [1, 0, UNKNOWN]), LabelledDocument(["d"], [1])]
    figures = calibration(docs, [[0.9, 0.2, 0.5], [0.6]])
    assert figures["brier"] == pytest.approx((0.01 + 0.04 + 0.16) / 3)
    assert figures["ece"] == pytest.approx((0.1 + 0.2 + 0.4) / 3)


def test_one_row_per_method_and_part(table: dict) -> None:
    assert list(table) == ["keep-all", "c4-line-rule", "junkfilter"]
    assert all(list(row) == ["pages", "snippets"] for row in table.values())


def test_baseline_figures(table: dict) -> None:
    content_share = 5 / 12  # five article sentences among twelve lines per page
    assert table["keep-all"]["pages"]["line_f1"] == round(2 * content_share / (content_share + 1), 4)
    assert table["c4-line-rule"]["pages"]["line_f1"] == 1.0
    assert table["keep-all"]["snippets"]["snippet_precision"] == 0.5
    assert table["keep-all"]["snippets"]["snippet_recall"] == 1.0
    assert table["c4-line-rule"]["snippets"]["snippet_f1"] == 1.0


def test_each_part_reports_only_the_figures_it_can_support(table: dict) -> None:
    assert "snippet_f1" not in table["keep-all"]["pages"]
    assert "line_f1" not in table["keep-all"]["snippets"]
    assert "ece" in table["junkfilter"]["pages"] and "brier" in table["junkfilter"]["pages"]
    assert "ece" not in table["junkfilter"]["snippets"]
    assert "ece" not in table["keep-all"]["pages"]
    assert 0.0 <= table["junkfilter"]["pages"]["line_f1"] <= 1.0


def test_format_table(table: dict) -> None:
    lines = format_table(table).splitlines()
    assert len(lines) == 1 + len(METHODS)
    header = lines[0].split()
    assert header[0] == "method"
    assert {"pages:line_f1", "pages:ece", "snippets:snippet_f1"} <= set(header)
    keep_all = dict(zip(header, lines[1].split()))
    assert keep_all["method"] == "keep-all"
    assert keep_all["pages:line_f1"] == f"{10 / 17:.3f}"
    assert keep_all["pages:ece"] == "-"  # a figure a method has not: a dash, not "nan"


def test_cells_show_the_share_of_each_kind_kept_but_not_its_support() -> None:
    page = LabelledDocument(["Home", "Ferry returns", "The ferry sails again in June.", "Seal pups seen"],
                            [0, 1, 1, 0], kinds=["junk", "title", "body", "junk"], page_type="article",
                            junk_kinds=["navigation", None, None, "related"])
    cell = figures([page], [np.array([False, True, True, True])], None)
    assert (cell["kept_navigation"], cell["kept_related"], cell["kept_title"]) == (0.0, 1.0, 1.0)
    assert not any(key.endswith("_support") for key in cell)


def test_a_count_is_printed_as_a_count() -> None:
    table = {"ours": {"pages@dropdown": {"word_f1": 0.5, "dropdown_falls": 3}}}
    assert format_table(table).splitlines()[1].split() == ["ours", "0.500", "3"]


def test_format_empty_table() -> None:
    assert format_table({}) == "method"
