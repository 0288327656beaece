"""Line TF-IDF from the shared tokenisation: the same matrix as scikit-learn's TfidfVectorizer."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.feature_extraction.text import TfidfVectorizer

from predict.features.table import make_table
from predict.features.text import ShareText
from predict.features.kernels.tokens import TOKEN_PATTERN
from predict.features.words import LineWords
from predict.store.formats import JOBLIB_SUFFIX, SKOPS_SUFFIX, estimator_from_bytes, model_bytes

# The imaginary Quayside Herald: a few words recur on many lines, as menus and share buttons do.
PAGE = [
    "Home | News | Sport | Weather",
    "The harbour board met on Monday and agreed to rebuild the ferry pier.",
    "Share on Facebook", "share on facebook!", "Share on X",
    "The ferry pier will be rebuilt in stone, the harbour board said on Monday.",
    "Read more: harbour news", "Read more: ferry news", "News | Sport",
    "Straße STRASSE strasse", "市议会 市议会 决定", "İstanbul ferry", "the the the harbour harbour",
    "", "   ", "Ferry—pier—harbour", "x_y x_y 5 5 5",
]
LINES = st.lists(st.lists(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(list("Σß ")), max_size=6)
                          | st.sampled_from(["the", "ferry", "pier", "Share"]), max_size=8).map(" ".join), max_size=15)


def reference(ngram_range=(1, 2), min_df=2, max_features=None, sublinear_tf=True) -> TfidfVectorizer:
    return TfidfVectorizer(ngram_range=ngram_range, min_df=min_df, max_features=max_features,
                           sublinear_tf=sublinear_tf, token_pattern=TOKEN_PATTERN, dtype=np.float32)


def assert_same_matrix(ours, theirs) -> None:
    assert ours.dtype == theirs.dtype and ours.shape == theirs.shape and ours.has_sorted_indices
    np.testing.assert_array_equal(ours.indptr, theirs.indptr)
    np.testing.assert_array_equal(ours.indices, theirs.indices)
    np.testing.assert_array_equal(ours.data, theirs.data)


@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 2), (2, 2)])
@pytest.mark.parametrize("sublinear_tf", [True, False])
def test_matrix_equals_the_vectorisers(ngram_range, sublinear_tf) -> None:
    table = make_table([PAGE, PAGE[::-1]])
    words = LineWords(ngram_range=ngram_range, min_df=2, max_features=None, sublinear_tf=sublinear_tf).fit(table)
    vectorizer = reference(ngram_range, sublinear_tf=sublinear_tf).fit(PAGE + PAGE[::-1])
    assert words.vocabulary_ == vectorizer.vocabulary_
    np.testing.assert_array_equal(words.idf_, vectorizer.idf_)
    unseen = make_table([["The ferry pier news", "Share on Facebook today", "nothing known here"]])
    for X, texts in ((table, PAGE + PAGE[::-1]), (unseen, list(unseen[:, 1]))):
        assert_same_matrix(words.transform(X), vectorizer.transform(texts))
        assert_same_matrix(words.transform(ShareText().transform(X)), vectorizer.transform(texts))
    assert list(words.get_feature_names_out()) == list(vectorizer.get_feature_names_out())


@settings(max_examples=100, deadline=None)
@given(LINES, LINES)
def test_matrix_equals_the_vectorisers_on_any_text(seen: list[str], unseen: list[str]) -> None:
    training = seen + PAGE  # the fixed page guarantees a vocabulary
    words = LineWords(min_df=2, max_features=20).fit(make_table([training]))
    vectorizer = reference(max_features=20).fit(training)
    assert words.vocabulary_ == vectorizer.vocabulary_
    if unseen + seen:  # (the vectoriser refuses to transform no lines at all)
        assert_same_matrix(words.transform(make_table([unseen, seen])), vectorizer.transform(unseen + seen))
    assert words.transform(make_table([])).shape == (0, len(words.vocabulary_))


def test_persists_with_joblib_and_skops() -> None:
    table = make_table([PAGE])
    words = LineWords(min_df=2).fit(table)
    for suffix in (JOBLIB_SUFFIX, SKOPS_SUFFIX):
        loaded = estimator_from_bytes(model_bytes(words, suffix), suffix)
        assert_same_matrix(loaded.transform(table), words.transform(table))
    assert clone(words).get_params() == words.get_params()


def test_longer_ngrams_are_refused_with_what_to_do() -> None:
    with pytest.raises(ValueError, match=r"\(1, 1\), \(1, 2\) or \(2, 2\)"):
        LineWords(ngram_range=(1, 3)).fit(make_table([PAGE]))
