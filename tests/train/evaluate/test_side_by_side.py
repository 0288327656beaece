"""The evaluation table: every row and column, ablations from the same fits, rules never fitted.

Pages of the imaginary Larchfield Gazette (tests/conftest.py) stand in for the
shared corpora, plus snippet pages and held-out pages written here.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from predict.features.table import make_table
from predict.decision import later_copies, page_headline
from train.baselines import C4LineRule, JusTextLines, KeepAll, TrafilaturaLines
from train.crossval import grouped_folds
from train.evaluate.side_by_side import (
    FIXED_THRESHOLD,
    NO_HEADLINE_RULE,
    HELDOUT,
    KEEP_COPIES,
    LINE_BY_LINE,
    NO_CONTEXT,
    NO_DECODER,
    OURS,
    REFERENCES,
    default_methods,
    row_names,
    reference_rows,
    select_references,
    select_rows,
)
from train.report import RowPredictions, figures_table, predict_rows
from train.data.documents import CONTENT, JUNK, UNKNOWN, LabelledDocument
from train.fit import JunkFilterMethod
from train.report import figures

RULES = (KeepAll, C4LineRule, JusTextLines, TrafilaturaLines)
ROWS = ["keep-all", "c4-line-rule", "justext", "trafilatura", "isolated-tfidf-lr", OURS, FIXED_THRESHOLD, LINE_BY_LINE,
        KEEP_COPIES, NO_HEADLINE_RULE, NO_DECODER, NO_CONTEXT]


def snippet_page(k: int) -> LabelledDocument:
    """A weakly labelled page: one sentence that must stay, one headline that must go."""
    sentence = f"The covered market in Larchfield will stay open until nine on Thursday evening number {k}."
    headline = f"Reality star opens a bakery, part {k}"
    return LabelledDocument(["Home | Markets", sentence, headline], [UNKNOWN] * 3, domain=f"market{k % 2}.example",
                            with_snippets=[sentence], without_snippets=[headline])


def heldout_page(k: int) -> LabelledDocument:
    sentences = [
        f"The tram line to the northern estates will run every {k + 5} minutes from the first of March.",
        "The transport board said the new timetable follows a survey of more than two thousand riders.",
        "Night services at the weekend will start again once the depot repairs are finished.",
    ]
    lines = ["Menu | Travel | Weather", *sentences, "Trending now", "Quiz champion stuns fans"]
    return LabelledDocument(lines, [JUNK] + [CONTENT] * 3 + [JUNK] * 2, domain="held.example", gold="\n".join(sentences))


@dataclass
class Run:
    parts: dict[str, list[LabelledDocument]]
    heldout: list[LabelledDocument]
    predictions: dict[str, RowPredictions]
    table: dict
    fitted: list[JunkFilterMethod]
    rule_calls: list[str]


@pytest.fixture(scope="module")
def run(gazette) -> Run:
    """Every default row over pages and snippets (2 folds), with a train-only page and held-out pages.

    Rules fail if fitted and count their scoring calls; our model's fits are recorded.
    The jusText and trafilatura rows need the ``eval`` extra: without it these tests skip.
    """
    for module in ("justext", "trafilatura"):
        pytest.importorskip(module, reason=f"the jusText and trafilatura rows need the eval extra (pip install -e '.[eval]')")
    parts = {"pages": gazette(6, sites=3), "snippets": [snippet_page(k) for k in range(4)]}
    heldout = [heldout_page(k) for k in range(2)]
    fitted: list[JunkFilterMethod] = []
    rule_calls: list[str] = []
    with pytest.MonkeyPatch.context() as patch:
        fit = JunkFilterMethod.fit
        patch.setattr(JunkFilterMethod, "fit", lambda self, docs: fitted.append(self) or fit(self, docs))
        for rule in RULES:
            keep = rule.keep_documents
            patch.setattr(rule, "fit", lambda self, docs: pytest.fail(f"{self.name} was fitted"))
            patch.setattr(rule, "keep_documents",
                          lambda self, documents, keep=keep: rule_calls.append(self.name) or keep(self, documents))
        docs = [doc for part in parts.values() for doc in part]
        predictions = predict_rows(default_methods({}), docs, heldout=heldout, train_only=gazette(8)[6:], n_folds=2)
    return Run(parts, heldout, predictions, figures_table(predictions, parts, heldout), fitted, rule_calls)


def test_table_has_every_row_and_column(run: Run) -> None:
    assert list(run.table) == ROWS == row_names(default_methods({}))
    for row, figures in run.table.items():
        assert list(figures) == ["pages", "snippets", HELDOUT]
        assert {"line_f1"} <= set(figures["pages"]) and {"body_f1", "line_f1"} <= set(figures[HELDOUT])
        assert {"snippet_precision", "snippet_recall", "snippet_f1"} <= set(figures["snippets"])
        scores_lines = row not in {rule.name for rule in RULES}
        assert ("ece" in figures["pages"] and "brier" in figures[HELDOUT]) == scores_lines
        assert all(0.0 <= value <= 1.0 for part in figures.values() for value in part.values())


def test_rules_are_built_once_and_never_fitted(run: Run) -> None:
    # one call for the cross-validated documents, one for the held-out ones
    assert sorted(run.rule_calls) == sorted(2 * [rule.name for rule in RULES])
    assert run.table["keep-all"][HELDOUT] == figures(run.heldout, [np.ones(6, dtype=bool)] * 2, None)


def test_no_decoder_row_is_the_same_fold_models_scored_without_decoding(run: Run) -> None:
    docs = [doc for part in run.parts.values() for doc in part]
    ours = [method for method in run.fitted if "context" not in method.params]
    assert len(ours) == 2  # one fit per fold serves both rows
    assert len([method for method in run.fitted if method.params == {"context": False}]) == 2
    heldout_table = make_table(doc.lines for doc in run.heldout)
    for k, ((_, test_idx), method) in enumerate(zip(grouped_folds(docs, 2), ours)):
        estimator = method.filter_.estimator
        table = make_table(docs[i].lines for i in test_idx)
        for row, expected in ((NO_DECODER, estimator.classifier_proba(table)),
                              (OURS, estimator.predict_proba(table)[:, 1])):
            got = np.concatenate([run.predictions[row].scored.probs[i] for i in test_idx])
            np.testing.assert_allclose(got, expected)
        _, heldout_probs = run.predictions[NO_DECODER].heldout_runs[k]
        np.testing.assert_allclose(np.concatenate(heldout_probs), estimator.classifier_proba(heldout_table))


def test_fixed_threshold_row_is_our_scores_cut_at_the_threshold_on_every_page(run: Run) -> None:
    ours, fixed = run.predictions[OURS].scored, run.predictions[FIXED_THRESHOLD].scored
    docs = [doc for part in run.parts.values() for doc in part]
    for doc, probs, fixed_probs, mask in zip(docs, ours.probs, fixed.probs, fixed.masks):
        np.testing.assert_array_equal(fixed_probs, probs)
        cut = probs >= 0.5
        if (headline := page_headline(doc.lines, cut)) is not None:  # the headline rule, as on every row
            cut[headline] = True
        np.testing.assert_array_equal(mask, cut)


def test_line_by_line_row_is_our_fits_reading_every_line_apart(run: Run) -> None:
    """The test pages are not hard-wrapped: reading them line by line changes nothing."""
    ours, apart = run.predictions[OURS].scored, run.predictions[LINE_BY_LINE].scored
    for probs, apart_probs in zip(ours.probs, apart.probs):
        np.testing.assert_array_equal(apart_probs, probs)


def same_scores_other_masks(run: Run, row: str) -> Iterator[tuple[LabelledDocument, np.ndarray, np.ndarray]]:
    """Per scored document: its mask in our row and in ``row``, having checked that ``row`` has our scores."""
    ours, other = run.predictions[OURS].scored, run.predictions[row].scored
    docs = [doc for part in run.parts.values() for doc in part]
    for doc, probs, other_probs, mask, other_mask in zip(docs, ours.probs, other.probs, ours.masks, other.masks):
        np.testing.assert_array_equal(other_probs, probs)
        yield doc, mask, other_mask


def test_keep_copies_row_is_our_scores_keeping_every_copy(run: Run) -> None:
    """The same fits' scores; its masks differ from ours only by the later copies of kept blocks."""
    for doc, mask, copies_mask in same_scores_other_masks(run, KEEP_COPIES):
        np.testing.assert_array_equal(mask, copies_mask & ~later_copies(doc.lines, copies_mask))


def test_no_headline_rule_row_is_our_decisions_but_at_most_the_headline(run: Run) -> None:
    for doc, mask, without_rule in same_scores_other_masks(run, NO_HEADLINE_RULE):
        added = np.flatnonzero(mask & ~without_rule)
        assert not (without_rule & ~mask).any() and list(added) in ([], [page_headline(doc.lines, without_rule)])


def test_heldout_column_pools_every_fold_model(run: Run) -> None:
    runs = run.predictions[OURS].heldout_runs
    assert len(runs) == 2
    masks = [mask for run_masks, _ in runs for mask in run_masks]
    probs = [p for _, run_probs in runs for p in run_probs]
    assert run.table[OURS][HELDOUT] == figures(run.heldout * 2, masks, probs)


def test_select_rows_keeps_a_method_while_any_of_its_rows_is_wanted() -> None:
    methods = default_methods({"C": 0.25})
    (ours,) = select_rows(methods, only=[NO_DECODER])
    assert list(ours.rows) == [NO_DECODER] and ours.make().params == {"learn_decoder": True, "C": 0.25}
    assert row_names(select_rows(methods, skip=["justext", NO_CONTEXT])) == \
        [row for row in ROWS if row not in ("justext", NO_CONTEXT)]
    assert select_rows(methods, only=[NO_CONTEXT])[0].make().params == {"C": 0.25, "context": False}


@pytest.mark.parametrize(("only", "skip", "message"), [
    (["keep-all", "c5"], [], "unknown row c5; the rows are keep-all"),
    (None, [*ROWS, *REFERENCES], "no row left"),
])
def test_select_rows_refuses_unknown_or_no_rows(only, skip, message) -> None:
    with pytest.raises(ValueError, match=message):
        select_rows(default_methods({}), only=only, skip=skip)


def test_reference_rows_are_selected_by_name_beside_the_fitted_ones() -> None:
    assert select_references() == list(REFERENCES)
    assert select_references(only=["keep-all", "line-labels"]) == ["line-labels"]
    assert select_references(skip=["trafilatura-html"]) == ["line-labels"]
    assert row_names(select_rows(default_methods({}), only=["line-labels", "keep-all"])) == ["keep-all"]


def test_the_line_labels_row_scores_the_labels_themselves(gazette) -> None:
    docs = gazette(4)
    table = reference_rows(["line-labels"], {"gazette": docs}, Path("/nonexistent"))
    assert table["line-labels"]["gazette"]["line_f1"] == 1.0
