"""Reading hard-wrapped text: a paragraph broken at a fixed width is scored as one text, lists and menus are not."""
from __future__ import annotations

import textwrap

import numpy as np

from predict.reading import LONGEST_TEXT, read_lines, text_lines, wrap_width

MENU = ["Home", "News", "Sport", "Weather", "Sign in"]
FOOTER = ["Contact us", "Privacy policy", "Terms of use"]


def six(paragraphs: list[str]) -> list[str]:
    """Six paragraphs: at 100 columns still more than the five full lines a width is recognised by."""
    return paragraphs + [paragraph.replace("the ", "the island's ") for paragraph in paragraphs]


def wrapped_page(paragraphs: list[str], width: int, blank_lines: bool = True) -> list[str]:
    """A menu, the paragraphs wrapped at ``width`` columns, a footer."""
    lines = list(MENU)
    for paragraph in paragraphs:
        lines += textwrap.wrap(paragraph, width)
        if blank_lines:
            lines.append("")
    return lines + FOOTER


def test_paragraphs_wrapped_at_any_usual_width_are_read_whole(paragraphs) -> None:
    for width in (60, 72, 78, 80, 100):
        for blank_lines in (True, False):
            reading = read_lines(wrapped_page(six(paragraphs), width, blank_lines))
            assert reading.texts == MENU + six(paragraphs) + FOOTER, (width, blank_lines)
            assert reading.width is not None and width - 12 <= reading.width <= width


def test_every_line_points_at_its_text_and_blank_lines_at_none(paragraphs) -> None:
    lines = wrapped_page(six(paragraphs), 72)
    reading = read_lines(lines)
    assert len(reading.unit) == len(lines)
    for line, unit in zip(lines, reading.unit):
        if line:
            assert line in reading.texts[unit]
        else:
            assert unit == -1


def test_text_in_one_block_per_line_is_read_as_it_is(paragraphs) -> None:
    lines = MENU + six(paragraphs) + FOOTER
    reading = read_lines(lines)
    assert reading.texts == lines and reading.width is None
    assert reading.unit.tolist() == list(range(len(lines)))


def test_a_list_of_items_of_equal_length_is_not_joined() -> None:
    items = [f"Oak writing desk number {i:02d} with two drawers and brass handles" for i in range(20)]
    assert read_lines(items).texts == items
    bullets = [f"* {item}" for item in items]
    assert read_lines(bullets).texts == bullets


def test_list_items_and_headings_start_a_new_text_inside_wrapped_text(paragraphs) -> None:
    first, second, third = paragraphs
    lines = textwrap.wrap(first, 72) + ["* first point of the agenda"] + textwrap.wrap(second, 72) \
        + ["## The fares"] + textwrap.wrap(third, 72)
    assert read_lines(lines).texts == [first, "* first point of the agenda", second, "## The fares", third]


def test_lines_are_not_joined_with_unwrap_off(paragraphs) -> None:
    lines = wrapped_page(six(paragraphs), 72)
    reading = read_lines(lines, unwrap=False)
    assert reading.texts == [line for line in lines if line]
    assert reading.width is None


def test_a_word_broken_at_its_hyphen_is_joined_without_a_space(paragraphs) -> None:
    broken = ["Passengers asked the board to print its new timetable before the ferry-",
              "company's meeting in the spring, so that they could plan their trips."]
    lines = textwrap.wrap(paragraphs[1], 78) + broken + textwrap.wrap(paragraphs[2], 78)
    assert "before the ferry-company's meeting in the spring" in read_lines(lines).texts[1]


def test_quoted_paragraphs_lose_only_the_continuations_quote_marks(paragraphs) -> None:
    quoted = ["> " + line for paragraph in paragraphs for line in textwrap.wrap(paragraph, 70)]
    assert read_lines(quoted).texts == ["> " + paragraph for paragraph in paragraphs]


def test_a_joined_text_stops_growing_at_the_longest_text() -> None:
    sentence = "the quay was quiet and the gulls sat on the bollards waiting for the boats to come in "
    lines = textwrap.wrap(sentence * (2 * LONGEST_TEXT // len(sentence)), 72)
    texts = read_lines(lines).texts
    assert len(texts) >= 2 and max(map(len, texts)) <= LONGEST_TEXT


def test_blank_lines_take_the_lower_score_of_their_neighbours() -> None:
    lines = ["Menu", "", "A sentence of the article.", "", "Another sentence of it.", "", ""]
    reading = read_lines(lines)
    scores = reading.line_scores(np.array([0.1, 0.9, 0.8]))
    assert scores.tolist() == [0.1, 0.1, 0.9, 0.8, 0.8, 0.0, 0.0]


def test_a_page_of_blank_lines_reads_as_no_text() -> None:
    reading = read_lines(["", "  ", "\t"])
    assert reading.texts == []
    assert reading.line_scores(np.zeros(0)).tolist() == [0.0, 0.0, 0.0]


def test_wrap_width_needs_a_pile_of_lines_at_an_edge() -> None:
    assert wrap_width(np.array([70, 71, 72, 72, 71, 69, 30, 72, 12])) == 72
    assert wrap_width(np.array([70, 150, 210, 95, 72, 130, 41, 300, 64])) is None
    assert wrap_width(np.array([72, 72])) is None


def test_text_lines_are_the_lines_reading_scores() -> None:
    lines = ["Menu", "", "   ", "\t", "The ferry sails at noon.", " indented", ""]
    assert text_lines(lines).tolist() == (read_lines(lines).unit >= 0).tolist() == [
        True, False, False, False, True, True, False]
