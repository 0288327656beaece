"""The .labels format: what predict writes, train reads back unchanged."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from predict.labels import format_labels, parse_labels

TRICKY = [
    "",
    "+ looks like a kept line",
    "- looks like a dropped line",
    "# looks like a header",
    "#domain: looks like a header too",
    "?",
    "   indented, with trailing spaces   ",
    "\ttab first",
    "+0.5 looks like a score",
    "Ferry crossings to be cut by a third \u2028 with a line separator inside",
]


def test_tricky_lines_round_trip_exactly():
    labels = [1, 0, -1, 1, 0, 1, 0, 1, -1, 1]
    meta = {"domain": "harbourgazette.example", "url": "https://harbourgazette.example/a?b=1"}
    text = format_labels(TRICKY, labels, meta=meta)
    assert parse_labels(text) == (TRICKY, labels, meta)


@given(
    st.lists(
        st.tuples(st.text(alphabet=st.characters(blacklist_characters="\n\r")), st.sampled_from([1, 0, -1])),
        max_size=20,
    )
)
def test_any_lines_round_trip(rows):
    lines = [line for line, _ in rows]
    labels = [label for _, label in rows]
    assert parse_labels(format_labels(lines, labels))[:2] == (lines, labels)


def test_writes_markers_a_person_can_read():
    text = format_labels(["WORLD", "The board voted on Monday.", ""], [0, 1, 1], meta={"domain": "a.example"})
    assert text == "# domain: a.example\n- WORLD\n+ The board voted on Monday.\n+\n"


def test_model_mask_and_scores_are_written_and_scores_ignored_on_reading():
    mask = np.array([True, False])
    text = format_labels(["Kept sentence.", "Trending"], mask, scores=np.array([0.9731, 0.02]))
    assert text == "+0.973 Kept sentence.\n-0.020 Trending\n"
    assert parse_labels(text) == (["Kept sentence.", "Trending"], [1, 0], {})


def test_hand_edits_are_tolerated():
    text = (
        "# domain: a.example\r\n"
        "# A note for the next reviewer\n"
        "\n"
        "+ First line.\r\n"
        "-\n"  # an empty line whose trailing space an editor stripped
        "  \n"
        "# tail starts here\n"
        "- Trending\n"
    )
    assert parse_labels(text) == (["First line.", "", "Trending"], [1, 0, 0], {"domain": "a.example"})


@pytest.mark.parametrize(
    "row",
    ["no marker at all", "+no space after marker", "* star is not a marker", " + indented marker", "+0.5x oops"],
)
def test_parse_error_names_file_and_line(row):
    with pytest.raises(ValueError, match=r"ferry\.labels:3: expected"):
        parse_labels(f"# domain: a.example\n+ fine\n{row}\n", source="ferry.labels")


def test_header_given_twice_is_an_error():
    with pytest.raises(ValueError, match=r"x\.labels:2: header 'domain' given twice"):
        parse_labels("# domain: a.example\n# domain: b.example\n", source="x.labels")


@pytest.mark.parametrize(
    "lines, keep, kwargs, message",
    [
        (["a\nb"], [1], {}, "line break"),
        (["a"], [2], {}, "not one of 1, 0, -1"),
        (["a", "b"], [1], {}, "as many keep flags"),
        (["a"], [1], {"scores": [1.5]}, "not a probability"),
        (["a"], [1], {"meta": {"domain": " padded"}}, "cannot be written"),
        (["a"], [1], {"meta": {"two words": "x"}}, "cannot be written"),
    ],
)
def test_format_refuses_what_would_not_read_back(lines, keep, kwargs, message):
    with pytest.raises(ValueError, match=message):
        format_labels(lines, keep, **kwargs)
