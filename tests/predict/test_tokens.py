"""One definition of a word for every feature: spaced scripts by runs, CJK by character."""
from __future__ import annotations

from predict.tokens import normalise, words


def test_words_are_runs_of_word_characters_with_case_kept() -> None:
    assert words("Home | News: Ferry's new timetable, 2031!") == [
        "Home", "News", "Ferry", "s", "new", "timetable", "2031",
    ]


def test_accented_letters_stay_inside_words() -> None:
    assert words("Die Brücke über den Fluß bleibt gesperrt.") == [
        "Die", "Brücke", "über", "den", "Fluß", "bleibt", "gesperrt",
    ]


def test_each_chinese_or_japanese_character_is_a_word() -> None:
    assert words("市议会决定") == ["市", "议", "会", "决", "定"]
    assert words("図書館はあした") == ["図", "書", "館", "は", "あ", "し", "た"]


def test_mixed_scripts_split_at_the_cjk_characters() -> None:
    assert words("Larchfield新闻 2031年") == ["Larchfield", "新", "闻", "2031", "年"]


def test_normalise_ignores_case_punctuation_and_spacing() -> None:
    assert normalise("  Share on FACEBOOK! ") == normalise("share  on facebook") == "share on facebook"
    assert normalise("STRASSE") == normalise("Straße")


def test_normalise_of_a_line_without_words_is_empty() -> None:
    assert normalise(" — | — ") == ""
