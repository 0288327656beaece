"""Fitting on labelled documents: arrays in table order, clear refusals, reproducible models."""
from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pytest

from predict.features.relation import DocumentRelation
from predict.features.table import make_table
from train.data.documents import LabelledDocument
from train.fit import JunkFilterMethod, fit_estimator, training_arrays
from train.release.save import save_model


def test_too_little_data_counts_the_pages_not_their_cropped_copies() -> None:
    lines = [f"Line {i} of the only page about the quay." for i in range(12)]
    docs = [LabelledDocument(lines, [i % 2 for i in range(12)], domain="quay.example")]
    with pytest.raises(ValueError, match=r"too little training data \(1 documents, 12 labelled lines\)"):
        fit_estimator(docs, crops=2)


def test_training_arrays_follow_the_documents() -> None:
    docs = [
        LabelledDocument(["Menu", "The pier reopens in May."], [0, 1], weight=0.3),
        LabelledDocument(["Photo: archive"], [-1], weight=2.0),
    ]
    table, labels, weights = training_arrays(docs)
    assert table[:, 0].tolist() == [0, 0, 1]
    assert table[:, 1].tolist() == ["Menu", "The pier reopens in May.", "Photo: archive"]
    assert labels.tolist() == [0, 1, -1]
    assert weights.tolist() == [0.3, 0.3, 2.0]


def test_training_arrays_leave_out_blank_lines_and_keep_wrapped_lines_apart() -> None:
    paragraph = ("The ferry company said on Monday that a second boat will join the winter timetable, and that "
                 "the extra crossings at dawn and at dusk will start once the sea trials are over. ")
    wrapped = textwrap.wrap(paragraph * 3, 72)
    lines = ["Menu", ""] + wrapped + ["  ", "Share"]
    labels = [0, 0] + [1] * len(wrapped) + [0, 0]
    table, labels, weights = training_arrays([LabelledDocument(lines, labels, weight=2.0)])
    assert table[:, 1].tolist() == ["Menu", *wrapped, "Share"]
    assert labels.tolist() == [0] + [1] * len(wrapped) + [0]
    assert weights.tolist() == [2.0] * (len(wrapped) + 2)


def test_a_page_headline_weighs_title_weight_times_its_page() -> None:
    lines = ["Harbour ferry returns", "The harbour ferry carried its first passengers on Tuesday.", "Home"]
    page = LabelledDocument(lines, [1, 1, 0], weight=2.0, kinds=["title", "body", "junk"])
    unmarked = LabelledDocument(lines, [1, 1, 0])
    assert training_arrays([page, unmarked], title_weight=5.0)[2].tolist() == [10.0, 2.0, 2.0, 1.0, 1.0, 1.0]


@pytest.mark.parametrize("labels", [[1, 1], [-1, -1], [0, -1]])
def test_refuses_data_without_both_kinds_of_line(labels) -> None:
    docs = [LabelledDocument(["Menu", "The pier reopens in May."], labels, domain=f"d{k}") for k in range(3)]
    with pytest.raises(ValueError, match="both content and junk"):
        fit_estimator(docs)


@pytest.mark.parametrize("params", [{}, {"context": False}])
def test_too_little_data_says_what_to_add(params) -> None:
    docs = [LabelledDocument(["Menu", "The pier reopens in May.", "Share"], [0, 1, 0], domain="quay.example")]
    with pytest.raises(ValueError, match=r"too little training data \(1 documents, 3 labelled lines\).*add labelled"):
        fit_estimator(docs, **params)


def test_same_data_gives_the_same_model_file(gazette_model, gazette, unseen_page, tmp_path: Path) -> None:
    again = fit_estimator(gazette(8))
    table = make_table([unseen_page.lines])
    np.testing.assert_array_equal(again.predict_proba(table), gazette_model.predict_proba(table))
    first = save_model(gazette_model, tmp_path / "first.joblib", {})
    second = save_model(again, tmp_path / "second.joblib", {})
    assert (tmp_path / "first.joblib").read_bytes() == (tmp_path / "second.joblib").read_bytes()
    assert first["model_sha256"] == second["model_sha256"]


def test_a_model_is_fitted_without_the_list_line_rule_and_scores_with_it(gazette, gazette_model, unseen_page,
                                                                          monkeypatch) -> None:
    """0.15.0's line model was fitted before the rule existed; fitting with it cost realpages body F1 (issue 29)."""
    seen = []
    original = DocumentRelation.transform
    monkeypatch.setattr(DocumentRelation, "transform", lambda self, X: seen.append(self.list_lines) or original(self, X))
    fitted = fit_estimator(gazette(8))
    assert seen and not any(seen)
    seen.clear()
    fitted.predict_proba(make_table([unseen_page.lines]))
    assert seen == [True]
    np.testing.assert_array_equal(fitted.predict_proba(make_table([unseen_page.lines])),
                                  gazette_model.predict_proba(make_table([unseen_page.lines])))


def test_method_for_cross_validation_tables(gazette, unseen_page) -> None:
    method = JunkFilterMethod(name="plain", context=False, decoder=False).fit(gazette(8))
    assert method.name == "plain"
    (scores,) = method.score_documents([unseen_page.lines])
    (keep,) = method.keep_documents([unseen_page.lines])
    assert keep.tolist() == (scores >= 0.5).tolist() == [bool(label) for label in unseen_page.labels]
    strict = JunkFilterMethod(threshold=1.0, context=False, decoder=False).fit(gazette(8))
    assert not strict.keep_documents([unseen_page.lines])[0].any()


def test_reading_variants_score_the_same_fit_without_refitting(gazette, unseen_page) -> None:
    method = JunkFilterMethod(context=False, decoder=False).fit(gazette(8))
    sentences = [line for line, label in zip(unseen_page.lines, unseen_page.labels) if label == 1]
    paragraph = " ".join(sentences * 3)
    wrapped = textwrap.wrap(paragraph, 60) + [""] + textwrap.wrap(paragraph, 60)
    (joined,) = method.score_documents([wrapped])
    line_by_line = method.with_reading(unwrap=False)
    (apart,) = line_by_line.score_documents([wrapped])
    assert line_by_line.filter_.estimator is method.filter_.estimator  # no refit
    assert len(set(joined[:5].tolist())) == 1 and len(set(apart[:5].tolist())) > 1
    fixed = method.with_reading(uncertain_page_f1=None)
    assert fixed.filter_.uncertain_page_f1 is None and method.filter_.uncertain_page_f1 is not None
    doubled = unseen_page.lines + unseen_page.lines
    (once,) = method.keep_documents([doubled])
    (twice,) = method.with_reading(drop_copies=False).keep_documents([doubled])
    half = len(unseen_page.lines)
    assert once[:half].tolist() == twice[:half].tolist() and twice[half:].any() and not once[half:].any()
    with pytest.raises(TypeError, match="unexpected setting 'decoder'"):
        method.with_reading(decoder=True)


def test_without_decoder_scores_the_same_fit_with_the_classifier_alone(gazette, unseen_page) -> None:
    method = JunkFilterMethod(name="full", decoder=True).fit(gazette(8))
    plain = method.with_decoder(False)
    table = make_table([unseen_page.lines])
    estimator = method.filter_.estimator
    np.testing.assert_allclose(plain.score_documents([unseen_page.lines])[0], estimator.classifier_proba(table))
    assert plain.filter_.estimator.estimator_ is estimator.estimator_  # no refit
    assert plain.params["decoder"] is False and plain.name == "full"
    assert estimator.decode  # the full model still decodes
    assert not np.allclose(method.score_documents([unseen_page.lines])[0], estimator.classifier_proba(table))


def test_the_runtime_model_is_the_pipeline_and_learns_the_decoder_only_when_asked(gazette, unseen_page) -> None:
    plain = JunkFilterMethod(context=False).fit(gazette(8))
    with pytest.raises(ValueError, match="decoder"):
        plain.with_decoder(True)
    learned = JunkFilterMethod(context=False, learn_decoder=True).fit(gazette(8))
    np.testing.assert_array_equal(learned.score_documents([unseen_page.lines])[0],
                                  plain.score_documents([unseen_page.lines])[0])  # decoding off: a pass-through
    assert learned.with_decoder(True).filter_.estimator.decode
