"""Line shape features: sentences and junk lines look different in any language."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone

from predict.features.shape import CLOCK_FEATURES, SHAPE_FEATURES, LineShape, line_shape
from predict.features.table import make_table

SENTENCE = "The harbour board agreed on Monday that the old ferry pier will be rebuilt before the summer."
HEADLINE = "Ten Celebrity Secrets You Will Never Believe..."


def shape(line: str) -> dict[str, float]:
    return dict(zip(SHAPE_FEATURES, line_shape(line)))


@pytest.mark.parametrize("line", ["", "   ", SENTENCE, HEADLINE, "市议会决定修路。", "© 2031", "•", "|||"])
def test_every_line_gets_every_feature(line: str) -> None:
    values = line_shape(line)
    assert len(values) == len(SHAPE_FEATURES)
    assert all(np.isfinite(values))


def test_sentence_and_ellipsis_headline_differ_where_junk_differs() -> None:
    sentence, headline = shape(SENTENCE), shape(HEADLINE)
    assert sentence["ends_terminal"] == 1.0 and headline["ends_terminal"] == 0.0
    assert sentence["ends_ellipsis"] == 0.0 and headline["ends_ellipsis"] == 1.0
    assert headline["titlecase_ratio"] == 1.0 and sentence["titlecase_ratio"] < 0.2
    assert sentence["log_words"] > headline["log_words"]
    assert sentence["log_chars"] > headline["log_chars"]
    assert sentence["short_word_ratio"] > headline["short_word_ratio"]


def test_unicode_ellipsis_is_not_a_terminal_full_stop() -> None:
    assert shape("Stars shine at the gala…")["ends_ellipsis"] == 1.0
    assert shape("Stars shine at the gala…")["ends_terminal"] == 0.0


def test_terminal_punctuation_inside_closing_quotes_counts() -> None:
    assert shape('"We are delighted," said the mayor, "and we will open the pier soon."')["ends_terminal"] == 1.0


@pytest.mark.parametrize("line", ["", "   \t"])
def test_empty_line_has_no_words_and_nothing_else(line: str) -> None:
    features = shape(line)
    assert features["no_words"] == 1.0
    assert all(value == 0.0 for name, value in features.items() if name != "no_words")


def test_cjk_sentence_counts_many_words_and_ends_terminal() -> None:
    features = shape("市议会星期一决定在河边修建一条新的步行道，工程将在明年春天开始。")
    assert features["log_words"] >= np.log1p(25)
    assert features["ends_terminal"] == 1.0
    assert features["no_words"] == 0.0


@pytest.mark.parametrize(
    ("line", "feature"),
    [
        ("LOCAL NEWS", "all_caps"),
        ("Home | News | Sport", "has_separator"),
        ("Sport » Rowing", "has_separator"),
        ("Visit www.larchfield.example for more", "has_url"),
        ("Write to desk@larchfield.example today", "has_url"),
        ("© 2031 Larchfield Gazette", "has_copyright"),
        ("Related stories:", "ends_colon"),
        ('The mayor said: "We will rebuild it."', "has_quote"),
        ("• Weather", "starts_bullet_or_digit"),
        ("5 things to do this weekend", "starts_bullet_or_digit"),
    ],
)
def test_junk_cues_are_flagged(line: str, feature: str) -> None:
    assert shape(line)[feature] == 1.0
    assert shape(SENTENCE)[feature] == 0.0


def test_several_sentences_on_one_line_are_counted() -> None:
    assert shape("The pier is closed. Boats use the north quay. It reopens in May.")["log_sentences"] > 0
    assert shape(SENTENCE)["log_sentences"] == 0.0


def test_digit_ratio_of_a_date_line() -> None:
    assert shape("12/05/2031")["digit_ratio"] == pytest.approx(8 / 10)


def test_transformer_gives_one_row_per_line_in_order() -> None:
    table = make_table([[SENTENCE, ""], [HEADLINE]])
    out = clone(LineShape()).fit(table).transform(table)
    assert out.shape == (3, len(SHAPE_FEATURES))
    np.testing.assert_array_equal(out[2], line_shape(HEADLINE))
    assert list(LineShape().get_feature_names_out()) == list(SHAPE_FEATURES)


def test_transformer_on_an_empty_table() -> None:
    assert LineShape().fit_transform(make_table([])).shape == (0, len(SHAPE_FEATURES))


@pytest.mark.parametrize("line", ['<img src="https://pix.example/t.gif" width="1" height="1">',
                                  '<div class="promo"><p>Subscribe to the Larchfield Gazette</p></div>'])
def test_leaked_html_markup_is_flagged(line: str) -> None:
    assert shape(line)["has_markup"] == 1.0


@pytest.mark.parametrize("line", [SENTENCE, "The vote was 5 < 7 in the end, and a > b is no tag.",
                                  "Readers sent <3 to the harbour crew."])
def test_prose_with_angle_brackets_is_not_markup(line: str) -> None:
    assert shape(line)["has_markup"] == 0.0


@pytest.mark.parametrize("line", ["Posted by Mara Quill on March 3, 2031, 6:21 AM", "Updated 18:45",
                                  "Harbour ferry timetable changes from Monday (07:15)"])
def test_a_clock_time_is_flagged(line: str) -> None:
    assert shape(line)["has_clock_time"] == 1.0


@pytest.mark.parametrize("line", [SENTENCE, "The council voted 3:1 in favour of the walkway.",
                                  "Reference 12:345 is a shelf mark, not a time."])
def test_ratios_and_longer_numbers_are_no_clock_time(line: str) -> None:
    assert shape(line)["has_clock_time"] == 0.0


def test_without_clock_time_the_features_of_older_models() -> None:
    table = make_table([[SENTENCE, "Updated 18:45"]])
    restored = LineShape(clock_time=False).fit(table)
    older = [name for name in SHAPE_FEATURES if name not in CLOCK_FEATURES]
    assert list(restored.get_feature_names_out()) == older
    np.testing.assert_array_equal(restored.transform(table),
                                  LineShape().transform(table)[:, [SHAPE_FEATURES.index(name) for name in older]])


# --- the vectorised features equal the per-line definition ------------------------------------

def reference_line_shape(line: str) -> list[float]:
    """The per-line definition of the shape features, as written before they were vectorised."""
    import math
    import re

    from predict.features.shape import CLOCK_TIME, CLOSERS, MARKUP, TERMINAL
    from predict.features.kernels.tokens import WORD

    separators = re.compile(r"[|•·»›«‹/>]| - | – ")
    sentence_break = re.compile(r"[.!?]\s+\W*[A-ZÀ-ÞĀ-Ž]")
    url_or_mail = re.compile(r"https?://|www\.|\S+@\S+\.\w+|\.(com|org|net|de)\b", re.IGNORECASE)
    stripped = line.strip()
    tokens = WORD.findall(stripped)
    n_chars, n_words = len(stripped), len(tokens)
    if n_chars == 0:
        return [0.0] * 17 + [1.0, 0.0, 0.0, 0.0, 0.0]
    end = stripped.rstrip("".join(CLOSERS))
    alpha = [t for t in tokens if t[0].isalpha()]
    letters = sum(c.isalpha() for c in stripped)
    uppers = sum(c.isupper() for c in stripped)
    digits = sum(c.isdigit() for c in stripped)
    punct = n_chars - letters - digits - stripped.count(" ")
    first = stripped[0]
    return [
        math.log1p(n_chars), math.log1p(n_words),
        float(bool(end) and end[-1] in TERMINAL and not end.endswith(("...", "…"))),
        float(stripped.endswith(":")), float(stripped.endswith(("...", "…"))), float(first.isupper()),
        sum(t[0].isupper() for t in alpha) / len(alpha) if alpha else 0.0,
        float(letters >= 2 and uppers == letters), digits / n_chars, punct / n_chars,
        sum(len(t) <= 3 for t in tokens) / n_words if n_words else 0.0,
        math.log(sum(map(len, tokens)) / n_words) if n_words else 0.0,
        float(bool(separators.search(stripped))), math.log1p(len(sentence_break.findall(stripped))),
        stripped.count(",") / n_words if n_words else 0.0, float(bool(url_or_mail.search(stripped))),
        float("©" in stripped or "(c)" in stripped.lower()), float(n_words == 0),
        float(any(q in stripped for q in "\"“”„«»")),
        float(not first.isalpha() and (first.isdigit() or first in "•-*·►▶")),
        float(bool(MARKUP.search(stripped))), float(bool(CLOCK_TIME.search(stripped))),
    ]


TRICKY_LINES = [
    "", " ", "\t \u00a0", SENTENCE, HEADLINE, "LOCAL NEWS", "Home | News - Sport – Weather", "a-b a - b a –b",
    "Mail desk@larchfield.example or see HTTPS://larchfield.example/news", "visit Larchfield.COM today",
    "© 2031 Larchfield Gazette (C)", "“Quoted,” she said, «twice».", "• Weather", "▶ Play", "5 things",
    "The pier closed. Boats wait. × Nobody knows.", "Done! ÀLL ÄBOARD... next", "Gala…", "...", "..", ".",
    "市议会星期一决定在河边修建一条新的步行道。", "ニュース・天気", "Larchfield新闻 2031年", "x_y__z 3½ ²",
    "Line with\nan inner break", "İstanbul ǅemal ſtraße ΣΑΣ", "\ud800 lone surrogate", "😀 emoji 𝐁old",
    "ends with a quote.\"", "closing paren (see below.)", "Trailing spaces   ", "   leading spaces",
]


def test_vectorised_features_equal_the_per_line_definition_on_tricky_lines() -> None:
    table = make_table([TRICKY_LINES, [SENTENCE], []])
    expected = np.array([reference_line_shape(line) for line in TRICKY_LINES + [SENTENCE]])
    np.testing.assert_array_equal(LineShape().transform(table), expected)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(list(" .,!?…:-–|©\"«»•5Aa市・")),
                        max_size=40), max_size=12))
def test_vectorised_features_equal_the_per_line_definition_on_any_text(lines: list[str]) -> None:
    expected = np.array([reference_line_shape(line) for line in lines]).reshape(len(lines), len(SHAPE_FEATURES))
    np.testing.assert_array_equal(LineShape().transform(make_table([lines])), expected)


FRAGMENTS = ["12:30", "9:05 ", "1:234", ":45", "www.", "WwW.", ".com", ".DE", ".net ", ".orgs", "https://",
             "httpſ://", "://", "@", "x@y.de", "(c)", "(C)", "©", "<a ", "</p>", "<3", 'href="', "class='", "=\"",
             ". The", "! Ä", "?\u00a0«Z", ".\n", "...", "…", "\"", "»", ")", " - ", "市", "5", "a", " "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join), max_size=12))
def test_pre_checked_features_equal_the_definition_on_their_trigger_characters(lines: list[str]) -> None:
    """URL, markup, copyright and sentence breaks are only tried on lines a vectorised check lets through."""
    expected = np.array([reference_line_shape(line) for line in lines]).reshape(len(lines), len(SHAPE_FEATURES))
    np.testing.assert_array_equal(LineShape().transform(make_table([lines])), expected)
