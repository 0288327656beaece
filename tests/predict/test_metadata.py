"""A converter's metadata block at the top of a page (every line here written for these tests)."""
from __future__ import annotations

import pytest

from predict.metadata import metadata_lines

ARTICLE = [
    "# Night ferry timetable changes in spring",
    "",
    "The night ferry to the islands will leave half an hour later from the first of April, the operator said.",
    "Commuters had asked for a later crossing so that they could finish their shifts in town.",
]
YAML = [
    "---",
    'title: "Night ferry timetable changes in spring"',
    "canonical: https://news.example/ferry/night-timetable",
    "meta-description: The night ferry will leave half an hour later from April, the operator said.",
    "meta-og:title: Night ferry timetable changes",
    "tags:",
    "  - ferry",
    "  - islands",
    "summary: >",
    "  A later crossing for commuters.",
    "---",
]
TOML = ["+++", 'title = "Night ferry timetable"', "date = 2026-03-01", "[params]", 'author = "Desk"', "+++"]
READER = [
    "Title: Night ferry timetable changes in spring",
    "",
    "URL Source: https://news.example/ferry/night-timetable",
    "",
    "Published Time: 2026-03-01T08:00:00Z",
    "",
    "Markdown Content:",
]


@pytest.mark.parametrize("block", [YAML, TOML, READER], ids=["yaml", "toml", "reader"])
def test_a_metadata_block_at_the_top_is_marked_and_nothing_else(block: list[str]) -> None:
    lines = ["", *block, "", *ARTICLE]
    assert metadata_lines(lines).tolist() == [False, *[True] * len(block), False, *[False] * len(ARTICLE)]


@pytest.mark.parametrize("lines", [
    ARTICLE,
    [],
    ["", "  "],
    ["---", *ARTICLE, "---"],  # a rule around prose: the page's own text
    ["---", "title: Night ferry", "canonical: https://news.example/ferry"],  # never closed
    ["---", "---", *ARTICLE],  # nothing inside
    [*ARTICLE, *YAML],  # not at the top
    ["Title: Night ferry timetable changes", *ARTICLE],  # a line that looks like a header, then the article
    ["Title: Night ferry", "Markdown Content:"][::-1],  # the end before the start
], ids=["article", "empty", "blank", "rules-around-prose", "unclosed", "empty-block", "not-at-top", "title-line",
        "reversed"])
def test_what_only_looks_like_metadata_is_left_to_the_model(lines: list[str]) -> None:
    assert not metadata_lines(lines).any()


def test_a_block_longer_than_front_matter_is_taken_for_the_page_s_own_rules() -> None:
    lines = ["---", *[f"key{k}: value {k}" for k in range(500)], "---", *ARTICLE]
    assert not metadata_lines(lines).any()
