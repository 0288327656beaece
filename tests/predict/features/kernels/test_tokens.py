"""One definition of a word for every feature: spaced scripts by runs, CJK by character."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from predict.features.kernels.tokens import WORD, normalise, sequence_ids, tokenise, words


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


# --- one tokenisation for a whole batch -------------------------------------------------------

LINES = st.lists(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(list(" \n.ßİΣ市议x_5")), max_size=30),
                 max_size=12)


def words_by_line(lines: list[str], fold=str.lower) -> list[list[str]]:
    tokens = tokenise(lines, fold)
    found: list[list[str]] = [[] for _ in lines]
    for line, word_id in zip(tokens.line.tolist(), tokens.ids.tolist()):
        found[line].append(tokens.vocabulary[word_id])
    return found


@settings(max_examples=200, deadline=None)
@given(LINES)
def test_batch_tokens_are_the_words_of_each_folded_line(lines: list[str]) -> None:
    for fold in (str.lower, str.casefold):
        assert words_by_line(lines, fold) == [WORD.findall(fold(line)) for line in lines]
    tokens = tokenise(lines)
    assert len(set(tokens.vocabulary)) == len(tokens.vocabulary)
    assert all(tokens.text[a:b] == tokens.vocabulary[i]
               for a, b, i in zip(tokens.start.tolist(), tokens.end.tolist(), tokens.ids.tolist()))


def thue_morse(length: int) -> str:
    bits = [0]
    while len(bits) < length:
        bits += [1 - b for b in bits]
    return "".join("ab"[b] for b in bits[:length])


def test_words_whose_hashes_collide_still_get_their_own_ids() -> None:
    """Thue-Morse words and their complements collide under any polynomial hash modulo 2**64."""
    word = thue_morse(1024)
    other = word.translate(str.maketrans("ab", "ba"))
    assert words_by_line([f"{word} {other}", other, word]) == [[word, other], [other], [word]]


def test_sequence_ids_group_equal_sequences_of_any_length() -> None:
    values = np.array([7, 0, 0, 0, 7, 0, 0])
    ids, first = sequence_ids(values, np.array([1, 1, 0, 1, 2, 1, 1]))  # [7] [0] [] [0] [0 7] [0] [0]
    assert ids.tolist() == [ids[0], ids[1], ids[2], ids[1], ids[4], ids[1], ids[1]]
    assert len({ids[0], ids[1], ids[2], ids[4]}) == 4
    assert first[ids].tolist() == [0, 1, 2, 1, 4, 1, 1]
