"""One analysis of a batch's text, shared by the features after ShareText, changes no feature value."""
from __future__ import annotations

import numpy as np

from predict.features.relation import DocumentRelation
from predict.features.shape import LineShape
from predict.features.table import make_table
from predict.features.text import LineBatch, ShareText, TextBatch, characters, text_batch
from predict.features.words import LineWords

# The imaginary Saltmarsh Echo.
PAGES = [
    ["News | Sport | Weather", "The tide mill at Saltmarsh reopened on Saturday after a two-year repair.",
     "Volunteers ground the first flour in front of a crowd of three hundred visitors.", "Share on Facebook",
     "  Share on facebook  ", "© 2031 Saltmarsh Echo"],
    ["Weather", "Straße des Monats: die neue Brücke über den Fluss.", "市议会决定修路。", ""],
]


def test_features_after_share_text_equal_those_of_the_plain_table() -> None:
    table = make_table(PAGES)
    batch = ShareText().fit_transform(table)
    for features in (LineShape(), DocumentRelation(), LineWords(min_df=1)):
        shared, alone = features.fit(table).transform(batch), features.transform(table)
        shared, alone = (m.toarray() if hasattr(m, "toarray") else m for m in (shared, alone))
        np.testing.assert_array_equal(shared, alone)


def test_the_batch_carries_one_analysis_and_its_slices_none() -> None:
    table = make_table(PAGES)
    batch = ShareText().fit_transform(table)
    assert isinstance(batch, LineBatch) and np.array_equal(np.asarray(batch), table)
    assert text_batch(batch) is batch.text and text_batch(batch).texts == list(table[:, 1])
    assert batch[2:5].text is None and text_batch(batch[2:5]).texts == list(table[2:5, 1])
    assert text_batch(table) is not text_batch(table)  # a plain table gets a fresh analysis each time


def test_once_derives_each_analysis_a_single_time() -> None:
    batch = TextBatch(["a b", "c"])
    calls = []

    def count_words(b: TextBatch) -> int:
        calls.append(1)
        return len(b.tokens.ids)

    assert batch.once(count_words) == batch.once(count_words) == 3
    assert len(calls) == 1


def test_characters_are_the_stripped_lines_back_to_back() -> None:
    chars = characters(["  ab ", "", "c\td"])
    assert chars.stripped == ["ab", "", "c\td"]
    assert ["".join(map(chr, chars.codes[a:b])) for a, b in zip(chars.start, chars.end)] == chars.stripped
    assert characters([]).codes.shape == (0,)
