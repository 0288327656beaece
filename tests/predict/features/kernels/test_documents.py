"""Within-document operations never look across a document boundary."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from predict.features.kernels.documents import (OUTLIER_FACTOR, DocumentWindows, capped_outliers, cumulative_before, doc_mean,
                                        doc_reduce, line_positions, running_max, runner_up)

# Two documents: lines 0-2 and lines 3-4.
BOUNDS = np.array([0, 3, 5])
VALUES = np.array([1.0, 2.0, 3.0, 10.0, 20.0])


def shift(values: np.ndarray, bounds: np.ndarray, offset: int, fill: float = 0.0) -> np.ndarray:
    return DocumentWindows(values, bounds).shift(offset, fill)


def window_mean(values: np.ndarray, bounds: np.ndarray, before: int, after: int, **options) -> np.ndarray:
    return DocumentWindows(values, bounds).mean(before, after, **options)


def test_line_positions() -> None:
    index, starts, ends = line_positions(BOUNDS)
    assert index.tolist() == [0, 1, 2, 0, 1]
    assert starts.tolist() == [0, 0, 0, 3, 3]
    assert ends.tolist() == [3, 3, 3, 5, 5]


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(-1, [0, 1, 2, 0, 10]), (1, [2, 3, 0, 20, 0]), (2, [3, 0, 0, 0, 0]), (-2, [0, 0, 1, 0, 0]), (0, VALUES)],
)
def test_shift_stays_inside_each_document(offset: int, expected) -> None:
    np.testing.assert_array_equal(shift(VALUES, BOUNDS, offset), expected)


def test_shift_fills_outside_the_document() -> None:
    np.testing.assert_array_equal(shift(VALUES, BOUNDS, -1, fill=-1.0), [-1, 1, 2, -1, 10])


def test_window_mean_excludes_the_line_and_clips_at_edges() -> None:
    np.testing.assert_allclose(window_mean(VALUES, BOUNDS, 1, 1), [2, 2, 2, 20, 10])


def test_window_mean_including_the_line() -> None:
    np.testing.assert_allclose(window_mean(VALUES, BOUNDS, 1, 1, include_self=True), [1.5, 2, 2.5, 15, 15])


def test_one_sided_windows() -> None:
    np.testing.assert_allclose(window_mean(VALUES, BOUNDS, 5, 0, empty=-1.0), [-1, 1, 1.5, -1, 10])
    np.testing.assert_allclose(window_mean(VALUES, BOUNDS, 0, 5, empty=-1.0), [2.5, 3, -1, 20, -1])


def test_window_mean_of_a_one_line_document_is_empty() -> None:
    np.testing.assert_allclose(window_mean(np.array([4.0, 1.0, 3.0]), np.array([0, 1, 3]), 2, 2, empty=-7.0),
                               [-7, 3, 1])


def test_window_mean_of_feature_columns() -> None:
    matrix = np.column_stack([VALUES, 2 * VALUES])
    out = window_mean(matrix, BOUNDS, 1, 1)
    assert out.shape == (5, 2)
    np.testing.assert_allclose(out[:, 1], 2 * out[:, 0])


def test_doc_reduce_and_mean_are_per_document() -> None:
    np.testing.assert_array_equal(doc_reduce(VALUES, BOUNDS), [6, 6, 6, 30, 30])
    np.testing.assert_array_equal(doc_reduce(VALUES, BOUNDS, np.maximum), [3, 3, 3, 20, 20])
    np.testing.assert_array_equal(doc_mean(VALUES, BOUNDS), [2, 2, 2, 15, 15])


def test_cumulative_before_restarts_at_each_document() -> None:
    np.testing.assert_array_equal(cumulative_before(VALUES, BOUNDS), [0, 1, 3, 0, 10])


def test_running_max_before_and_after() -> None:
    values = np.array([-5.0, -1.0, -3.0, -2.0, -4.0])
    np.testing.assert_array_equal(running_max(values, BOUNDS, fill=-9.0), [-9, -5, -1, -9, -2])
    np.testing.assert_array_equal(running_max(values, BOUNDS, reverse=True, fill=-9.0), [-1, -3, -9, -4, -9])


def test_runner_up_of_one_document_is_what_it_is_among_others() -> None:
    """One document takes a partial sort (the page rule's call); it must agree with the sort by document."""
    rng = np.random.default_rng(0)
    for n in (1, 2, 7, 50):
        page = rng.integers(0, 30, n).astype(np.float64)
        together = runner_up(np.concatenate([page, [99.0, 1.0]]), np.array([0, n, n + 2]))
        np.testing.assert_array_equal(runner_up(page, np.array([0, n])), together[:n])


def test_runner_up_is_the_second_largest_of_each_document() -> None:
    np.testing.assert_array_equal(runner_up(np.array([3.0, 1.0, 2.0, 10.0, 20.0]), BOUNDS), [2, 2, 2, 10, 10])
    np.testing.assert_array_equal(runner_up(np.array([5.0, 5.0, 1.0, 7.0]), np.array([0, 3, 4])), [5, 5, 5, 7])


def test_only_a_line_far_longer_than_every_other_is_capped() -> None:
    """Issue 29: a dropdown of 900 words counts as 90, 1.5 times the paragraph of 60; nothing else moves."""
    lengths = np.array([900.0, 60.0, 40.0, 5.0, 30.0, 44.0])
    bounds = np.array([0, 4, 6])
    np.testing.assert_array_equal(capped_outliers(lengths, bounds, floor=50.0), [90, 60, 40, 5, 30, 44])
    assert OUTLIER_FACTOR == 1.5


def test_nothing_at_or_under_the_floor_is_capped() -> None:
    lengths = np.array([100.0, 3.0, 2.0, 250.0])
    np.testing.assert_array_equal(capped_outliers(lengths, np.array([0, 3, 4]), floor=100.0), lengths)
    np.testing.assert_array_equal(capped_outliers(np.array([400.0, 10.0]), np.array([0, 2]), floor=100.0), [100, 10])


def test_two_long_lines_are_no_outliers() -> None:
    lengths = np.array([900.0, 800.0, 20.0])
    np.testing.assert_array_equal(capped_outliers(lengths, np.array([0, 3]), floor=10.0), lengths)


def test_empty_input() -> None:
    bounds = np.zeros(1, dtype=np.int64)
    empty = np.zeros(0)
    for out in (shift(empty, bounds, 1), doc_reduce(empty, bounds), capped_outliers(empty, bounds, 1.0),
                cumulative_before(empty, bounds), running_max(empty, bounds), window_mean(empty, bounds, 2, 2)):
        assert out.shape == (0,)
    assert window_mean(np.zeros((0, 3)), bounds, 1, 1, include_self=True).shape == (0, 3)


def _naive_documents(values: np.ndarray, bounds: np.ndarray):
    return [values[a:b] for a, b in zip(bounds[:-1], bounds[1:])]


@settings(max_examples=60, deadline=None)
@given(
    lengths=st.lists(st.integers(1, 7), min_size=1, max_size=5),
    offset=st.integers(-4, 4),
    before=st.integers(0, 4),
    after=st.integers(0, 4),
    data=st.data(),
)
def test_matches_a_per_document_loop(lengths, offset, before, after, data) -> None:
    bounds = np.concatenate(([0], np.cumsum(lengths)))
    n = int(bounds[-1])
    values = np.asarray(data.draw(st.lists(st.integers(-50, 50), min_size=n, max_size=n)), dtype=float)
    expected_shift, expected_mean, expected_before, expected_max, expected_second = [], [], [], [], []
    for doc in _naive_documents(values, bounds):
        n = len(doc)
        expected_second += [sorted(doc)[-2] if n > 1 else doc[0]] * n
        for i in range(n):
            expected_shift.append(doc[i + offset] if 0 <= i + offset < n else 0.0)
            window = [doc[j] for j in range(max(i - before, 0), min(i + after + 1, n)) if j != i]
            expected_mean.append(np.mean(window) if window else 0.0)
            expected_before.append(doc[:i].sum())
            expected_max.append(doc[:i].max() if i else 0.0)
    np.testing.assert_allclose(shift(values, bounds, offset), expected_shift)
    np.testing.assert_allclose(window_mean(values, bounds, before, after), expected_mean)
    np.testing.assert_allclose(cumulative_before(values, bounds), expected_before)
    np.testing.assert_allclose(running_max(values, bounds), expected_max)
    np.testing.assert_array_equal(runner_up(values, bounds), expected_second)
