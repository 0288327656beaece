"""Releasing a model: its card, its files, kept versions and the comparison with the current model."""
