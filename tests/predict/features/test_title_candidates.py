"""The candidate headlines of a page and their columns: what the ranker reads to find the headline."""
from __future__ import annotations

import numpy as np

from predict.features.title_candidates import (CANDIDATE_COLUMNS, LINES_ABOVE, LINES_BELOW, MAIN_GAP, first_paragraph,
                                               main_paragraph, title_candidates)

PAGE = [
    "Larchfield harbour wall reopens after storm repairs | Larchfield Gazette",
    "Home",
    "Larchfield harbour wall reopens after storm repairs",
    "By a staff reporter",
    "The harbour wall at Larchfield reopened on Monday after repairs to the damage done by the winter storm.",
    "Engineers replaced forty metres of stonework and raised the wall by half a metre along the harbour front.",
    "Trending: Mayor opens new cycle lane beside the ring road",
]
KEEP = np.array([0, 0, 0, 0, 1, 1, 0], dtype=bool)
SCORES = np.array([0.1, 0.05, 0.3, 0.2, 0.9, 0.9, 0.2])


def column(columns: np.ndarray, name: str) -> np.ndarray:
    return columns[:, CANDIDATE_COLUMNS.index(name)]


def test_headline_shaped_lines_around_the_first_paragraph_are_the_candidates() -> None:
    (rows,), columns = title_candidates([(PAGE, KEEP, SCORES)])
    # the one-word menu entry and the first paragraph are no candidates; the title above, the byline, and below
    # it the short second paragraph and the trending line are
    assert sorted(rows.tolist()) == [0, 2, 3, 5, 6]
    assert columns.shape == (5, len(CANDIDATE_COLUMNS))


def test_columns_say_which_candidate_the_title_echoes_and_the_article_repeats() -> None:
    (rows,), columns = title_candidates([(PAGE, KEEP, SCORES)])
    at = {row: i for i, row in enumerate(rows.tolist())}
    assert column(columns, "echo")[at[2]] == 1.0 and column(columns, "echoed")[at[2]] == 1.0
    assert column(columns, "is_top")[at[0]] == 1.0 and column(columns, "echo")[at[0]] == 0.0  # the title itself
    assert column(columns, "share")[at[2]] > column(columns, "share")[at[6]]  # the trending line is off the topic
    assert column(columns, "below")[at[6]] == 1.0 and column(columns, "below")[at[2]] == 0.0
    assert column(columns, "order")[at[3]] == 0.0 and column(columns, "order")[at[2]] == 1.0  # nearest first
    assert column(columns, "score_vs_best")[at[5]] == 0.0  # the kept paragraph scores best
    assert column(columns, "score_vs_best")[at[2]] == SCORES[2] - SCORES[5]
    assert column(columns, "separator")[at[0]] == 1.0  # "Headline | Site"


def test_a_page_without_a_kept_paragraph_has_no_candidates() -> None:
    (rows,), columns = title_candidates([(PAGE, np.zeros(len(PAGE), dtype=bool), SCORES)])
    assert len(rows) == 0 and columns.shape == (0, len(CANDIDATE_COLUMNS))
    assert first_paragraph(PAGE, np.array([0, 0, 1, 0, 0, 0, 0], dtype=bool)) is None  # a kept headline is no paragraph


def test_candidates_reach_only_so_far_above_the_article() -> None:
    menu = [f"Section number {i} of the long menu" for i in range(LINES_ABOVE + 5)]
    lines = [*menu, *PAGE[4:6]]
    keep = np.zeros(len(lines), dtype=bool)
    keep[-2:] = True
    (rows,), _ = title_candidates([(lines, keep, np.full(len(lines), 0.5))])
    above = rows[rows < len(menu)]
    assert len(above) == LINES_ABOVE and above.min() == 5


def teaser_page(gap: int) -> tuple[list[str], np.ndarray]:
    """A kept teaser paragraph of another story on top, ``gap`` menu lines, then the page's headline and its
    article of two paragraphs: the kept teaser is the first paragraph, the article the main run."""
    teaser = "Police say two people are in custody after the death of a student athlete at the weekend."
    menu = [f"Section number {i} of the long menu" for i in range(gap)]
    lines = [teaser, *menu, *PAGE[2:6]]
    keep = np.zeros(len(lines), dtype=bool)
    keep[[0, len(lines) - 2, len(lines) - 1]] = True
    return lines, keep


def test_the_headline_over_the_main_run_is_a_candidate_when_a_teaser_is_kept_above_it() -> None:
    lines, keep = teaser_page(LINES_BELOW + 5)
    article = len(lines) - 2
    nonblank = list(range(len(lines)))
    assert first_paragraph(lines, keep) == 0
    assert main_paragraph(lines, np.flatnonzero(keep).tolist(), {row: row for row in nonblank}) == article
    (rows,), columns = title_candidates([(lines, keep, np.where(keep, 0.9, 0.2))])
    headline = article - 2
    assert headline in rows.tolist()  # beyond the LINES_BELOW under the teaser, reached from the article
    assert column(columns, "distance")[rows.tolist().index(headline)] == -np.log1p(headline)  # measured from the teaser


def test_kept_lines_close_together_are_one_run() -> None:
    lines, keep = teaser_page(MAIN_GAP - 3)  # headline and byline between: one run, which starts at the teaser
    nonblank = list(range(len(lines)))
    assert main_paragraph(lines, np.flatnonzero(keep).tolist(), {row: row for row in nonblank}) == 0


def test_pages_ranked_together_get_the_columns_each_gets_alone() -> None:
    other = ["Weather and tides", "Second ferry will join the island winter timetable", *PAGE[4:]]
    other_keep = np.array([0, 0, 1, 1, 0], dtype=bool)
    other_scores = np.array([0.1, 0.4, 0.8, 0.7, 0.3])
    pages = [(PAGE, KEEP, SCORES), (PAGE, np.zeros(len(PAGE), dtype=bool), SCORES), (other, other_keep, other_scores)]
    rows, columns = title_candidates(pages)
    alone = [title_candidates([page]) for page in pages]
    assert [r.tolist() for r in rows] == [r.tolist() for (r,), _ in alone]
    np.testing.assert_array_equal(columns, np.concatenate([c for _, c in alone]))
