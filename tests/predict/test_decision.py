"""Which lines a page keeps: the threshold, lowered only on a page the model is unsure of, and one copy of a repeated block."""
from __future__ import annotations

import numpy as np
import pytest

from predict.decision import (LOWEST_CUT, best_expected_f1, later_copies, page_headline, page_threshold,
                              ranked_headlines)
from predict.features.title_candidates import CANDIDATE_COLUMNS

LISTING = ["Walnut desk, oak legs", "Reading lamp in brass", "Garden bench for two", "Copper kettle, 2 litres"]
"""A page of short items, none of which the model is sure of."""


def test_best_expected_f1_of_known_pages() -> None:
    ones = np.ones(2)
    assert best_expected_f1(ones, np.array([1.0, 0.0])) == pytest.approx(1.0)
    # keep one: 2·0.5 / (1 + 1) = 0.5; keep both: 2·1 / (2 + 1) = 2/3
    assert best_expected_f1(ones, np.array([0.5, 0.5])) == pytest.approx(2 / 3)
    assert best_expected_f1(np.zeros(0), np.zeros(0)) == 1.0


def test_best_expected_f1_weighs_lines_by_length() -> None:
    scores = np.array([0.9, 0.3])
    # the unsure line is long: keeping only the sure one expects 2·0.9 / (1 + 0.9 + 30·0.3)
    assert best_expected_f1(np.array([1.0, 30.0]), scores) == pytest.approx(2 * 9.9 / (31 + 9.9))


def test_a_page_the_model_is_sure_of_is_cut_at_the_threshold() -> None:
    scores = np.array([0.02, 0.97, 0.95, 0.4, 0.05])
    lines = ["Menu", "The ferry sails at noon.", "Tickets are sold at the pier.", "Trending now", "Share"]
    assert page_threshold(lines, scores, 0.5, 0.6) == 0.5


def test_an_unsure_page_is_cut_lower_and_keeps_what_it_expects_is_content() -> None:
    scores = np.full(4, 0.4)
    cut = page_threshold(LISTING, scores, 0.5, 0.6)
    assert cut == pytest.approx(best_expected_f1(np.array([float(len(line)) for line in LISTING]), scores) / 2)
    assert LOWEST_CUT <= cut < 0.4
    assert page_threshold(LISTING, scores, 0.5, None) == 0.5  # the rule off: the threshold


def test_a_page_of_nothing_but_junk_is_not_kept_whole() -> None:
    scores = np.full(4, 0.05)
    assert page_threshold(LISTING, scores, 0.5, 0.6) == LOWEST_CUT
    assert not (scores >= page_threshold(LISTING, scores, 0.5, 0.6)).any()


def test_one_long_line_the_model_likes_does_not_make_an_unsure_page_look_sure() -> None:
    """Issue 29: a dropdown flattened into one line, scored 0.7, outweighed the page's items and raised its cut
    back to the threshold over all of them. It weighs as 1.5 times the page's second-longest line, and the cut
    stays under the items' scores."""
    dropdown = "Choose your country " + " ".join(f"Landmark{k}" for k in range(300))
    lines = [LISTING[0], dropdown, *LISTING[1:], *LISTING]
    scores = np.array([0.3, 0.7, *[0.3] * 7])
    cut = page_threshold(lines, scores, 0.5, 0.6)
    assert cut < 0.3  # the items are kept
    weights = np.array([float(len(line)) for line in lines])
    weights[1] = 1.5 * sorted(weights)[-2]
    assert cut == pytest.approx(best_expected_f1(weights, scores) / 2)


def test_the_rule_only_ever_lowers_the_threshold() -> None:
    scores = np.full(4, 0.4)
    assert page_threshold(LISTING, scores, 0.15, 0.6) == 0.15
    assert page_threshold([], np.zeros(0), 0.5, 0.6) == 0.5


STORY = ["The ferry to Larchfield sails at noon on weekdays.", "Tickets are sold at the pier from nine.",
         "Bicycles travel free in the summer months."]


def copies(lines: list[str], keep: list[bool] | None = None) -> list[int]:
    mask = np.ones(len(lines), dtype=bool) if keep is None else np.array(keep)
    return np.flatnonzero(later_copies(lines, mask)).tolist()


def test_a_second_copy_of_a_kept_block_is_dropped() -> None:
    lines = ["Menu", *STORY, "Republish this story", *STORY, "Share"]
    assert copies(lines) == [5, 6, 7]


def test_copies_are_found_across_blank_lines_and_surrounding_spaces() -> None:
    lines = [*STORY, "", "Print this page", "", "  The ferry to Larchfield sails at noon on weekdays.\t", "",
             STORY[1], STORY[2]]
    assert copies(lines) == [5, 6, 7, 8, 9]  # the copies and the blank lines beside them
    assert copies([*lines, "", " "]) == [5, 6, 7, 8, 9, 10, 11]


def test_a_line_repeated_on_its_own_is_kept_each_time() -> None:
    note = "Run the same command on every platform."
    lines = ["On Linux:", "make install", note, "On Windows:", "nmake install", note, "Summary", "Attribute Type Default"]
    assert copies(lines + lines[-1:]) == []


def test_short_lines_and_runs_of_one_line_are_kept() -> None:
    assert copies(["Read more", "Top stories", "Read more", "Top stories"]) == []  # under three words
    assert copies(["Walk on the left.", "Walk on the left.", "Walk on the left."]) == []  # copies that touch


def test_only_copies_of_kept_lines_are_dropped() -> None:
    lines = [*STORY, "Republish", *STORY]
    assert copies(lines, [False, False, False, False, True, True, True]) == []  # the first copy was dropped
    # copies of kept lines in a repeated block, whatever the model made of the line between them
    assert copies(lines, [True, True, True, False, True, False, True]) == [4, 6]


HEADLINE_PAGE = [
    "Home | Town | Harbour | Weather",
    "Larchfield harbour wall reopens after winter storm repairs",
    "By a staff reporter",
    "The harbour wall at Larchfield reopened on Monday after repairs to the damage done by the winter storm.",
    "Engineers replaced forty metres of stonework and raised the wall by half a metre along the harbour front.",
    "Trending: Mayor opens new cycle lane beside the ring road",
]


def test_a_dropped_headline_whose_words_come_back_in_the_article_is_found() -> None:
    keep = np.array([0, 0, 0, 1, 1, 0], dtype=bool)
    assert page_headline(HEADLINE_PAGE, keep) == 1  # not the menu, the byline or the trending line below


def test_no_headline_is_added_where_the_model_kept_one_or_none_fits() -> None:
    assert page_headline(HEADLINE_PAGE, np.array([0, 1, 0, 1, 1, 0], dtype=bool)) is None  # kept already
    unrelated = [HEADLINE_PAGE[0], "Mayor opens new cycle lane beside the ring road", *HEADLINE_PAGE[3:]]
    assert page_headline(unrelated, np.array([0, 0, 1, 1, 0], dtype=bool)) is None  # its words are not the article's
    assert page_headline(HEADLINE_PAGE, np.zeros(6, dtype=bool)) is None  # no kept paragraph: no article to head


def test_only_the_first_line_echoes_so_a_menu_entry_repeated_near_the_article_is_not_the_headline() -> None:
    """A menu entry at the top ("Harbour Storm Repairs News") comes back in the menu's second copy just above
    the article and shares as many of its long words as the headline does. The page's first line, its title,
    echoes the headline; the menu entry's own first copy does not count as an echo."""
    headline = "Larchfield's old sea wall is open again"
    page = [f"{headline} | Larchfield Gazette", "Harbour Storm Repairs News", "Sport",
            headline, "By a staff reporter", "Harbour Storm Repairs News", *HEADLINE_PAGE[3:5]]
    keep = np.array([0, 0, 0, 0, 0, 0, 1, 1], dtype=bool)
    assert page_headline(page, keep) == 3


class EchoRanker:
    """A stand-in for a fitted ranker: a candidate's probability is how much of it the page's first line echoes."""

    def __init__(self) -> None:
        self.calls = 0

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        self.calls += 1
        echo = X[:, CANDIDATE_COLUMNS.index("echo")]
        return np.column_stack([1 - echo, echo])


def test_the_rankers_best_candidate_of_each_page_is_its_headline_in_one_call() -> None:
    """The echoed line is taken over a byline nearer the article; where the first line echoes nothing the best
    candidate falls under HEADLINE_PROBABILITY and none is added; a page without a kept paragraph has no
    candidates; pages are ranked in one call."""
    titled = [f"{HEADLINE_PAGE[1]} | Larchfield Gazette", *HEADLINE_PAGE]
    keep = np.array([0, 0, 0, 0, 1, 1, 0], dtype=bool)
    scores = np.where(keep, 0.9, 0.2)
    untitled = ["Tides and weather", *HEADLINE_PAGE[1:]]
    ranker = EchoRanker()
    pages = [(titled, keep, scores), (untitled, keep[1:], scores[1:]), (titled, np.zeros(7, dtype=bool), scores)]
    assert ranked_headlines(pages, ranker) == [2, None, None]
    assert ranker.calls == 1
    kept_headline = keep.copy()
    kept_headline[2] = True
    assert ranked_headlines([(titled, kept_headline, scores)], ranker) == [None]  # kept already
