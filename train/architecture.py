"""The model's architecture: which features, stages and decoder make a junkfilter.

Everything the packaged model needs at run time lives in ``predict/``; this
module only composes those pieces with their hyperparameters, so training,
cross-validation and the ablations of ``train.evaluate`` build their models in
one place.
"""
from __future__ import annotations

from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

from predict.decoder import SequenceDecoder
from predict.densecsr import DenseAsCSR
from predict.neighbours import NeighbourWindow
from predict.relation import DocumentRelation
from predict.shape import LineShape
from predict.stacking import ContextStacker
from predict.textbatch import ShareText
from predict.words import LineWords


def line_words(max_features: int = 5000) -> LineWords:
    """TF-IDF of the line's own words: unigrams and bigrams, bounded vocabulary."""
    return LineWords(ngram_range=(1, 2), min_df=5, max_features=max_features, sublinear_tf=True)


def first_stage(context: bool = True, words: bool = True, C: float = 0.5) -> Pipeline:
    """Line features (+ neighbour windows when ``context``) into a logistic regression."""
    dense = FeatureUnion([("shape", LineShape()), ("relation", DocumentRelation())])
    if context:
        dense = NeighbourWindow(dense)
    if not words:
        parts = [("dense", make_pipeline(dense, StandardScaler(copy=False)))]
    else:  # the dense block as CSR: FeatureUnion joins CSR blocks without converting every value
        parts = [("dense", make_pipeline(dense, StandardScaler(copy=False), DenseAsCSR())), ("words", line_words())]
    return Pipeline([
        ("text", ShareText()),
        ("features", FeatureUnion(parts)),
        ("classifier", LogisticRegression(C=C, max_iter=1000, tol=1e-3)),
    ])


def build_model(context: bool = True, decoder: bool = True, words: bool = True, C: float = 0.5,
                stack_C: float = 1.0, smoothing: float = 1.0, emission_power: float = 1.0) -> SequenceDecoder:
    """The full junkfilter model: features → LR → stacked context LR → HMM decoder.

    ``context=False`` drops neighbour windows and the stacking stage;
    ``decoder=False`` passes the classifier's probabilities through.
    """
    classifier = first_stage(context=context, words=words, C=C)
    if context:
        classifier = ContextStacker(classifier, C=stack_C, n_folds=3)
    return SequenceDecoder(classifier, smoothing=smoothing, emission_power=emission_power, decode=decoder)
