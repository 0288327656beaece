"""The model's stages above the features: the stacked context stage and weighted fitting."""
