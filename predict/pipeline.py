"""The runtime pipeline, named in one place: which features and stages make a junkfilter.

line table → :class:`~predict.features.text.ShareText` (one analysis of the
batch's text) → shape and relation features → training quantiles → standard
scaling → the dense block as CSR, beside the line's words → logistic
regression → :class:`~predict.stages.stacking.ContextStacker` (the stacked
stage that sees the neighbours' scores). A packaged model is this pipeline,
fitted; ``train/`` builds it here (``train.fit``), never the other way round,
and its hyperparameters' defaults are documented with the figures that chose
them.
"""
from __future__ import annotations

from collections.abc import Iterator

from sklearn.base import BaseEstimator
from sklearn.ensemble import VotingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

from predict.features.densecsr import DenseAsCSR
from predict.features.markdown import MarkdownMarks
from predict.features.quantiles import TrainingQuantiles
from predict.features.relation import DocumentRelation
from predict.features.shape import LineShape
from predict.features.text import ShareText
from predict.features.words import LineWords
from predict.stages.additive import AdditiveContext
from predict.stages.boosting import BoostedContext
from predict.stages.stacking import ContextStacker


def line_words(max_features: int = 5000) -> LineWords:
    """TF-IDF of the line's own words: unigrams and bigrams, bounded vocabulary."""
    return LineWords(ngram_range=(1, 2), min_df=5, max_features=max_features, sublinear_tf=True)


def ranked() -> TrainingQuantiles:
    """Each dense feature as its quantile among the training lines: bounded, so nothing extrapolates.

    On standardised features alone a line far outside the training range (a
    leaked tracking pixel: hundreds of characters, few words) scored 0.98
    content. What quantiles gained and lost on grouped CV:
    docs/experiments.md, session 3.
    """
    return TrainingQuantiles(n_quantiles=200, subsample=100_000, random_state=0)


def first_stage(words: bool = True, C: float = 2.0, markdown: bool = False) -> Pipeline:
    """The line's own shape, its relation to its document and its words, into a logistic regression.

    ``markdown=True`` adds the line's markdown links and images as features
    (:mod:`predict.features.markdown`).

    No windows of the neighbours' features here: the stacked stage sees the
    neighbours through their scores instead (docs/how-it-works.md), and the
    windows cost realpages line F1 about 0.05 under it. That choice and ``C``
    2.0: docs/experiments.md, session 3.
    """
    blocks = [("shape", LineShape()), ("relation", DocumentRelation())]
    if markdown:
        blocks.append(("marks", MarkdownMarks()))
    dense = make_pipeline(FeatureUnion(blocks), ranked(), StandardScaler(copy=False))
    if not words:
        parts = [("dense", dense)]
    else:  # the dense block as CSR: FeatureUnion joins CSR blocks without converting every value
        parts = [("dense", make_pipeline(dense, DenseAsCSR())), ("words", line_words())]
    return Pipeline([
        ("text", ShareText()),
        ("features", FeatureUnion(parts)),
        ("classifier", LogisticRegression(C=C, max_iter=1000, tol=1e-3)),
    ])


def boosted_context(additive: bool = False) -> BoostedContext | VotingClassifier:
    """Gradient-boosted trees as the stacked stage: what the context means depends on the page.

    A run of short, unpunctuated lines is a menu under an article and the
    content of a listing or product page; a linear stage over the neighbours'
    scores must pick one reading for all pages, trees can split on the page's
    own summaries first (:class:`~predict.stages.boosting.BoostedContext`).
    ``additive=True`` averages the trees' probability with an additive stage's
    (:class:`~predict.stages.additive.AdditiveContext`), which keeps fewer of
    an unseen site's readers' comments.
    """
    if not additive:
        return BoostedContext()
    return VotingClassifier([("trees", BoostedContext()), ("additive", AdditiveContext())], voting="soft")


def build_pipeline(context: bool = True, words: bool = True, C: float = 2.0, stack_C: float = 1.0,
                   boosted: bool = False, markdown: bool = False, additive: bool = False,
                   headline: bool = False) -> ContextStacker | Pipeline:
    """The junkfilter estimator, unfitted: features → LR → stacked context LR.

    ``context=False`` drops the stacking stage (each line judged by its own
    features and its document alone: the ``junkfilter-no-context`` row of
    ``python -m train.evaluate``); ``words=False`` leaves the line's own words
    out. ``stack_C`` 1.0 is the stacked regression's inverse regularisation;
    ``boosted=True`` makes the stacked stage :func:`boosted_context` instead
    (with ``additive``, the trees averaged with an additive stage); ``headline=True`` gives the stacked
    stage the columns that find the page's headline.
    """
    classifier = first_stage(words=words, C=C, markdown=markdown)
    if not context:
        return classifier
    return ContextStacker(classifier, C=stack_C, n_folds=3, context=boosted_context(additive) if boosted else None,
                          headline=headline)


def _estimators(value: object) -> Iterator[BaseEstimator]:
    """Every estimator inside ``value``, fitted or not: parameters, fitted attributes, steps of pipelines."""
    if isinstance(value, BaseEstimator):
        yield value
        value = list(vars(value).values())
    if isinstance(value, (list, tuple)):
        for item in value:
            yield from _estimators(item)


def set_list_lines(model: object, on: bool) -> object:
    """``model`` (fitted or not) with the list-line rule of its document features switched ``on`` or off.

    ``train.fit`` fits a model with the rule off and saves it with the rule on:
    the rule keeps one flattened dropdown from costing a page its article at
    run time, but as a training feature it cost realpages body F1 0.919 →
    0.911 (:class:`~predict.features.relation.DocumentRelation`'s
    ``list_lines``; docs/experiments.md, session 21).
    """
    for estimator in _estimators(model):
        if isinstance(estimator, DocumentRelation):
            estimator.list_lines = on
    return model
