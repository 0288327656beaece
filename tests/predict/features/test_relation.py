"""Document relation features: position, relative length, topic and repetition within a page."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

from predict.features.kernels.documents import OUTLIER_FACTOR
from predict.features.relation import (
    LIST_LINE_FLOOR, LIST_WORDS_PER_END, LONGEST_LINE_FLOOR, NEAR_FEATURES, RELATION_FEATURES, DocumentRelation,
    _DocumentWords, count_in_document, repeat_keys, template_end, template_end_keys,
)
from predict.features.shape import TERMINAL
from predict.features.table import doc_index, make_table, texts_of
from predict.features.text import TextBatch
from predict.features.kernels.tokens import TOKEN_PATTERN, normalise

# The three article sentences have at least 15 distinct words and end in a full stop: the page's "long" lines.
FERRY_PAGE = [
    "Home | News",
    "The ferry company said the new boat will sail to the island twice a day from the first of May.",
    "Passengers on the island welcomed the new ferry boat and said extra sailings would help shops in town.",
    "Singer reveals secret wedding plans",
    "The ferry boat will carry forty cars and many passengers from the island to our harbour every morning.",
    "Share on Facebook",
    "share on FACEBOOK!",
]
MENU, FIRST, ON_TOPIC, OFF_TOPIC, LAST, SHARE, SHARE_AGAIN = range(len(FERRY_PAGE))


ALL_FEATURES = RELATION_FEATURES + NEAR_FEATURES


def relation(*documents: list[str]) -> np.ndarray:
    return DocumentRelation().fit_transform(make_table(documents))


def column(out: np.ndarray, name: str) -> np.ndarray:
    return out[:, ALL_FEATURES.index(name)]


@pytest.fixture(scope="module")
def ferry() -> np.ndarray:
    return relation(FERRY_PAGE)


def test_one_row_per_line_with_every_feature(ferry: np.ndarray) -> None:
    assert ferry.shape == (len(FERRY_PAGE), len(ALL_FEATURES))
    assert np.isfinite(ferry).all()
    assert list(DocumentRelation().get_feature_names_out()) == list(ALL_FEATURES)


def test_without_near_lines_the_features_of_older_models() -> None:
    restored = DocumentRelation(near_lines=0).fit(make_table([FERRY_PAGE]))
    out = restored.transform(make_table([FERRY_PAGE]))
    assert list(restored.get_feature_names_out()) == list(RELATION_FEATURES)
    np.testing.assert_array_equal(out, relation(FERRY_PAGE)[:, : len(RELATION_FEATURES)])


def test_a_line_unrelated_to_its_neighbours_has_no_near_similarity(ferry: np.ndarray) -> None:
    assert column(ferry, "sim_adjacent_max")[OFF_TOPIC] == 0.0
    assert column(ferry, "sim_adjacent_max")[ON_TOPIC] > 0.0
    assert column(ferry, "sim_near_mean")[ON_TOPIC] > column(ferry, "sim_near_mean")[OFF_TOPIC]


def test_a_list_of_unrelated_headlines_is_less_near_similar_than_paragraphs() -> None:
    page = ["The river authority will dredge the harbour channel this autumn, the authority said on Tuesday.",
            "Dredging the channel lets larger boats reach the harbour, and the river authority pays for it.",
            "Fishermen in the harbour said the dredging of the channel was overdue after years of silt.",
            "Ten garden plants that survive any winter",
            "Local baker wins national pie award",
            "Why everyone is talking about this new phone",
            "Star striker signs for city rivals"]
    near = column(relation(page), "sim_near_mean")
    assert near[:3].min() > near[3:].max()


@pytest.mark.parametrize("name", ["sim_doc", "sim_long_lines"])
def test_off_topic_headline_is_less_similar_to_the_page(ferry: np.ndarray, name: str) -> None:
    values = column(ferry, name)
    assert values[OFF_TOPIC] < values[ON_TOPIC]
    assert values[OFF_TOPIC] < values[FIRST]


def test_repeated_lines_count_repeats_after_normalising(ferry: np.ndarray) -> None:
    repeats = column(ferry, "log_repeats")
    assert repeats[SHARE] == repeats[SHARE_AGAIN] == pytest.approx(np.log(2))
    assert repeats[ON_TOPIC] == 0.0
    assert column(ferry, "max_sim_other")[SHARE] == pytest.approx(1.0)


def test_position_features(ferry: np.ndarray) -> None:
    n = len(FERRY_PAGE)
    np.testing.assert_allclose(column(ferry, "rel_position"), np.arange(n) / (n - 1))
    np.testing.assert_allclose(column(ferry, "log_index"), np.log1p(np.arange(n)))
    np.testing.assert_allclose(column(ferry, "log_from_end"), np.log1p(np.arange(n)[::-1]))
    np.testing.assert_allclose(column(ferry, "log_doc_lines"), np.log1p(n))


def test_lines_before_and_after_the_article(ferry: np.ndarray) -> None:
    assert column(ferry, "before_first_long").tolist() == [1, 0, 0, 0, 0, 0, 0]
    assert column(ferry, "after_last_long").tolist() == [0, 0, 0, 0, 0, 1, 1]
    dist = column(ferry, "log_dist_long")
    assert dist[FIRST] == 0.0 and dist[OFF_TOPIC] == pytest.approx(np.log(2))


def test_relative_length(ferry: np.ndarray) -> None:
    assert column(ferry, "words_vs_doc_max").max() == 0.0
    assert column(ferry, "words_vs_doc_max")[MENU] < column(ferry, "words_vs_doc_max")[FIRST]
    rank = column(ferry, "length_rank")
    assert rank.min() == 0.0 and rank.max() == 1.0
    assert rank[MENU] < rank[FIRST]
    assert column(ferry, "char_share").sum() == pytest.approx(1.0)


def dropdown(names: int) -> str:
    """A picker flattened into one line: ``names`` made-up place names, each a distinct word."""
    return "Choose your town " + " ".join(f"Townsend{k}" for k in range(names))


def with_line(line: str) -> np.ndarray:
    """``words_vs_doc_max`` of the ferry page's own lines with ``line`` inserted after its first."""
    out = column(relation([FERRY_PAGE[0], line, *FERRY_PAGE[1:]]), "words_vs_doc_max")
    assert out[1] == 0.0  # the inserted line is the longest
    return out[[0, *range(2, len(FERRY_PAGE) + 1)]]


def test_a_dropdown_counts_as_a_short_list_however_long() -> None:
    """Issue 29: a dropdown of names has no sentence end, so however long it is it counts as at most the page's
    second-longest line or ``LIST_LINE_FLOOR`` words; a paragraph of sentences as long counts as
    ``LONGEST_LINE_FLOOR`` words, and makes the page's other lines look shorter."""
    alone = column(relation(FERRY_PAGE), "words_vs_doc_max")
    paragraph = with_line(" ".join(f"Quay{k} opened." for k in range(LONGEST_LINE_FLOOR + 10)))
    for names in (LIST_LINE_FLOOR + 10, 150, 3000):
        beside_list = with_line(dropdown(names))
        np.testing.assert_allclose(beside_list - paragraph, np.log1p(LONGEST_LINE_FLOOR) - np.log1p(LIST_LINE_FLOOR))
        assert (paragraph < beside_list).all() and (beside_list < alone).all()


def test_without_list_lines_a_dropdown_counts_as_a_paragraph_would() -> None:
    """``list_lines=False`` (how models are fitted) leaves only the outlier cap: the dropdown then weighs as a
    paragraph of as many words does with the rule on."""
    page = [FERRY_PAGE[0], dropdown(300), *FERRY_PAGE[1:]]
    paragraph = [FERRY_PAGE[0], " ".join(f"Quay{k} opened." for k in range(300)), *FERRY_PAGE[1:]]
    off = DocumentRelation(list_lines=False).fit_transform(make_table([page]))
    on = DocumentRelation().fit_transform(make_table([page]))
    by_name = list(ALL_FEATURES).index("words_vs_doc_max")
    np.testing.assert_allclose(off[:, by_name], column(relation(paragraph), "words_vs_doc_max"))
    assert (off[2:, by_name] < on[2:, by_name]).all()
    np.testing.assert_array_equal(np.delete(off, by_name, axis=1), np.delete(on, by_name, axis=1))


def test_a_model_saved_before_list_lines_scores_with_the_rule() -> None:
    state = DocumentRelation().__getstate__()
    del state["list_lines"]
    restored = DocumentRelation.__new__(DocumentRelation)
    restored.__setstate__(state)
    assert restored.list_lines is True


def test_documents_do_not_influence_each_other(ferry: np.ndarray) -> None:
    other = ["Sport", "The rowing club won the estuary cup on Saturday for the first time in nine years."]
    together = relation(FERRY_PAGE, other)
    np.testing.assert_allclose(together[: len(FERRY_PAGE)], ferry)
    np.testing.assert_allclose(together[len(FERRY_PAGE) :], relation(other))


def test_single_line_document() -> None:
    out = relation(["The council met on Monday and agreed to repair the old river bridge this summer."])
    assert out.shape == (1, len(ALL_FEATURES)) and np.isfinite(out).all()
    assert column(out, "rel_position")[0] == 0.0
    assert column(out, "log_repeats")[0] == 0.0
    assert column(out, "char_share")[0] == 1.0


def test_empty_lines_are_handled() -> None:
    out = relation(["", "Share on Facebook", ""], ["", ""])
    assert np.isfinite(out).all()
    assert column(out, "log_repeats").tolist() == pytest.approx([np.log(2), 0.0, np.log(2), np.log(2), np.log(2)])
    assert column(out, "sim_doc")[[0, 2, 3, 4]].tolist() == [0.0] * 4


def test_cjk_sentences_count_as_long_article_lines() -> None:
    page = ["首页 | 新闻", "市议会星期一决定在河边修建一条新的步行道，工程将在明年春天开始。",
            "居民们说，这条路会让孩子们更安全地走路去学校，也会吸引更多游客。", "热门"]
    assert column(relation(page), "before_first_long").tolist() == [1, 0, 0, 0]


def test_lines_sharing_a_template_end_are_counted() -> None:
    page = ["The harbour board agreed on Monday that the old ferry pier will be rebuilt before summer.",
            "ferryfan says:", "12 March 2031 at 6:34 am", "Rebuild it in stone this time, please.",
            "harbourwatcher says:", "12 March 2031 at 7:02 am", "About time too."]
    same_end = column(relation(page), "log_same_end")
    assert same_end[1] == same_end[4] == pytest.approx(np.log(2))  # "... says:"
    assert same_end[2] == same_end[5] == pytest.approx(np.log(2))  # "... 0:00 am" with digits folded
    assert same_end[0] == same_end[3] == 0.0


# --- the batch computation equals the per-line definitions ------------------------------------

HASHER = HashingVectorizer(n_features=2**18, token_pattern=TOKEN_PATTERN, lowercase=True, alternate_sign=False,
                           norm=None, binary=True, dtype=np.float32)
TRICKY = ["", "  ", "Share on Facebook", "share  on FACEBOOK!", "STRASSE", "Straße", "ΟΔΟΣ", "οδοσ", "οδος",
          "ferryfan says:", "harbourwatcher says:  ", "12 March 2031 at 6:34 am", "٣ March 2031 at 7:02 am",
          "İstanbul ǅemal", "Larchfield新闻 2031年", "市议会", "x\nsays:", "— | —", "ﬁsh ﬁsh", "ǰ ǰ",
          "5 µm", "5 μm"]  # the micro sign casefolds to the Greek mu: the first character to fold otherwise than it lowercases
LINES = st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))
                         | st.sampled_from(list(" .:!5Aaßſ市Σµ\n\u00a0İ")), max_size=30), max_size=10)


def reference_max_similarity(words: _DocumentWords, eligible: np.ndarray) -> np.ndarray:
    """The pairwise similarity as first written: a COO gram matrix and ``np.maximum.at``."""
    keep = eligible[words.row]
    unit = sparse.csr_matrix((words.unit[keep], (words.row[keep], words.key_of[keep])), shape=(words.n, len(words.keys)))
    gram = (unit @ unit.T).tocoo()
    best = np.zeros(words.n)
    off_diagonal = gram.row != gram.col
    np.maximum.at(best, gram.row[off_diagonal], gram.data[off_diagonal])
    return best


def reference_near(words: _DocumentWords, docs: np.ndarray, reach: int = 3) -> np.ndarray:
    """The near-line similarities line by line, from the full gram matrix."""
    unit = sparse.csr_matrix((words.unit, (words.row, words.key_of)), shape=(words.n, len(words.keys)))
    gram = (unit @ unit.T).toarray()
    out = np.zeros((words.n, 4))
    for i in range(words.n):
        near = [j for j in range(i - reach, i + reach + 1) if j != i and 0 <= j < words.n and docs[j] == docs[i]]
        adjacent = [gram[i, j] if j in near else 0.0 for j in (i - 1, i + 1)]
        cosines = [gram[i, j] for j in near]
        out[i] = [max(adjacent), sum(adjacent) / 2, sum(cosines) / max(len(near), 1), max(cosines, default=0.0)]
    return out


def reference_counts(keys: list, docs: np.ndarray) -> np.ndarray:
    counts: dict = {}
    for key in zip(docs.tolist(), keys):
        counts[key] = counts.get(key, 0) + 1
    return np.array([counts[key] for key in zip(docs.tolist(), keys)], dtype=np.float64)


def reference_relative_length(n_words: np.ndarray, docs: np.ndarray, texts: list[str]) -> np.ndarray:
    """``words_vs_doc_max`` by its definition, page by page: a line counts as at most ``OUTLIER_FACTOR`` times the
    second-longest, or ``LONGEST_LINE_FLOOR`` words if more; a line of more than ``LIST_LINE_FLOOR`` words with
    fewer terminal marks than one per ``LIST_WORDS_PER_END`` words, as at most the second-longest or
    ``LIST_LINE_FLOOR`` words."""
    out = np.zeros(len(n_words))
    for doc in np.unique(docs):
        words = n_words[docs == doc].astype(np.float64)
        second = np.sort(words)[-2] if len(words) > 1 else words[0]
        counted = np.minimum(words, max(LONGEST_LINE_FLOOR, OUTLIER_FACTOR * second))
        for i, text in enumerate(t for t, d in zip(texts, docs) if d == doc):
            ends = sum(char in TERMINAL for char in text)
            if words[i] > LIST_LINE_FLOOR and ends * LIST_WORDS_PER_END < words[i]:
                counted[i] = min(counted[i], max(LIST_LINE_FLOOR, second))
        log_words = np.log1p(counted)
        out[docs == doc] = log_words - log_words.max()
    return out


def assert_like_the_definitions(documents: list[list[str]]) -> None:
    table = make_table(documents)
    texts, docs = texts_of(table), doc_index(table)
    batch = TextBatch(texts)
    ours = relation(*documents)
    if not texts:
        assert ours.shape == (0, len(ALL_FEATURES))
        return
    hashed = HASHER.transform(texts).tocsr()
    np.testing.assert_array_equal(count_in_document(batch.once(repeat_keys), docs),
                                  reference_counts([normalise(t) for t in texts], docs))
    np.testing.assert_array_equal(count_in_document(batch.once(template_end_keys), docs),
                                  reference_counts([template_end(t) for t in texts], docs))
    n_words = np.diff(hashed.indptr)
    np.testing.assert_array_equal(column(ours, "words_vs_doc_max"), reference_relative_length(n_words, docs, texts))
    row = np.repeat(np.arange(len(texts)), n_words)
    size = np.bincount(docs)[docs].astype(np.float64)
    words = _DocumentWords(row, hashed.indices.astype(np.int64), docs, size)
    np.testing.assert_array_equal(column(ours, "sim_doc"), words.similarity_to_rest(np.ones(len(texts))))
    np.testing.assert_array_equal(column(ours, "max_sim_other"), reference_max_similarity(words, size <= 2000))
    np.testing.assert_array_equal(column(ours, "frequent_word_ratio"), words.frequent_word_ratio(25))
    np.testing.assert_allclose(ours[:, len(RELATION_FEATURES):], reference_near(words, docs), atol=1e-12)


def test_batch_features_equal_the_definitions_on_tricky_lines() -> None:
    assert_like_the_definitions([TRICKY, FERRY_PAGE, [], TRICKY[::-1]])


@settings(max_examples=150, deadline=None)
@given(st.lists(LINES, max_size=4))
def test_batch_features_equal_the_definitions_on_any_text(documents: list[list[str]]) -> None:
    assert_like_the_definitions(documents)
