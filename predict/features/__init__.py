"""The scikit-learn steps over the line table: what each line looks like, how it relates to its document, its words.

Also the numpy kernels they share (one analysis of a batch's text, character
classes, tokens, per-document reductions) and the scaling steps between the
features and the regression.
"""
