"""How a line relates to its own document: position, relative length, topic, repetition.

"On topic" depends on the document: a headline about a film star is junk under
an article about Syrian defectors. These features compare each line with the
rest of its document: where it sits relative to the article's long lines, how
long it is compared with the document's longest lines, how much vocabulary it
shares with the document (weighted by a document-internal idf, so no language
resources are needed), and whether it repeats elsewhere.

The words come from the batch's one tokenisation (:mod:`predict.features.text`);
each word's column is the one ``HashingVectorizer`` would give it, so the
features keep the values they had when words were hashed line by line.
"""
from __future__ import annotations

import re

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils import murmurhash3_32

from predict.features.kernels.chartable import CharTable, code_points
from predict.features.kernels.documents import capped_outliers, distinct, doc_reduce, line_positions, runner_up
from predict.features.shape import TERMINAL_MARK, char_classes, ends_terminal
from predict.features.table import doc_bounds, doc_index
from predict.features.text import TextBatch, text_batch
from predict.features.kernels.tokens import WORD, sequence_ids, tokenise

RELATION_FEATURES = (
    "rel_position", "log_index", "log_from_end", "log_doc_lines",
    "words_vs_doc_max", "length_rank", "char_share",
    "before_first_long", "after_last_long", "log_dist_long",
    "sim_doc", "sim_long_lines", "max_sim_other", "frequent_word_ratio", "log_repeats",
    "log_same_end",
)
NEAR_FEATURES = ("sim_adjacent_max", "sim_adjacent_mean", "sim_near_mean", "sim_near_max")
"""Cosines with the lines just before and after, and with those up to ``near_lines`` away (see ``near_similarities``)."""

_WORD_BITS = 18  # words are hashed into 2**18 columns; a (document, word) pair packs into document << 18 | word
LONGEST_LINE_FLOOR = 100
"""Distinct words up to which a line always counts in full as its document's longest (``words_vs_doc_max``);
a longer one counts as at most ``OUTLIER_FACTOR`` times the runner-up (:func:`predict.features.kernels.documents.capped_outliers`)."""
LIST_LINE_FLOOR = 50
"""Distinct words from which a line with almost no sentence end (a flattened dropdown, a tag cloud) counts in
``words_vs_doc_max`` as at most this or the document's second-longest line, whichever is longer."""
LIST_WORDS_PER_END = 40
"""Such a line has fewer sentence ends (terminal marks: ``predict.features.shape.TERMINAL``) than one per this many
distinct words; a paragraph of that length has several."""
MAX_PAIRWISE_LINES = 2000
"""Documents longer than this skip ``max_sim_other`` (0): its cost grows with the square of their length."""


def rank_in_document(docs: np.ndarray, *keys: np.ndarray) -> np.ndarray:
    """0-based rank of every row within its document, ordered by integer ``keys`` (first key first), ties by row."""
    order = np.lexsort((*keys[::-1], docs))
    sorted_docs = docs[order]
    rank = np.empty(len(docs), dtype=np.int64)
    rank[order] = np.arange(len(docs)) - np.searchsorted(sorted_docs, sorted_docs, side="left")
    return rank


def longest_line_yardstick(batch: TextBatch, n_words: np.ndarray, bounds: np.ndarray,
                           lists: bool = True) -> np.ndarray:
    """Each line's distinct words as ``words_vs_doc_max`` measures them: no line can set its document's scale alone.

    A line counts as at most ``OUTLIER_FACTOR`` times the document's second-longest,
    or :data:`LONGEST_LINE_FLOOR` words if that is more (predict 0.4.0). A long line
    with almost no sentence end (fewer than one per :data:`LIST_WORDS_PER_END`
    words) is a list, not prose: it counts as at most the second-longest, or
    :data:`LIST_LINE_FLOOR` words. So a flattened dropdown of 300 names leaves the
    other lines of a page of 40-word paragraphs as long as they were, where the
    floor of 100 made each look 0.9 shorter in log words and cost those pages
    their article (issue 29); prose pages keep their features exactly.
    ``lists=False`` leaves lists as prose (only the outlier cap).
    """
    capped = capped_outliers(n_words, bounds, LONGEST_LINE_FLOOR)
    long_rows = np.flatnonzero(n_words > LIST_LINE_FLOOR) if lists else np.zeros(0, dtype=np.int64)
    if len(long_rows):
        chars = batch.characters
        marks = batch.once(char_classes) & TERMINAL_MARK != 0
        ends = np.array([np.count_nonzero(marks[chars.start[row]:chars.end[row]]) for row in long_rows.tolist()])
        lists = long_rows[ends * LIST_WORDS_PER_END < n_words[long_rows]]
        if len(lists):
            capped[lists] = np.minimum(capped[lists], np.maximum(LIST_LINE_FLOOR, runner_up(n_words, bounds)[lists]))
    return capped


def _long_line_distances(long_line: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Columns before_first_long, after_last_long, log_dist_long (documents without long lines: 1, 1, log1p(n))."""
    n = len(long_line)
    rows = np.arange(n)
    prev_long = np.maximum.accumulate(np.where(long_line, rows, -1)) if n else rows
    next_long = np.minimum.accumulate(np.where(long_line, rows, n)[::-1])[::-1] if n else rows
    has_prev = prev_long >= starts
    has_next = next_long < ends
    gap = np.minimum(np.where(has_prev, rows - prev_long, n), np.where(has_next, next_long - rows, n))
    dist = np.where(has_prev | has_next, np.log1p(gap), np.log1p(ends - starts))
    return np.column_stack([~has_prev, ~has_next, dist]).astype(np.float64)


_DIGITS = re.compile(r"\d")
_DECIMAL, _SPACE, _FOLDS_APART = 1, 2, 4


def _char_classes(char: str) -> int:
    """Decimal digit (``\\d``), whitespace (``str.strip`` removes it), and a character that may casefold
    otherwise than it lowercases ("ß"; "Σ", whose lowercase depends on its place in a word)."""
    return ((_DECIMAL if _DIGITS.fullmatch(char) else 0) | (_SPACE if char.isspace() else 0)
            | (_FOLDS_APART if char.casefold() != char.lower() or char == "Σ" else 0))


_CLASSES = CharTable(_char_classes)
_FIRST_FOLDING_APART = 0xB5  # "µ": no character before it casefolds otherwise than it lowercases


def template_end(line: str) -> str:
    """A line's last word and what follows it, casefolded, digits as 0 (the whole line when it has no word).

    Comment headers ("... says:"), timestamps, share buttons ("... (Opens in
    new window)") and headline lists with counters ("... (12)") repeat an end
    many times in a page; article sentences rarely do.
    """
    folded = _DIGITS.sub("0", line.strip().casefold())
    word_starts = [match.start() for match in WORD.finditer(folded)]
    return folded[word_starts[-1]:] if word_starts else folded


def hashed_columns(words: list[str]) -> np.ndarray:
    """The column of each word in ``HashingVectorizer(n_features=2**18, alternate_sign=False)``.

    One ``murmurhash3_32`` call per distinct word of the batch: on the realpages
    dev batch (32k distinct words) that takes 11 ms, as a numpy version hashing
    all words at once did, so scikit-learn's function is used as it is.
    """
    n_columns = 1 << _WORD_BITS
    hashes = np.fromiter((murmurhash3_32(word, seed=0) for word in words), dtype=np.int64, count=len(words))
    return np.where(hashes == -(2**31), (2**31 - 1 - (n_columns - 1)) % n_columns, np.abs(hashes) % n_columns)


def unfoldable_lines(batch: TextBatch) -> np.ndarray:
    """The lines whose casefolded text differs from their lowercased text (as "ß" does)."""
    chars = batch.characters
    beyond = np.flatnonzero(chars.codes >= _FIRST_FOLDING_APART)
    suspect = beyond[_CLASSES(chars.codes[beyond]) & _FOLDS_APART != 0]
    candidates = distinct(np.searchsorted(chars.start, suspect, side="right") - 1).tolist()
    return np.array([i for i in candidates if batch.texts[i].casefold() != batch.texts[i].lower()], dtype=np.int64)


def repeat_keys(batch: TextBatch) -> np.ndarray:
    """An id for every line, equal for lines whose :func:`predict.features.kernels.tokens.normalise` forms are equal.

    A line's key is its sequence of word ids; the few lines that casefold
    differently from their lowercase get the ids of their casefolded words.
    """
    tokens = batch.tokens
    unfoldable = batch.once(unfoldable_lines)
    per_line: list[np.ndarray] = []
    if len(unfoldable):
        folded = tokenise([batch.texts[i] for i in unfoldable.tolist()], str.casefold)
        index = dict(zip(tokens.vocabulary, range(len(tokens.vocabulary))))
        folded_ids = np.array([index.setdefault(word, len(index)) for word in folded.vocabulary], dtype=np.int64)
        per_line = np.split(folded_ids[folded.ids], np.cumsum(np.bincount(folded.line, minlength=len(unfoldable)))[:-1])
    return _line_keys(tokens.ids, np.bincount(tokens.line, minlength=len(batch.texts)), unfoldable, per_line)


def _strip(codes: np.ndarray, edge: np.ndarray, limit: np.ndarray, step: int) -> np.ndarray:
    """Each ``edge`` of a line moved by ``step`` (1: from its start, -1: from its end) past whitespace, up to ``limit``."""
    edge = edge.copy()
    moving = np.flatnonzero(edge != limit)
    while len(moving):  # one round per whitespace character, for the lines that still have one at the edge
        moving = moving[_CLASSES(codes[edge[moving] + min(step, 0)]) & _SPACE != 0]
        edge[moving] += step
        moving = moving[edge[moving] != limit[moving]]
    return edge


def template_end_keys(batch: TextBatch) -> np.ndarray:
    """An id for every line, equal for lines with equal :func:`template_end`."""
    tokens = batch.tokens
    n = len(batch.texts)
    trail = _strip(tokens.codes, tokens.line_end, tokens.line_start, -1)
    words = np.bincount(tokens.line, minlength=n)
    start = _strip(tokens.codes, tokens.line_start, trail, 1)  # a line without words: all of it, stripped
    start[words > 0] = tokens.start[np.cumsum(words)[words > 0] - 1]  # else from its last word on
    lengths = np.maximum(trail - start, 0)
    ends = tokens.codes[np.repeat(start - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())]
    zeroed = np.where(_CLASSES(ends) & _DECIMAL != 0, ord("0"), ends)
    unfoldable = batch.once(unfoldable_lines)
    exact = [code_points(template_end(batch.texts[i])) for i in unfoldable.tolist()]
    return _line_keys(zeroed, lengths, unfoldable, exact)


def _line_keys(values: np.ndarray, lengths: np.ndarray, replaced: np.ndarray, replacements: list[np.ndarray]) -> np.ndarray:
    """An id per line, equal for equal sequences: line ``i`` has the next ``lengths[i]`` of ``values``,
    except that the lines in ``replaced`` have the sequences in ``replacements`` instead."""
    n = len(lengths)
    is_replaced = np.zeros(n, dtype=bool)
    is_replaced[replaced] = True
    kept = np.repeat(~is_replaced, lengths)
    every = np.concatenate((np.where(is_replaced, 0, lengths), np.array([len(r) for r in replacements], dtype=np.int64)))
    ids = sequence_ids(np.concatenate([values[kept], *replacements]), every)[0]
    ids[replaced] = ids[n:]
    return ids[:n]


def count_in_document(keys: np.ndarray, docs: np.ndarray) -> np.ndarray:
    """How often each line's key (an int id) occurs in its document (itself included)."""
    _, inverse, counts = np.unique(docs * (int(keys.max(initial=0)) + 1) + keys, return_inverse=True, return_counts=True)
    return counts[inverse].astype(np.float64)


class _DocumentWords:
    """The (document, word) incidence of a table's lines, weighted by a document-internal idf.

    Every (line, hashed word) pair present, in line then word order, becomes
    an entry keyed by its (document, word) pair, so per-document sums are
    ``bincount`` over keys and the whole table is handled at once, without a
    loop over documents.
    """

    def __init__(self, row: np.ndarray, word: np.ndarray, docs: np.ndarray, size: np.ndarray):
        n = len(docs)
        self.n = n
        self.row = row
        keys = (docs[self.row].astype(np.int64) << _WORD_BITS) | word
        self.keys, self.key_of, self.df = np.unique(keys, return_inverse=True, return_counts=True)
        self.key_doc = self.keys >> _WORD_BITS
        self.docs = docs
        weight = np.log((size[self.row] + 1.0) / self.df[self.key_of]) + 0.1
        norms = np.sqrt(np.bincount(self.row, weight * weight, minlength=n))
        self.unit = weight / np.where(norms > 0, norms, 1.0)[self.row]
        self.words = np.bincount(row, minlength=n)

    def per_row(self, values: np.ndarray) -> np.ndarray:
        return np.bincount(self.row, values, minlength=self.n)

    def similarity_to_rest(self, line_weight: np.ndarray) -> np.ndarray:
        """Cosine of each line with the weighted centroid of the other lines of its document."""
        centroid = np.bincount(self.key_of, self.unit * line_weight[self.row], minlength=len(self.keys))
        dot = self.per_row(self.unit * centroid[self.key_of])
        own = self.per_row(self.unit * self.unit) * line_weight
        c2 = np.bincount(self.key_doc, centroid * centroid, minlength=int(self.docs.max()) + 1)[self.docs]
        rest = np.sqrt(np.maximum(c2 - 2 * dot * line_weight + own * line_weight, 1e-12))
        return np.where(self.words > 0, (dot - own) / rest, 0.0)

    def max_similarity_to_other(self, eligible: np.ndarray) -> np.ndarray:
        """Highest cosine of each line with another line of its document (0 where not ``eligible``)."""
        keep = eligible[self.row]
        indptr = np.concatenate(([0], np.cumsum(np.bincount(self.row[keep], minlength=self.n))))
        unit = sparse.csr_matrix((self.unit[keep], self.key_of[keep], indptr), shape=(self.n, len(self.keys)))
        gram = unit @ unit.T  # entries are in row order, so each row's maximum is one reduceat
        lengths = np.diff(gram.indptr)
        rows = np.repeat(np.arange(self.n), lengths)
        cosines = np.where(rows == gram.indices, 0.0, gram.data)  # a line's similarity with itself does not count
        best = np.zeros(self.n)
        filled = lengths > 0
        best[filled] = np.maximum(np.maximum.reduceat(cosines, gram.indptr[:-1][filled]), 0.0) if len(cosines) else 0.0
        return best

    def similarity_to_following(self, reach: int) -> np.ndarray:
        """``(reach, n)``: row ``k - 1`` holds each line's cosine with the line ``k`` places after it.

        Sorted by (document word, line), the entries of one word stand side by
        side, so the entry of a line's word in the line ``k`` places later, if
        any, is at most ``k`` places further on: ``reach`` comparisons of the
        sorted entries with themselves shifted find every pair, without a
        binary search per entry (issue 31). Each product is put back at its
        entry's place, so each line's sum adds the same terms in the same
        order as before. Lines of different documents never share a key:
        their cosine is 0.
        """
        following = np.zeros((reach, self.n))
        if not len(self.row):
            return following
        order = np.argsort(self.key_of * self.n + self.row)  # unique codes: by word, then line
        key, row = self.key_of[order], self.row[order]
        products = np.zeros((reach, len(order)))
        for step in range(1, reach + 1):
            here, there = order[:-step], order[step:]
            gap = np.where(key[:-step] == key[step:], row[step:] - row[:-step], 0)
            for k in range(step, reach + 1):  # a pair k lines apart lies at most k entries apart
                hit = gap == k
                products[k - 1, here[hit]] = self.unit[here[hit]] * self.unit[there[hit]]
        for k in range(reach):
            following[k] = np.bincount(self.row, products[k], minlength=self.n)
        return following

    def frequent_word_ratio(self, n_frequent: int) -> np.ndarray:
        """Share of a line's words among the ``n_frequent`` most widespread words of its document."""
        frequent = rank_in_document(self.key_doc, -self.df) < n_frequent  # ties in key order: the keys are sorted
        hits = self.per_row(frequent[self.key_of].astype(np.float64))
        return np.divide(hits, self.words, out=np.zeros(self.n), where=self.words > 0)


def near_similarities(following: np.ndarray, index: np.ndarray, size: np.ndarray) -> np.ndarray:
    """The ``NEAR_FEATURES`` columns from :meth:`_DocumentWords.similarity_to_following`.

    The larger and the mean of the cosines with the line before and the line
    after (a missing neighbour counts 0), then the mean over the lines of the
    document up to ``reach`` places away and the largest of them.
    """
    reach, n = following.shape
    preceding = np.zeros_like(following)  # row k - 1: cosine with the line k places before
    for k in range(1, reach + 1):
        preceding[k - 1, k:] = following[k - 1, :n - k]
    near = np.minimum(index, reach) + np.minimum(size - 1 - index, reach)
    return np.column_stack([
        np.maximum(preceding[0], following[0]),
        (preceding[0] + following[0]) / 2,
        (preceding.sum(axis=0) + following.sum(axis=0)) / np.maximum(near, 1),
        np.maximum(preceding.max(axis=0), following.max(axis=0)),
    ])


class DocumentRelation(TransformerMixin, BaseEstimator):
    """Dense features relating each line to its document (stateless).

    Parameters
    ----------
    long_words : int, default=15
        A line with at least this many words and terminal punctuation counts
        as a "long", article-like line for the position features.
    n_long : int, default=5
        The lines with most words that define the document's topic for ``sim_long_lines``.
    n_frequent : int, default=25
        The most widespread words of a document, which stand in for its stopwords.
    near_lines : int, default=3
        How far the ``NEAR_FEATURES`` look on each side (0 leaves them out, as
        models before 0.6.0 did).
    list_lines : bool, default=True
        Whether a long line with almost no sentence end counts as a list in
        ``words_vs_doc_max`` (:func:`longest_line_yardstick`; False: only the
        outlier cap of predict 0.4.0). Models are fitted with it off and score
        with it on (:func:`predict.pipeline.set_list_lines`): fitted with it
        on, the line model lost realpages body F1 0.919 → 0.911 (issue 29).

    Attributes
    ----------
    None: the features depend on each document alone, nothing is learned.
    """

    def __init__(self, long_words: int = 15, n_long: int = 5, n_frequent: int = 25, near_lines: int = 3,
                 list_lines: bool = True):
        self.long_words = long_words
        self.n_long = n_long
        self.n_frequent = n_frequent
        self.near_lines = near_lines
        self.list_lines = list_lines

    def __setstate__(self, state: dict) -> None:
        state.setdefault("list_lines", True)  # a model saved before the parameter existed scores with the rule
        super().__setstate__(state)

    def fit(self, X, y=None):
        return self

    def transform(self, X) -> np.ndarray:
        batch = text_batch(X)
        bounds = doc_bounds(X)
        n = len(batch.texts)
        index, starts, ends = line_positions(bounds)
        docs = doc_index(X)
        size = (ends - starts).astype(np.float64)
        tokens = batch.tokens
        # the binary line-by-hashed-word matrix, as (line, column) pairs in line then column order
        pairs = distinct((tokens.line << _WORD_BITS) | hashed_columns(tokens.vocabulary)[tokens.ids])
        row, word = pairs >> _WORD_BITS, pairs & ((1 << _WORD_BITS) - 1)
        word_counts = np.bincount(row, minlength=n)
        n_words = word_counts.astype(np.float64)
        n_chars = np.fromiter(map(len, batch.texts), dtype=np.float64, count=n)
        terminal = batch.once(ends_terminal)
        out = np.zeros((n, len(self.get_feature_names_out())))
        out[:, 0] = index / np.maximum(size - 1, 1)
        out[:, 1] = np.log1p(index)
        out[:, 2] = np.log1p(size - 1 - index)
        out[:, 3] = np.log1p(size)
        # one dropdown is no yardstick
        log_words = np.log1p(longest_line_yardstick(batch, n_words, bounds, self.list_lines))
        out[:, 4] = log_words - doc_reduce(log_words, bounds, np.maximum)
        out[:, 5] = rank_in_document(docs, word_counts) / np.maximum(size - 1, 1)
        out[:, 6] = n_chars / np.maximum(doc_reduce(n_chars, bounds), 1)
        out[:, 7:10] = _long_line_distances((n_words >= self.long_words) & terminal, starts, ends)
        if n:
            words = _DocumentWords(row, word, docs, size)
            out[:, 10] = words.similarity_to_rest(np.ones(n))
            top = (rank_in_document(docs, -word_counts) < self.n_long).astype(np.float64)
            out[:, 11] = words.similarity_to_rest(top)
            out[:, 12] = words.max_similarity_to_other(size <= MAX_PAIRWISE_LINES)
            out[:, 13] = words.frequent_word_ratio(self.n_frequent)
            if self.near_lines:
                following = words.similarity_to_following(self.near_lines)
                out[:, len(RELATION_FEATURES):] = near_similarities(following, index, size)
        out[:, 14] = np.log(count_in_document(batch.once(repeat_keys), docs))
        out[:, 15] = np.log(count_in_document(batch.once(template_end_keys), docs))
        return out

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.asarray(RELATION_FEATURES + (NEAR_FEATURES if self.near_lines else ()), dtype=object)
