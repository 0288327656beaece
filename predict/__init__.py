"""junkfilter runtime: load the packaged model and filter scraped article text.

    >>> from predict import load_model
    >>> model = load_model()
    >>> clean = model.filter_text(open("page.txt").read())
"""
__version__ = "0.9.0"

from predict.model import DEFAULT_MODEL, JunkFilter, ModelError, load_model
from predict.reading import split_lines

__all__ = ["__version__", "DEFAULT_MODEL", "JunkFilter", "ModelError", "load_model", "split_lines"]
