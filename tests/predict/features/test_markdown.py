"""Markdown links and images become features of a line; the line itself, its words and its output stay as they came."""
from __future__ import annotations

import numpy as np

from predict.features.markdown import MARKS, MarkdownMarks, markdown_marks
from predict.features.table import make_table
from predict.pipeline import build_pipeline

# The imaginary Harbour Gazette, as a markdown converter renders it.
MARKDOWN = [
    "[![Harbour Gazette](https://harbour.example/logo_(small).png)](https://harbour.example/)",
    "* [Ferries](/ferries/)",
    "  + [Timetables](/ferries/timetables/ \"Summer timetables\")",
    "## The night ferry returns",
    "The **night ferry** to the islands sails again from Monday, the harbour board said.",
    "Read [the timetable](https://harbour.example/t) or [the fares](/fares).",
    "![The ferry at dusk](ferry.jpg)",
]


def test_marks_say_how_much_of_a_line_is_links_and_whether_it_shows_an_image() -> None:
    marks = markdown_marks(MARKDOWN)
    column = {name: marks[:, k].tolist() for k, name in enumerate(MARKS)}
    assert column["links"] == [0, 1, 1, 0, 0, 2, 0]
    assert column["image"] == [1, 0, 0, 0, 0, 0, 1]
    share = column["link_share"]
    assert share[1] == len("Ferries") / len("* Ferries")  # a reader sees the bullet and the link text, not the target
    assert share[5] == len("the timetablethe fares") / len("Read the timetable or the fares.")
    assert share[3] == share[4] == share[6] == 0.0


def test_lines_without_links_have_no_marks() -> None:
    plain = ["Ferries | Timetables | Fares", "The night ferry sails again (from Monday).", "[citation needed]", "",
             "a line\nwith a break of its own"]
    assert not markdown_marks(plain).any()
    assert markdown_marks([]).shape == (0, len(MARKS))


def test_the_transformer_adds_the_share_of_the_pages_lines_with_links() -> None:
    """A line without links means one thing on a markdown page full of them, nothing on a page without any."""
    table = make_table([MARKDOWN, ["Plain words.", "More plain words."]])
    features = MarkdownMarks().fit(table).transform(table)
    np.testing.assert_array_equal(features[:, :3], markdown_marks(MARKDOWN + ["Plain words.", "More plain words."]))
    np.testing.assert_array_equal(features[:, 3], [3 / 7] * 7 + [0.0, 0.0])
    assert list(MarkdownMarks().get_feature_names_out()) == [f"markdown_{name}" for name in (*MARKS, "page_links")]


def test_only_a_markdown_model_reads_the_marks() -> None:
    """Models before 0.13.0 have no marks and must score as they did."""
    def marks_in(model) -> bool:
        return any(isinstance(value, MarkdownMarks) for value in model.get_params().values())

    assert marks_in(build_pipeline(markdown=True)) and not marks_in(build_pipeline())
