"""The stacking stage: a line judged by its neighbours' first-stage scores, within its page."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer

from predict.features.table import make_table, text_column
from predict.stages import stacking
from predict.stages.stacking import ContextStacker, context_features, logit
from train.fit import training_arrays

# Two pages, every line ten characters long so that character mass is proportional to p.
TABLE = make_table([["a" * 10] * 3, ["b" * 10] * 2])
P = np.array([0.9, 0.1, 0.5, 0.8, 0.2])


def words_classifier():
    return make_pipeline(FunctionTransformer(text_column), TfidfVectorizer(), LogisticRegression(C=10.0))


def test_logit_is_clipped() -> None:
    assert np.isfinite(logit(np.array([0.0, 1.0]))).all()
    assert logit(np.array([0.5]))[0] == 0.0


def test_context_features_stay_within_each_page() -> None:
    z = context_features(TABLE, P, offsets=(-1,), widths=(1,))
    assert z.shape == (5, 1 + 1 + 2 * 1 + 8)
    np.testing.assert_allclose(z[:, 0], logit(P))
    np.testing.assert_allclose(z[:, 1], [0, logit(P[:1])[0], logit(P[1:2])[0], 0, logit(P[3:4])[0]])
    np.testing.assert_allclose(z[:, 2], [0, 0.9, 0.1, 0, 0.8])           # mean of the line before
    np.testing.assert_allclose(z[:, 3], [0.1, 0.5, 0, 0.2, 0])           # mean of the line after
    np.testing.assert_allclose(z[:, 4], [0.5, 0.5, 0.5, 0.5, 0.5])       # page mean score
    np.testing.assert_allclose(z[:, 5], [2 / 3] * 3 + [0.5] * 2)         # share of lines scored content
    np.testing.assert_allclose(z[:, 6], [0, 0.9, 0.9, 0, 0.8])           # best score before
    np.testing.assert_allclose(z[:, 7], [0.5, 0.5, 0, 0.2, 0])           # best score after
    np.testing.assert_allclose(z[:, 8], [0, 0.6, 2 / 3, 0, 0.8])         # content mass before
    np.testing.assert_allclose(z[:, 9], [0.4, 1 / 3, 0, 0.2, 0])         # content mass after
    np.testing.assert_allclose(z[:, 10], [0, 0.5, 1, 0, 1])              # relative position
    np.testing.assert_allclose(z[:, 11], np.log1p(10))


def test_one_long_line_does_not_hold_the_page_content_mass() -> None:
    """Issue 29: a dropdown scored as content weighs like a line of ``MASS_LINE_FLOOR`` characters, however
    long, so the lines after it keep some content mass after them."""
    article = ["The harbour wall will be rebuilt after the winter storms, the council said."] * 4
    scores = np.array([0.8, 0.9, 0.9, 0.9, 0.9])
    pages = [make_table([["Choose your town " + "x" * length, *article]])
             for length in (stacking.MASS_LINE_FLOOR - 17, 20_000, 200_000)]
    features = [context_features(page, scores, offsets=(-1,), widths=(1,)) for page in pages]
    for z in features[1:]:
        np.testing.assert_array_equal(z[:, 8:10], features[0][:, 8:10])  # content mass before and after
    paragraph = 0.9 * len(article[0])
    assert features[1][1, 9] == pytest.approx(3 * paragraph / (0.8 * stacking.MASS_LINE_FLOOR + 4 * paragraph))


@pytest.fixture(scope="module")
def stacked(gazette):
    table, labels, weights = training_arrays(gazette(8))
    return ContextStacker(words_classifier(), n_folds=3).fit(table, labels, sample_weight=weights)


def test_stacker_scores_every_line_with_probabilities(stacked, unseen_page) -> None:
    table = make_table([unseen_page.lines])
    proba = stacked.predict_proba(table)
    assert proba.shape == (len(unseen_page.lines), 2)
    assert ((proba >= 0) & (proba <= 1)).all()
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_array_equal(stacked.predict(table), (proba[:, 1] >= 0.5).astype(int))
    assert stacked.first_stage_proba(table).shape == (len(unseen_page.lines),)
    assert stacked.classes_.tolist() == [0, 1]


def test_stacker_separates_article_from_junk_on_an_unseen_page(stacked, unseen_page) -> None:
    p = stacked.predict_proba(make_table([unseen_page.lines]))[:, 1]
    labels = np.asarray(unseen_page.labels)
    assert p[labels == 1].min() > p[labels == 0].max()


def test_stacker_fits_with_fewer_pages_than_folds(gazette) -> None:
    table, labels, _ = training_arrays(gazette(2))
    model = ContextStacker(words_classifier(), n_folds=5).fit(table, labels)
    assert model.predict_proba(table).shape == (len(table), 2)


class _Memoriser(ClassifierMixin, BaseEstimator):
    """Scores 0.9 the lines it was trained on and 0.5 any other: shows what a stacking fold's first stage saw."""

    def fit(self, X, y, sample_weight=None):
        self.classes_ = np.array([0, 1])
        self.seen_ = set(text_column(X))
        return self

    def predict_proba(self, X):
        p = np.array([0.9 if text in self.seen_ else 0.5 for text in text_column(X)])
        return np.column_stack([1 - p, p])


def test_groups_keep_a_page_and_its_copies_in_one_stacking_fold(monkeypatch) -> None:
    pages = [[f"Page {k} says something new in line {i}." for i in range(4)] for k in range(4)]
    table = make_table(pages + pages[1:] + pages[:1])  # every page twice: itself and a copy
    labels = np.tile([1, 0, 1, 0], 8)
    first_stage_scores = []
    features = stacking.context_features
    monkeypatch.setattr(stacking, "context_features",
                        lambda X, p, *rest: first_stage_scores.append(p.copy()) or features(X, p, *rest))
    groups = np.repeat([0, 1, 2, 3, 1, 2, 3, 0], 4)
    ContextStacker(_Memoriser(), n_folds=2).fit(table, labels, groups=groups)
    assert (first_stage_scores[0] == 0.5).all()  # out of fold: no line's copy was in the fold's training part
    ContextStacker(_Memoriser(), n_folds=2).fit(table, labels)  # by document: a copy may train the fold
    assert (first_stage_scores[1] == 0.9).any()


def test_headline_columns_join_the_context_only_when_asked() -> None:
    plain = context_features(TABLE, P, (-1, 1), (2,))
    with_headline = context_features(TABLE, P, (-1, 1), (2,), headline=True)
    assert with_headline.shape == (len(P), plain.shape[1] + 3)
    np.testing.assert_array_equal(with_headline[:, : plain.shape[1]], plain)


def test_a_stacker_with_headline_columns_fits_and_scores(gazette, unseen_page) -> None:
    table, labels, weights = training_arrays(gazette(6))
    model = ContextStacker(words_classifier(), n_folds=3, headline=True).fit(table, labels, sample_weight=weights)
    assert model.predict_proba(make_table([unseen_page.lines])).shape == (len(unseen_page.lines), 2)


def test_a_stacker_saved_before_headline_columns_loads_without_them(stacked) -> None:
    state = stacked.__getstate__()
    del state["headline"]
    old = ContextStacker.__new__(ContextStacker)
    old.__setstate__(state)
    assert old.headline is False and old.get_params()["headline"] is False
