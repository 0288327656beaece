"""``python -m train.evaluate``: every method side by side on the same folds and pages."""
