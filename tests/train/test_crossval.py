"""Grouped cross-validation: a site is either trained on or tested on, never both."""
from __future__ import annotations

from dataclasses import replace
from functools import partial

import numpy as np
import pytest

from train.crossval import fold_key, grouped_folds
from train.report import cv_predictions
from train.data.documents import LabelledDocument


class Recorder:
    """A method that remembers what it was trained on; content is any line ending in a full stop."""

    def __init__(self, log: list[list[LabelledDocument]]) -> None:
        self.log = log

    def fit(self, docs):
        self.log.append(list(docs))
        return self

    def score_documents(self, documents):
        return [np.array([0.9 if line.endswith(".") else 0.1 for line in lines]) for lines in documents]

    def keep_scored(self, documents, scores):
        return [p >= 0.5 for p in scores]


class MaskOnly:
    """A method that decides without scores, like a rule baseline."""

    def fit(self, docs):
        return self

    def keep_documents(self, documents):
        return [np.ones(len(lines), dtype=bool) for lines in documents]


def test_folds_never_share_a_domain(gazette) -> None:
    docs = gazette(9, sites=3)
    folds = grouped_folds(docs, 3)
    assert len(folds) == 3
    for train, test in folds:
        assert {docs[i].group for i in train}.isdisjoint({docs[i].group for i in test})
    assert sorted(np.concatenate([test for _, test in folds]).tolist()) == list(range(9))


def test_folds_are_deterministic(gazette) -> None:
    docs = gazette(9, sites=3)
    assert [(a.tolist(), b.tolist()) for a, b in grouped_folds(docs, 3)] == \
        [(a.tolist(), b.tolist()) for a, b in grouped_folds(docs, 3)]


def test_fewer_domains_than_folds_gives_one_fold_per_domain(gazette) -> None:
    assert len(grouped_folds(gazette(6, sites=2), 5)) == 2


def test_documents_without_domain_are_grouped_by_source() -> None:
    docs = [LabelledDocument(["A line."], [1], source=name) for name in ("a", "a", "b")]
    (train, test), (train2, test2) = grouped_folds(docs, 5)
    assert {tuple(sorted(test.tolist())), tuple(sorted(test2.tolist()))} == {(0, 1), (2,)}


def test_one_domain_cannot_be_cross_validated(gazette) -> None:
    with pytest.raises(ValueError, match="at least 2 groups"):
        grouped_folds(gazette(4, sites=1), 5)


def test_out_of_fold_masks_and_probabilities(gazette, unseen_page) -> None:
    docs = gazette(6, sites=3)
    trained_on: list[list[LabelledDocument]] = []
    progress: list[str] = []
    predicted = cv_predictions([("recorder", lambda: Recorder(trained_on))], docs, train_only=[unseen_page],
                               n_folds=3, log=progress.append)["recorder"].scored
    masks, probs = predicted.masks, predicted.probs
    assert [message for message in progress if "fold" in message][-3:] == [
        f"recorder: fold {k}/3 fitted and scored" for k in (1, 2, 3)]
    for doc, mask, p in zip(docs, masks, probs):
        assert mask.tolist() == [line.endswith(".") for line in doc.lines]
        assert len(p) == len(doc.lines)
    assert len(trained_on) == 3
    for trained in trained_on:
        assert trained[-1] is unseen_page
        assert len(trained) == 4 + 1  # the two other sites' pages and the train-only page


def test_method_without_scores_gives_masks_only(gazette) -> None:
    docs = gazette(4, sites=2)
    predicted = cv_predictions([("mask only", MaskOnly)], docs, n_folds=2)["mask only"].scored
    masks, probs = predicted.masks, predicted.probs
    assert probs is None
    assert [m.all() and len(m) == len(d.lines) for m, d in zip(masks, docs)] == [True] * 4


def test_a_fold_is_named_by_what_it_trains_on_not_where_the_files_are() -> None:
    page = LabelledDocument(lines=["Ferry times", "The ferry sails at noon."], labels=[0, 1], domain="a",
                            source="/home/one/shared/seeds/page.txt")
    moved = replace(page, source="/tmp/two/shared/seeds/page.txt")
    method = partial(dict, C=1.0)
    assert fold_key(method, [page]) == fold_key(method, [moved])
    for other in (replace(page, labels=[1, 1]), replace(page, weight=5.0), replace(page, lines=["Ferry times", "x"])):
        assert fold_key(method, [page]) != fold_key(method, [other])
    assert fold_key(method, [page]) != fold_key(partial(dict, C=2.0), [page])
