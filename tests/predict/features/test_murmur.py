"""MurmurHash3 of many strings at once: the values scikit-learn's murmurhash3_32 gives one string at a time."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.utils import murmurhash3_32

from predict.features.murmur import LONG_WORD_BYTES, murmurhash3_32_many

WORDS = st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\n"), max_size=40)
                 | st.sampled_from(["", "a", "ab", "abc", "abcd", "straße", "市议会", "😀x", "x" * (LONG_WORD_BYTES + 1)]),
                 max_size=30)


@settings(max_examples=200, deadline=None)
@given(WORDS)
def test_hashes_equal_scikit_learns(words: list[str]) -> None:
    expected = [murmurhash3_32(word, seed=0) for word in words]
    assert murmurhash3_32_many(words).tolist() == expected


def test_every_length_around_the_block_size_and_the_long_word_limit() -> None:
    words = ["é" * size for size in range(LONG_WORD_BYTES)] + ["z" * size for size in range(2 * LONG_WORD_BYTES)]
    hashes = murmurhash3_32_many(words)
    assert hashes.dtype == np.int64
    assert hashes.tolist() == [murmurhash3_32(word, seed=0) for word in words]
