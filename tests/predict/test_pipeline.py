"""The runtime pipeline: features and stacked context, fitted on a handful of small pages."""
from __future__ import annotations

import pickle

import numpy as np
from sklearn.base import clone

from predict.features.table import make_table
from predict.pipeline import build_pipeline
from predict.stages.additive import AdditiveContext
from predict.stages.stacking import ContextStacker, context_features
from predict.stages.boosting import BoostedContext
from train.data.documents import CONTENT, UNKNOWN, LabelledDocument
from train.fit import fit_estimator, training_arrays


def test_build_pipeline_composes_the_stages() -> None:
    assert isinstance(build_pipeline(), ContextStacker)
    assert not isinstance(build_pipeline(context=False), ContextStacker)
    assert "words" not in dict(build_pipeline(context=False, words=False).named_steps["features"].transformer_list)
    assert build_pipeline().context is None  # a logistic stacked stage
    assert isinstance(build_pipeline(boosted=True).context, BoostedContext)
    averaged = build_pipeline(boosted=True, additive=True).context
    assert averaged.voting == "soft"
    assert [type(member) for _, member in averaged.estimators] == [BoostedContext, AdditiveContext]


def test_a_boosted_context_stage_learns_from_a_handful_of_pages(gazette, unseen_page) -> None:
    # a few hundred lines: leaves of 3 lines, not the 50 of the packaged model's 500,000
    model = fit_estimator(gazette(8), boosted=True)
    assert model.stage2_.trees_.min_samples_leaf == 3
    assert model.predict(make_table([unseen_page.lines])).tolist() == unseen_page.labels


def test_trees_averaged_with_an_additive_stage_score_between_the_two(gazette, unseen_page) -> None:
    model = fit_estimator(gazette(8), boosted=True, additive=True)
    table = make_table([unseen_page.lines])
    assert model.predict(table).tolist() == unseen_page.labels
    Z = model.scaler_.transform(context_features(table, model.first_stage_proba(table), model.offsets, model.widths))
    trees, additive = (member.predict_proba(Z)[:, 1] for member in model.stage2_.estimators_)
    np.testing.assert_allclose(model.predict_proba(table)[:, 1], (trees + additive) / 2)


def test_fitted_model_gives_probabilities_for_every_line(gazette_model, gazette, unseen_page) -> None:
    table, _, _ = training_arrays(gazette(8) + [unseen_page])
    proba = gazette_model.predict_proba(table)
    assert proba.shape == (len(table), 2)
    assert ((proba >= 0) & (proba <= 1)).all()
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)


def test_fitted_model_keeps_the_article_of_an_unseen_page(gazette_model, unseen_page) -> None:
    assert gazette_model.predict(make_table([unseen_page.lines])).tolist() == unseen_page.labels


def test_pickled_model_predicts_the_same(gazette_model, unseen_page) -> None:
    table = make_table([unseen_page.lines])
    restored = pickle.loads(pickle.dumps(gazette_model))
    np.testing.assert_array_equal(restored.predict_proba(table), gazette_model.predict_proba(table))


def test_clone_refits_to_the_same_predictions(gazette_model, gazette, unseen_page) -> None:
    fresh = clone(gazette_model)
    assert not hasattr(fresh, "estimator_")
    table, labels, weights = training_arrays(gazette(8))
    fresh.fit(table, labels, sample_weight=weights)
    unseen = make_table([unseen_page.lines])
    np.testing.assert_array_equal(fresh.predict_proba(unseen), gazette_model.predict_proba(unseen))


def _copies(page: LabelledDocument, label: int, copies: int = 3) -> list[LabelledDocument]:
    """Heavy copies of ``page`` with every line given ``label``."""
    return [LabelledDocument(page.lines, [label] * len(page.lines), domain=f"copy{k}.example", weight=20.0)
            for k in range(copies)]


def test_pages_labelled_unknown_are_not_trained_on(gazette_model, gazette, unseen_page) -> None:
    model = fit_estimator(gazette(8) + _copies(unseen_page, UNKNOWN))
    table = make_table([unseen_page.lines])
    # The unlabelled lines still shape the unsupervised parts (idf, scaling, the stacking folds), so the
    # scores move a little; the decisions must not.
    np.testing.assert_allclose(model.predict_proba(table), gazette_model.predict_proba(table), atol=0.3)
    assert model.predict(table).tolist() == unseen_page.labels


def test_the_same_pages_labelled_content_flip_the_junk_lines(gazette, unseen_page) -> None:
    """The control for the test above: these pages would flip the junk lines if they were trained on."""
    model = fit_estimator(gazette(8) + _copies(unseen_page, CONTENT))
    assert model.predict(make_table([unseen_page.lines])).all()
