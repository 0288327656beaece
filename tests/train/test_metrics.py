"""Scores on tiny hand-computed cases (all text invented for these tests)."""
from __future__ import annotations

import numpy as np
import pytest

from train.data.documents import LabelledDocument
from train.metrics import (
    Scores,
    body_scores,
    brier_score,
    document_figures,
    expected_calibration_error,
    f1_positives,
    line_f1_macro,
    line_scores,
    shingle_tp_fp_fn,
    shingles,
    snippet_scores,
    word_f1,
    word_scores,
)
from dataclasses import replace

TITLE = "Pier to reopen after winter storms"
BODY_1 = "The harbour council voted on Tuesday to rebuild the old stone pier."
BODY_2 = "Work will begin in the spring and end before the sailing season."
JUNK = "Trending now: ten gulls that stole our hearts at the seaside"


def page() -> LabelledDocument:
    """An article page: menu, headline, two body lines, a trending tail."""
    return LabelledDocument(
        lines=["Home | News | Sport", TITLE, BODY_1, BODY_2, JUNK],
        labels=[0, 1, 1, 1, 0],
        kinds=["junk", "title", "body", "body", "junk"],
        gold=f"{BODY_1}\n{BODY_2}",
        source="gazette/pier",
    )


def mask(*bits: int) -> np.ndarray:
    return np.array(bits, dtype=bool)


def test_shingles_are_a_multiset_of_word_4grams() -> None:
    assert shingles("one two three four one two three four") == {
        ("one", "two", "three", "four"): 2,
        ("two", "three", "four", "one"): 1,
        ("three", "four", "one", "two"): 1,
        ("four", "one", "two", "three"): 1,
    }


def test_shingles_of_short_and_empty_texts() -> None:
    assert shingles("Share this!") == {("Share", "this"): 1}
    assert shingles(" ... ") == {}


def test_shingle_counts_are_normalised_per_page() -> None:
    # gold has shingles abcd, bcde; the prediction has abcd only
    assert shingle_tp_fp_fn("a b c d e", "a b c d") == (0.5, 0.0, 0.5)
    assert shingle_tp_fp_fn("", "") == (0.0, 0.0, 0.0)


def test_keeping_exactly_the_body_scores_one() -> None:
    scores = body_scores([page()], [mask(0, 0, 1, 1, 0)])
    assert scores == Scores(1.0, 1.0, 1.0, support=1)


def test_keeping_nothing_scores_zero() -> None:
    assert body_scores([page(), page()], [mask(0, 0, 0, 0, 0)] * 2).f1 == 0.0


def test_title_lines_cost_nothing_either_way() -> None:
    with_title = body_scores([page()], [mask(0, 1, 1, 1, 0)])
    without_title = body_scores([page()], [mask(0, 0, 1, 1, 0)])
    assert with_title == without_title


def test_precision_and_recall_are_averaged_over_pages() -> None:
    # page 1 perfect (P = R = 1); page 2 keeps only the junk tail (P = R = 0)
    scores = body_scores([page(), page()], [mask(0, 0, 1, 1, 0), mask(0, 0, 0, 0, 1)])
    assert (scores.precision, scores.recall, scores.f1) == (0.5, 0.5, 0.5)


def test_a_page_that_kept_nothing_lowers_recall_not_precision() -> None:
    scores = body_scores([page(), page()], [mask(0, 0, 1, 1, 0), mask(0, 0, 0, 0, 0)])
    assert scores.precision == 1.0
    assert scores.recall == 0.5
    assert scores.f1 == pytest.approx(2 / 3)


def test_line_scores_are_micro_over_scored_lines() -> None:
    doc = page()
    doc.labels[4] = -1  # the trending line is unknown: not scored
    # kept: menu (fp), title (not scored), body 1 (tp); dropped: body 2 (fn)
    scores = line_scores([doc], [mask(1, 1, 1, 0, 1)])
    assert scores == Scores(0.5, 0.5, 0.5, support=3)


def test_line_f1_macro_averages_documents_with_content() -> None:
    junk_only = LabelledDocument(lines=["Share", "Print"], labels=[0, 0])
    perfect, half = mask(0, 0, 1, 1, 0), mask(0, 0, 1, 0, 0)
    assert line_f1_macro([page(), page(), junk_only], [perfect, half, mask(1, 1)]) == pytest.approx((1 + 2 / 3) / 2)


def snippet_page() -> LabelledDocument:
    return LabelledDocument(
        lines=["Menu", "The ferry will run twice a", "day from the first of May.", "Subscribe to our newsletter"],
        labels=[-1, -1, -1, -1],
        with_snippets=["run twice a  day", "the first of May", "Timetables are online"],
        without_snippets=["Subscribe to our", "Menu"],
    )


def test_snippets_are_matched_in_whitespace_normalised_kept_text() -> None:
    scores = snippet_scores([snippet_page()], [mask(0, 1, 1, 1)])
    # with: two found across the line break (tp), one missing (fn); without: one found (fp), one missing (tn)
    assert (scores.precision, scores.recall, scores.support) == (2 / 3, 2 / 3, 5)


def test_document_figures_reports_the_scores_each_corpus_supports() -> None:
    assert set(document_figures([page()], [mask(0, 0, 1, 1, 0)])) == {
        "body_precision", "body_recall", "body_f1", "body_support",
        "line_precision", "line_recall", "line_f1", "line_support", "line_f1_macro",
        "kept_title", "kept_title_support", "headline_pages_kept", "headline_pages_kept_support",
    }  # fmt: skip
    assert set(document_figures([snippet_page()], [mask(0, 1, 1, 1)])) == {
        "snippet_precision", "snippet_recall", "snippet_f1", "snippet_support",
    }  # fmt: skip


def test_f1_positives_count_what_each_f1_scores() -> None:
    assert f1_positives([page()]) == {"line_f1": 2}  # the title is content but not scored
    assert f1_positives([page(), snippet_page()]) == {"line_f1": 2, "snippet_f1": len(snippet_page().with_snippets)}
    assert f1_positives([]) == {}


def test_a_mask_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(ValueError, match="one boolean per line"):
        document_figures([page()], [mask(1, 1)])
    with pytest.raises(ValueError, match="one mask per document"):
        document_figures([page(), page()], [mask(1, 1, 1, 1, 1)])


def test_expected_calibration_error() -> None:
    assert expected_calibration_error([0.25, 0.25, 0.25, 0.25], [1, 0, 0, 0]) == 0.0
    # bin [0.9, 1.0] holds 0.9 and 1.0 (mean 0.95) with labels 1, 0 (mean 0.5)
    assert expected_calibration_error([0.9, 1.0], [1, 0]) == pytest.approx(0.45)
    # two bins, each half of the lines: |0 - 0.1| and |1 - 0.7|
    assert expected_calibration_error([0.1, 0.7], [0, 1], n_bins=2) == pytest.approx(0.2)


def test_brier_score() -> None:
    assert brier_score([1.0, 0.0, 0.5], [1, 0, 1]) == pytest.approx(0.25 / 3)


def test_calibration_refuses_unknown_labels() -> None:
    with pytest.raises(ValueError, match="unknown"):
        brier_score([0.5, 0.5], [1, -1])


def test_word_f1_counts_lower_cased_words_as_multisets() -> None:
    # kept: the, the, cat, sat, down (5); gold: the, cat, sat (3); shared 3
    assert word_f1("The the cat -- sat, down!", "the cat sat") == pytest.approx(2 * 0.6 * 1.0 / 1.6)
    assert word_f1("", "") == 1.0
    assert word_f1("", "something") == word_f1("something", "") == 0.0
    assert word_f1("no overlap", "at all") == 0.0


def test_word_scores_average_pages_overall_and_per_page_type() -> None:
    article = replace(page(), page_type="article")
    listing = replace(page(), page_type="listing", source="gazette/list")
    perfect, empty = mask(0, 0, 1, 1, 0), mask(0, 0, 0, 0, 0)
    scores = word_scores([article, listing, page()], [perfect, empty, perfect])
    assert scores == {"word_f1": 0.5, "word_f1_article": 1.0, "word_f1_listing": 0.0}
    assert word_scores([page()], [perfect]) == {}  # no page type: not a WCXB page
    with_headline = mask(0, 1, 1, 1, 0)  # the gold leaves the headline out; kept_title counts it
    assert word_scores([article], [with_headline]) == word_scores([article], [perfect])
    assert document_figures([article], [with_headline])["word_f1"] == 1.0
    assert {"word_f1", "word_f1_article"} <= set(document_figures([article], [perfect]))


def test_comments_kept_counts_the_thread_lines_kept() -> None:
    article = replace(page(), page_type="article",
                      lines=[*page().lines, "Ann says:", "I walked that pier every summer, and I am glad.",
                             "Reply", "Bo says:", "It was high time the council did something, frankly.", "Reply"],
                      labels=[*page().labels, 0, 0, 0, 0, 0, 0], kinds=None)
    keep = np.array([0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0], dtype=bool)
    assert document_figures([article], [keep])["comments_kept"] == 0.5
    assert document_figures([article], [keep])["comments_support"] == 2
    assert "comments_kept" not in document_figures([page()], [mask(0, 0, 1, 1, 0)])


def test_kept_kinds_count_each_kind_of_line_kept_on_article_pages() -> None:
    marked = replace(page(), page_type="article", junk_kinds=["navigation", None, None, None, "related"])
    other = replace(page(), source="gazette/other", junk_kinds=["navigation", None, None, None, "related"])
    scores = document_figures([marked, other], [mask(1, 0, 1, 1, 0), mask(0, 1, 1, 1, 1)])
    # realpages pages say no page type: articles too
    assert (scores["kept_navigation"], scores["kept_related"], scores["kept_title"]) == (0.5, 0.5, 0.5)
    assert [scores[f"kept_{kind}_support"] for kind in ("navigation", "related", "title")] == [2, 2, 2]
    assert (scores["headline_pages_kept"], scores["headline_pages_kept_support"]) == (0.5, 2)
    twice = replace(marked, kinds=["title", "title", "body", "body", "junk"])  # the <title> line and the heading
    assert document_figures([twice], [mask(0, 1, 1, 1, 0)])["headline_pages_kept"] == 1.0
    listing = replace(marked, page_type="listing")  # on a listing, the listed headlines are content
    assert not any(key.startswith("kept_") for key in document_figures([listing], [mask(1, 1, 1, 1, 1)]))
    assert "kept_comments" not in scores  # no page has a comments line
