"""The HMM decoder: junk and content come in runs, lone doubtful lines follow their neighbours."""
from __future__ import annotations

import itertools
import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import BaseEstimator, ClassifierMixin, clone

from predict.features.table import make_table, texts_of
from train.decoder import SequenceDecoder, forward_backward, transition_matrix

STICKY = np.array([[0.9, 0.1], [0.1, 0.9]])
EVEN = np.array([0.5, 0.5])
CONTENT_LINE = [0.1, 0.9]  # emission likelihoods (junk, content)
DOUBTFUL_LINE = [0.75, 0.25]


def bounds_of(lengths) -> np.ndarray:
    return np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)


def brute_force(likelihood: np.ndarray, transitions: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Posteriors of one document by summing over every state sequence."""
    n = len(likelihood)
    posterior = np.zeros((n, 2))
    for states in itertools.product((0, 1), repeat=n):
        p = start[states[0]] * likelihood[0, states[0]]
        for t in range(1, n):
            p *= transitions[states[t - 1], states[t]] * likelihood[t, states[t]]
        posterior[np.arange(n), states] += p
    return posterior / posterior.sum(axis=1, keepdims=True)


def test_transition_counts_skip_document_boundaries_and_unknown_lines() -> None:
    labels = np.array([0, 0, 1, 1, 1, 1, 0, -1, 1])
    docs = np.array([0, 0, 0, 0, 0, 1, 1, 1, 1])
    # doc 0: 0->0, 0->1, 1->1, 1->1; doc 1: 1->0 (pairs with the unknown line are skipped)
    counts = np.array([[1, 1], [1, 2]]) + 0.5
    np.testing.assert_allclose(transition_matrix(labels, docs, np.ones(9), 0.5),
                               counts / counts.sum(axis=1, keepdims=True))


def test_transition_counts_are_weighted_by_the_lighter_line() -> None:
    matrix = transition_matrix(np.array([0, 0, 1]), np.zeros(3, dtype=int), np.array([1.0, 3.0, 3.0]), 1.0)
    np.testing.assert_allclose(matrix, [[2 / 6, 4 / 6], [0.5, 0.5]])


def test_lone_doubtful_line_between_content_is_lifted() -> None:
    likelihood = np.array([CONTENT_LINE] * 4 + [DOUBTFUL_LINE] + [CONTENT_LINE] * 4)
    posterior = forward_backward(likelihood, bounds_of([9]), STICKY, EVEN)
    assert posterior[4, 1] > 0.5
    assert (posterior[:, 1] > 0.5).all()


def test_long_run_of_doubtful_lines_stays_junk() -> None:
    likelihood = np.array([CONTENT_LINE] * 4 + [DOUBTFUL_LINE] * 8)
    posterior = forward_backward(likelihood, bounds_of([12]), STICKY, EVEN)
    assert (posterior[4:, 1] < 0.5).all()
    assert (posterior[:4, 1] > 0.5).all()


def test_matches_brute_force_on_a_small_document() -> None:
    rng = np.random.default_rng(3)
    likelihood = rng.uniform(0.05, 1.0, size=(6, 2))
    transitions = np.array([[0.7, 0.3], [0.2, 0.8]])
    start = np.array([0.6, 0.4])
    np.testing.assert_allclose(forward_backward(likelihood, bounds_of([6]), transitions, start),
                               brute_force(likelihood, transitions, start))


@settings(max_examples=40, deadline=None)
@given(lengths=st.lists(st.integers(1, 6), min_size=1, max_size=5), seed=st.integers(0, 2**16))
def test_batch_of_documents_equals_decoding_one_by_one(lengths, seed) -> None:
    rng = np.random.default_rng(seed)
    bounds = bounds_of(lengths)
    likelihood = rng.uniform(1e-3, 1.0, size=(int(bounds[-1]), 2))
    transitions = np.array([[0.8, 0.2], [0.3, 0.7]])
    start = np.array([0.7, 0.3])
    batch = forward_backward(likelihood, bounds, transitions, start)
    assert ((batch >= 0) & (batch <= 1)).all()
    np.testing.assert_allclose(batch.sum(axis=1), 1.0)
    for a, b in zip(bounds[:-1], bounds[1:]):
        np.testing.assert_allclose(batch[a:b], brute_force(likelihood[a:b], transitions, start), atol=1e-12)


def test_no_lines() -> None:
    assert forward_backward(np.zeros((0, 2)), bounds_of([]), STICKY, EVEN).shape == (0, 2)


class TextScore(ClassifierMixin, BaseEstimator):
    """A stand-in classifier whose content probability is written in the line itself."""

    def fit(self, X, y, sample_weight=None):
        self.classes_ = np.array([0, 1])
        return self

    def predict_proba(self, X) -> np.ndarray:
        p = np.array([float(text) for text in texts_of(X)])
        return np.column_stack([1 - p, p])


# Two pages: content runs framed by junk, as the decoder is trained to expect.
PAGES = [["0.1", "0.2", "0.9", "0.8", "0.35", "0.9", "0.1"], ["0.2", "0.9", "0.9", "0.1", "0.1", "0.1"]]
LABELS = np.array([0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0])


@pytest.fixture(scope="module")
def decoder() -> SequenceDecoder:
    return SequenceDecoder(TextScore()).fit(make_table(PAGES), LABELS)


def test_decoder_learns_priors_runs_and_starts(decoder: SequenceDecoder) -> None:
    np.testing.assert_allclose(decoder.prior_, [7 / 13, 6 / 13])
    np.testing.assert_allclose(decoder.start_, [3 / 4, 1 / 4])  # both pages start with junk, add-one smoothing
    assert decoder.transitions_[0, 0] > 0.5 and decoder.transitions_[1, 1] > 0.5


def test_decoder_lifts_a_doubtful_line_inside_the_article(decoder: SequenceDecoder) -> None:
    table = make_table(PAGES)
    assert decoder.classifier_proba(table)[4] < 0.5
    proba = decoder.predict_proba(table)
    assert proba.shape == (13, 2)
    assert proba[4, 1] > 0.5
    np.testing.assert_array_equal(decoder.predict(table), (proba[:, 1] >= 0.5).astype(int))
    np.testing.assert_array_equal(decoder.predict(table), LABELS)


def test_without_decoding_the_classifier_passes_through() -> None:
    table = make_table(PAGES)
    plain = SequenceDecoder(TextScore(), decode=False).fit(table, LABELS)
    np.testing.assert_allclose(plain.predict_proba(table)[:, 1], [float(t) for t in texts_of(table)])


def test_unknown_lines_do_not_count_towards_priors_or_runs(decoder: SequenceDecoder) -> None:
    pages = [PAGES[0] + ["0.9"] * 5, PAGES[1]]
    labels = np.concatenate([LABELS[:7], [-1] * 5, LABELS[7:]])
    with_unknown = SequenceDecoder(TextScore()).fit(make_table(pages), labels)
    np.testing.assert_allclose(with_unknown.prior_, decoder.prior_)
    np.testing.assert_allclose(with_unknown.transitions_, decoder.transitions_)
    np.testing.assert_allclose(with_unknown.start_, decoder.start_)


def test_fitted_decoder_pickles_and_clones(decoder: SequenceDecoder) -> None:
    table = make_table(PAGES)
    restored = pickle.loads(pickle.dumps(decoder))
    np.testing.assert_array_equal(restored.predict_proba(table), decoder.predict_proba(table))
    fresh = clone(decoder)
    assert fresh.get_params()["emission_power"] == 1.0 and not hasattr(fresh, "transitions_")
