"""Reading hard-wrapped text: a paragraph broken at a fixed width is scored as one text, lists and menus are not."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import BaseEstimator

from predict.features.table import texts_of
from predict.model import DEFAULT_MODEL, JunkFilter, load_model
from predict.reading import (
    LONGEST_TEXT,
    read_lines,
    split_lines,
    text_lines,
    wrap_width,
)

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


STORY = [
    "The ferry company will add a second boat to the winter timetable from November. Its new vessel can "
    "carry forty cars and three hundred passengers, twice as many as the old one. Harbour staff said the "
    "extra sailings would begin once the sea trials were over.",
    "Islanders have asked for an early crossing for years. Many of them work on the mainland and could not "
    "reach their jobs on time when the only boat left at eight. The council backed their request last spring "
    "and wrote to the company twice.",
    "Ticket prices will stay the same until the end of next year. The company said it would review them "
    "once it knew how many people used the new sailings. A season ticket for island residents is also "
    "being considered.",
]
"""Three paragraphs of several sentences: at 62 columns a line of the first and of the third ends with a
sentence (the next line starts a capitalised one), and the second's last line is full."""


def story_lines(blank_lines: bool, after_second: tuple[str, ...] = ()) -> list[str]:
    lines: list[str] = []
    for k, paragraph in enumerate(STORY):
        lines += textwrap.wrap(paragraph, 62) + list(after_second if k == 1 else ()) + [""] * blank_lines
    assert lines[2].endswith("as the old one.") and lines[3].startswith("Harbour staff")  # a sentence ends a line
    return lines


def test_where_blank_lines_end_paragraphs_a_line_that_ends_a_sentence_does_not() -> None:
    assert read_lines(story_lines(blank_lines=True)).texts == STORY


def test_where_no_blank_line_is_kept_a_full_line_ending_a_sentence_may_end_its_paragraph() -> None:
    """Nothing else tells the second paragraph's end from its sentences' (its last line is full)."""
    assert len(textwrap.wrap(STORY[1], 62)[-1] + " Ticket") > 62
    assert STORY[1] in read_lines(story_lines(blank_lines=False)).texts


def test_a_short_line_of_its_own_after_a_full_line_ending_a_sentence_is_not_joined() -> None:
    """'Continue reading' neither ends a sentence nor goes on: a link of its own, even with no blank line before it."""
    texts = read_lines(story_lines(blank_lines=True, after_second=("Continue reading",))).texts
    assert texts == [STORY[0], STORY[1], "Continue reading", STORY[2]]


def test_a_link_too_long_to_break_stays_in_its_paragraph(paragraphs) -> None:
    """html2text wraps with textwrap's ``break_long_words=False``: a link's long URL sits alone on a line past
    the width, and the paragraph goes on after it."""
    link = "([details](https://ferries.example/timetables/SpringWeekdayEarlySailingsAndTheLateBoat.html))"
    linked = [paragraph.replace("timetable,", f"timetable {link},") for paragraph in six(paragraphs)]
    lines = list(MENU)
    for paragraph in linked:
        lines += [*textwrap.wrap(paragraph, 78, break_long_words=False), ""]
    assert sum(len(line) > 78 for line in lines) == 2
    assert read_lines(lines + FOOTER).texts == MENU + linked + FOOTER


def test_a_few_lines_past_the_edge_do_not_move_the_width() -> None:
    """One lynx dump's lines: paragraphs (indented by three spaces) wrapped at 74, and a heading at 76."""
    lynx = np.array([74] * 4 + [73] * 9 + [72] * 6 + [71] * 18 + [70] * 5 + [69] * 4 + [68] * 3 + [67] * 3
                    + [65] * 6 + [76])
    assert wrap_width(lynx) == 74


PAGES = Path(__file__).parent / "wrapped"
"""News pages written for these tests (a menu, headings, paragraphs of five to ten sentences, links to long
URLs), with the dumps that html2text 2025.4.15 (78 columns), lynx 2.9 and w3m 0.5.3 (``-dump``, 80 columns)
wrote of them."""
PAGE_NAMES = sorted(path.stem for path in PAGES.glob("*.html"))
RENDERINGS = ("html2text", "lynx", "w3m")
LINK_MARKS = re.compile(r"\]\([^)]*\)|\[\d+\]|\[")
"""What the dumps add to a paragraph's words: markdown's link brackets and targets, lynx's link numbers."""


class _Paragraphs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._parts: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "p":
            self._parts = []

    def handle_data(self, data: str) -> None:
        if self._parts is not None:
            self._parts.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self._parts is not None:
            self.texts.append("".join(self._parts))
            self._parts = None


def _letters(text: str) -> str:
    """``text`` without link marks or spaces: the same however a dump broke its lines (html2text breaks
    a URL after its hyphens)."""
    return "".join(LINK_MARKS.sub("", text).split())


def paragraph_lines(page: str, lines: list[str]) -> list[list[int]]:
    """For each ``<p>`` of the page, the run of non-blank ``lines`` of its dump that holds it and nothing else."""
    parser = _Paragraphs()
    parser.feed((PAGES / f"{page}.html").read_text(encoding="utf-8"))
    runs, run = [], []
    for i, line in enumerate([*lines, ""]):
        if line.strip():
            run.append(i)
        elif run:
            runs.append(run)
            run = []
    by_text = {_letters(" ".join(lines[i] for i in run)): run for run in runs}
    return [by_text[_letters(paragraph)] for paragraph in parser.texts]


def dump(page: str, rendering: str) -> list[str]:
    return (PAGES / f"{page}.{rendering}.txt").read_text(encoding="utf-8").splitlines()


def assert_each_paragraph_read_whole(page: str, lines: list[str]) -> None:
    reading = read_lines(lines)
    for run in paragraph_lines(page, lines):
        units = sorted(set(reading.unit[run].tolist()))
        assert len(units) == 1, [reading.texts[unit][:60] for unit in units]  # where the paragraph was cut
        assert np.count_nonzero(reading.unit == units[0]) == len(run)  # nothing else joined to it


@pytest.mark.parametrize("rendering", RENDERINGS)
@pytest.mark.parametrize("page", PAGE_NAMES)
def test_each_paragraph_of_a_dump_is_read_as_one_text(page: str, rendering: str) -> None:
    assert_each_paragraph_read_whole(page, dump(page, rendering))


def render(page: str, rendering: str) -> list[str]:
    """The page as the installed tool dumps it now; the test skips when the tool is not installed."""
    path = PAGES / f"{page}.html"
    if rendering == "html2text":
        html2text = pytest.importorskip("html2text")
        return html2text.html2text(path.read_text(encoding="utf-8")).splitlines()
    if shutil.which(rendering) is None:
        pytest.skip(f"{rendering} is not installed (apt-get install {rendering})")
    command = ["lynx", "-dump", "-width=80"] if rendering == "lynx" else ["w3m", "-dump", "-cols", "80"]
    done = subprocess.run([*command, str(path)], capture_output=True, check=True, timeout=60)
    return done.stdout.decode("utf-8", "replace").splitlines()


@pytest.mark.parametrize("rendering", RENDERINGS)
@pytest.mark.parametrize("page", PAGE_NAMES)
def test_each_paragraph_of_a_page_dumped_now_is_read_as_one_text(page: str, rendering: str) -> None:
    assert_each_paragraph_read_whole(page, render(page, rendering))


class EndsASentence(BaseEstimator):
    """A stand-in model: a text is content exactly when it ends a sentence (a cut paragraph's pieces may not)."""

    def predict_proba(self, X) -> np.ndarray:
        p = np.array([0.9 if text.rstrip().endswith((".", "!", "?")) else 0.2 for text in texts_of(X)])
        return np.column_stack([1 - p, p])


def assert_kept_or_dropped_whole(model: JunkFilter, page: str, rendering: str) -> None:
    """The README's promise: each line of a wrapped paragraph is kept or dropped with the others."""
    lines = dump(page, rendering)
    keep = model.keep(lines)
    for run in paragraph_lines(page, lines):
        assert len(set(keep[run].tolist())) == 1, [(bool(keep[i]), lines[i]) for i in run]


@pytest.mark.parametrize("rendering", RENDERINGS)
@pytest.mark.parametrize("page", PAGE_NAMES)
def test_every_line_of_a_wrapped_paragraph_is_kept_or_dropped_alike(page: str, rendering: str) -> None:
    assert_kept_or_dropped_whole(JunkFilter(EndsASentence()), page, rendering)


@pytest.mark.skipif(not DEFAULT_MODEL.exists(), reason="needs the packaged model models/junkfilter.joblib")
@pytest.mark.parametrize("rendering", RENDERINGS)
@pytest.mark.parametrize("page", PAGE_NAMES)
def test_the_packaged_model_keeps_or_drops_every_line_of_a_paragraph_alike(page: str, rendering: str) -> None:
    """A user's lynx dump lost a line at 0.498 from the middle of a paragraph kept around it."""
    assert_kept_or_dropped_whole(load_model(DEFAULT_MODEL), page, rendering)


def test_the_lines_with_text_leave_out_blank_lines_and_a_metadata_block() -> None:
    """What training and --uncertain take for lines: never a blank line, never front matter (it is not scored)."""
    lines = ["---", "title: Allotment waiting list", "---", "", "The allotment waiting list has shrunk to forty names.", " "]
    assert text_lines(lines).tolist() == [False, False, False, False, True, False]


def test_a_text_is_split_at_cr_and_lf_only() -> None:
    text = "a\u2028b\x0cc\x1c\x1d\x1e\x85\vd\r\ne\rf\n\ng\n"
    assert split_lines(text) == ["a\u2028b\x0cc\x1c\x1d\x1e\x85\vd", "e", "f", "", "g"]
    assert split_lines("") == [] and split_lines("\n") == [""] and split_lines("a") == ["a"]


def test_every_path_keeps_the_same_lines_of_a_text_with_unusual_breaks(run, model_path, page) -> None:
    """The command line (text and JSON Lines input), the Python API and records split a text alike: U+2028 and
    a form feed stay inside their line, CRLF ends one."""
    from predict.corpus.records import RecordSettings, clean_texts

    junk, content = [line for line in page.lines if line not in page.content], page.content
    lines = [junk[0], content[0] + "\u2028" + content[1], *content[2:], junk[1] + "\x0c" + junk[2], junk[3]]
    text = "\r\n".join(lines) + "\r\n"
    assert split_lines(text) == lines
    model = load_model(model_path)
    by_api = split_lines(model.filter_text(text))
    assert by_api == [line for line, kept in zip(lines, model.keep(lines)) if kept]
    assert lines[1] in by_api and lines[-2] not in by_api  # kept and dropped whole
    listed = [json.loads(row) for row in run("--format", "jsonl", "-", stdin=text.encode("utf-8")).out.split("\n")[:-1]]
    assert [row["text"] for row in listed] == lines
    assert split_lines(run("-", stdin=text.encode("utf-8")).out) == by_api
    record = json.dumps({"text": text}) + "\n"
    assert split_lines(json.loads(run("-i", "jsonl", "-", stdin=record.encode("utf-8")).out)["text"]) == by_api
    [cleaned] = clean_texts(model, [text], RecordSettings())
    assert split_lines(cleaned.text) == by_api
    assert len(by_api) + len(cleaned.removed) == len(lines)

