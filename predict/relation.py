"""How a line relates to its own document: position, relative length, topic, repetition.

"On topic" depends on the document: a headline about a film star is junk under
an article about Syrian defectors. These features compare each line with the
rest of its document: where it sits relative to the article's long lines, how
long it is compared with the document's longest lines, how much vocabulary it
shares with the document (weighted by a document-internal idf, so no language
resources are needed), and whether it repeats elsewhere.
"""
from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import HashingVectorizer

from predict.docops import doc_reduce, line_positions
from predict.table import doc_bounds, texts_of
from predict.tokens import TOKEN_PATTERN, normalise

RELATION_FEATURES = (
    "rel_position", "log_index", "log_from_end", "log_doc_lines",
    "words_vs_doc_max", "length_rank", "char_share",
    "before_first_long", "after_last_long", "log_dist_long",
    "sim_doc", "sim_long_lines", "max_sim_other", "frequent_word_ratio", "log_repeats",
)

_HASHER = HashingVectorizer(
    n_features=2**18, token_pattern=TOKEN_PATTERN, lowercase=True,
    alternate_sign=False, norm=None, binary=True, dtype=np.float32,
)


def _topic_features(rows, n_long: int, n_frequent: int) -> np.ndarray:
    """Similarity features of one document's lines (``rows``: binary hashed word matrix)."""
    n = rows.shape[0]
    out = np.zeros((n, 4))
    if n == 0 or rows.nnz == 0:
        return out
    cols, inverse, df = np.unique(rows.indices, return_inverse=True, return_counts=True)
    weighted = rows.copy()
    weighted.data = np.log((n + 1.0) / df[inverse]).astype(np.float32) + np.float32(0.1)
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    unit = weighted.multiply(1.0 / norms[:, None]).tocsr()
    words = np.diff(rows.indptr)

    def sim_to(weights: np.ndarray) -> np.ndarray:
        centroid = np.asarray(unit.T @ weights).ravel()
        own = np.asarray(unit.multiply(unit).sum(axis=1)).ravel() * weights
        dots = unit @ centroid - own
        c2 = centroid @ centroid
        rest = np.sqrt(np.maximum(c2 - 2 * (unit @ centroid) * weights + own * weights, 1e-12))
        return np.where(words > 0, dots / rest, 0.0)

    out[:, 0] = sim_to(np.ones(n))
    top = np.zeros(n)
    top[np.argsort(-words, kind="stable")[:n_long]] = 1.0
    out[:, 1] = sim_to(top)
    if n <= 2000:
        gram = (unit @ unit.T).tocsr()
        gram.setdiag(0)
        out[:, 2] = np.asarray(gram.max(axis=1).todense()).ravel()
    frequent = cols[np.argsort(-df, kind="stable")[:n_frequent]]
    in_frequent = np.isin(rows.indices, frequent).astype(np.float64)
    cums = np.concatenate(([0.0], np.cumsum(in_frequent)))
    hits = cums[rows.indptr[1:]] - cums[rows.indptr[:-1]]
    out[:, 3] = np.divide(hits, words, out=np.zeros(n), where=words > 0)
    return out


class DocumentRelation(TransformerMixin, BaseEstimator):
    """Dense features relating each line to its document (stateless).

    ``long_words``: a line with at least this many words and terminal
    punctuation counts as a "long" article-like line for the position
    features. ``n_long`` lines with most words define the document's topic for
    ``sim_long_lines``; the ``n_frequent`` most widespread words of a document
    stand in for its stopwords.
    """

    def __init__(self, long_words: int = 15, n_long: int = 5, n_frequent: int = 25):
        self.long_words = long_words
        self.n_long = n_long
        self.n_frequent = n_frequent

    def fit(self, X, y=None):
        return self

    def transform(self, X) -> np.ndarray:
        texts = texts_of(X)
        bounds = doc_bounds(X)
        n = len(texts)
        index, starts, ends = line_positions(bounds)
        size = (ends - starts).astype(np.float64)
        hashed = _HASHER.transform(texts).tocsr()
        n_words = np.diff(hashed.indptr).astype(np.float64)
        n_chars = np.fromiter((len(t) for t in texts), dtype=np.float64, count=n)
        ends_terminal = np.fromiter((t.rstrip().rstrip("\"'”’)»").endswith((".", "!", "?")) for t in texts),
                                    dtype=bool, count=n)
        out = np.zeros((n, len(RELATION_FEATURES)))
        out[:, 0] = index / np.maximum(size - 1, 1)
        out[:, 1] = np.log1p(index)
        out[:, 2] = np.log1p(size - 1 - index)
        out[:, 3] = np.log1p(size)
        log_words = np.log1p(n_words)
        out[:, 4] = log_words - doc_reduce(log_words, bounds, np.maximum)
        out[:, 6] = n_chars / np.maximum(doc_reduce(n_chars, bounds), 1)
        long_line = (n_words >= self.long_words) & ends_terminal
        norm_text = [normalise(t) for t in texts]
        for d, (start, end) in enumerate(zip(bounds[:-1], bounds[1:])):
            if end == start:
                continue
            seg_words = n_words[start:end]
            out[start:end, 5] = np.argsort(np.argsort(seg_words, kind="stable"), kind="stable") / max(end - start - 1, 1)
            longs = np.flatnonzero(long_line[start:end])
            local = np.arange(end - start)
            if len(longs):
                out[start:end, 7] = local < longs[0]
                out[start:end, 8] = local > longs[-1]
                pos = np.searchsorted(longs, local)
                left = np.abs(local - longs[np.clip(pos - 1, 0, len(longs) - 1)])
                right = np.abs(longs[np.clip(pos, 0, len(longs) - 1)] - local)
                out[start:end, 9] = np.log1p(np.minimum(left, right))
            else:
                out[start:end, 7:9] = 1.0
                out[start:end, 9] = np.log1p(end - start)
            out[start:end, 10:14] = _topic_features(hashed[start:end], self.n_long, self.n_frequent)
            counts: dict[str, int] = {}
            for t in norm_text[start:end]:
                counts[t] = counts.get(t, 0) + 1
            out[start:end, 14] = np.log([counts[t] for t in norm_text[start:end]])
        return out

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.asarray(RELATION_FEATURES, dtype=object)
