"""TF-IDF of a line's own words, computed from the batch's shared tokenisation.

The words model of a junkfilter is scikit-learn's ``TfidfVectorizer``
(unigrams and bigrams, sublinear tf, l2 norm): :class:`LineWords` fits one
and keeps its vocabulary and idf. Transforming through the vectoriser would
tokenise every line again and count its n-grams one Python call at a time,
which costs more than every other feature together; instead the counts come
from the batch's word ids (see :mod:`predict.features.text`) with numpy, and the
same tf-idf weighting and normalisation follow, so the matrix equals the
vectoriser's.
"""
from __future__ import annotations

from itertools import repeat

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.preprocessing import normalize

from predict.features.table import texts_of
from predict.features.text import text_batch
from predict.features.kernels.tokens import TOKEN_PATTERN


class LineWords(TransformerMixin, BaseEstimator):
    """TF-IDF of each line's word n-grams (n in ``ngram_range``, at most 2), as ``TfidfVectorizer`` with these params.

    Parameters
    ----------
    ngram_range : tuple of (int, int), default=(1, 2)
        Smallest and largest n-gram (at most bigrams).
    min_df : int or float, default=5
        Drop n-grams found on fewer lines (a float: a share of the lines).
    max_features : int or None, default=5000
        Keep only this many n-grams, the most frequent.
    sublinear_tf : bool, default=True
        Use ``1 + log(tf)`` for the term frequency.
    dtype : numpy dtype, default=np.float32
        Type of the output matrix's values.

    Attributes
    ----------
    vocabulary_ : dict of str to int
        The vectoriser's n-gram columns.
    idf_ : ndarray of shape (n_features,)
        The vectoriser's inverse document frequencies.
    words_ : dict of str to int
        A number for every word that occurs in the vocabulary, alone or in a bigram.
    unigram_columns_ : ndarray of int64
        ``unigram_columns_[w]`` is word ``w``'s column (-1: none).
    bigram_keys_, bigram_columns_ : ndarray of int64
        The bigrams, as sorted ``first * len(words_) + second`` keys, and their columns.
    """

    def __init__(self, ngram_range: tuple[int, int] = (1, 2), min_df: int | float = 5,
                 max_features: int | None = 5000, sublinear_tf: bool = True, dtype=np.float32):
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf
        self.dtype = dtype

    def fit(self, X, y=None):
        from sklearn.feature_extraction.text import TfidfVectorizer

        low, high = self.ngram_range
        if not 1 <= low <= high <= 2:
            raise ValueError(f"LineWords counts unigrams and bigrams only; ngram_range={self.ngram_range} "
                             "must be (1, 1), (1, 2) or (2, 2)")
        vectorizer = TfidfVectorizer(ngram_range=self.ngram_range, min_df=self.min_df, max_features=self.max_features,
                                     sublinear_tf=self.sublinear_tf, token_pattern=TOKEN_PATTERN, dtype=self.dtype)
        vectorizer.fit(texts_of(X))
        self.vocabulary_ = vectorizer.vocabulary_
        self.idf_ = vectorizer.idf_
        grams = {gram: tuple(gram.split(" ")) for gram in self.vocabulary_}
        self.words_ = {word: number for number, word in enumerate(sorted({w for parts in grams.values() for w in parts}))}
        self.unigram_columns_ = np.full(len(self.words_), -1, dtype=np.int64)
        bigrams = []
        for gram, parts in grams.items():
            numbers = [self.words_[word] for word in parts]
            if len(numbers) == 1:
                self.unigram_columns_[numbers[0]] = self.vocabulary_[gram]
            else:
                bigrams.append((numbers[0] * len(self.words_) + numbers[1], self.vocabulary_[gram]))
        keys, columns = np.array(sorted(bigrams), dtype=np.int64).reshape(-1, 2).T
        self.bigram_keys_, self.bigram_columns_ = keys, columns
        return self

    def transform(self, X) -> sparse.csr_matrix:
        tokens = text_batch(X).tokens
        n_lines, n_columns = len(X), len(self.idf_)
        known = self.words_
        number = np.fromiter(map(known.get, tokens.vocabulary, repeat(-1)), dtype=np.int64,
                             count=len(tokens.vocabulary))[tokens.ids]
        found = []  # (line, column) of every n-gram occurrence in the vocabulary
        if self.ngram_range[0] == 1:
            column = self.unigram_columns_[number]
            hit = (number >= 0) & (column >= 0)
            found.append(tokens.line[hit] * n_columns + column[hit])
        if self.ngram_range[1] == 2 and len(self.bigram_keys_):
            first, second = number[:-1], number[1:]
            starts, ends = np.zeros((2, len(known) + 1), dtype=bool)  # words that start or end a bigram (not -1)
            starts[self.bigram_keys_ // len(known)] = ends[self.bigram_keys_ % len(known)] = True
            paired = starts[first] & ends[second] & (tokens.line[:-1] == tokens.line[1:])  # the pairs worth looking up
            key = first[paired] * len(known) + second[paired]
            at = np.minimum(np.searchsorted(self.bigram_keys_, key), len(self.bigram_keys_) - 1)
            hit = self.bigram_keys_[at] == key
            found.append(tokens.line[:-1][paired][hit] * n_columns + self.bigram_columns_[at[hit]])
        keys = np.sort(np.concatenate(found))
        new = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1]))) if len(keys) else np.zeros(0, np.int64)
        counts = np.diff(np.append(new, len(keys))).astype(self.dtype)
        rows, columns = keys[new] // n_columns, keys[new] % n_columns
        indptr = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=n_lines))))
        matrix = sparse.csr_matrix((counts, columns.astype(np.int32), indptr.astype(np.int32)), shape=(n_lines, n_columns))
        if self.sublinear_tf:
            np.log(matrix.data, matrix.data)
            matrix.data += 1.0
        matrix.data *= self.idf_[matrix.indices]
        return normalize(matrix, copy=False) if n_lines else matrix

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        names = np.empty(len(self.vocabulary_), dtype=object)
        for gram, column in self.vocabulary_.items():
            names[column] = gram
        return names
