"""The scikit-learn steps over the line table: what each line looks like, how it relates to its document, its words.

Also one analysis of a batch's text that they share (``text``), the scaling
steps between the features and the regression, and, in ``kernels/``, the numpy
kernels beneath them (character classes, tokens, per-document reductions).
"""
