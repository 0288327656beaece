"""The numpy kernels the feature transformers share: character classes, tokens, per-document reductions.

None of them is a scikit-learn step or pickled in a model: they turn a batch of
lines into arrays, once, for every feature that reads them.
"""
