"""Sorting by packed integer keys: the order np.lexsort gives and the groups np.unique finds."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from predict.features.ordering import stable_order, unique_counts

# Narrow keys (packed into one int64) and keys too wide to pack (sorted as they are).
KEYS = st.integers(0, 40).flatmap(lambda n: st.lists(
    hnp.arrays(np.int64, n, elements=st.integers(-5, 5) | st.integers(-2**62, 2**62)), min_size=1, max_size=3))


@settings(max_examples=200, deadline=None)
@given(KEYS)
def test_order_is_lexsorts_with_ties_in_row_order(keys: list[np.ndarray]) -> None:
    np.testing.assert_array_equal(stable_order(*keys), np.lexsort(keys[::-1]))


@settings(max_examples=200, deadline=None)
@given(hnp.arrays(np.int64, st.integers(0, 60), elements=st.integers(0, 9) | st.integers(-2**62, 2**62)))
def test_unique_counts_equal_numpys(keys: np.ndarray) -> None:
    for ours, numpys in zip(unique_counts(keys), np.unique(keys, return_inverse=True, return_counts=True)):
        np.testing.assert_array_equal(ours, numpys)


def test_boolean_and_negative_keys_of_a_batch() -> None:
    docs = np.array([1, 0, 1, 0, 1])
    words = -np.array([3, 3, 7, 1, 7])
    flags = np.array([True, False, False, True, True])
    assert stable_order(docs, words, flags).tolist() == [1, 3, 2, 4, 0]
