"""Per-character classes as a lookup table, so whole batches of text are classified with numpy.

Features that look at every character (shape counts letters and digits,
tokenisation finds word boundaries) would pay Python's per-character cost on
every line. Instead the text of a batch becomes one array of code points and
each code point's class bits come from a table indexed by code point. The
table is filled the first time a character is seen, from the same ``str``
methods and patterns that define the classes, so the table can never
disagree with the definitions.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from predict.features.kernels.documents import distinct

KNOWN = 1 << 15  # marks a filled entry; classifiers use the lower bits


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` (lone surrogates included) as int64, the index type numpy looks up fastest."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64)


class CharTable:
    """Class bits of every character, as ``classify(char)`` defines them, looked up by code point."""

    def __init__(self, classify: Callable[[str], int]) -> None:
        self.classify = classify
        self.table = np.zeros(0x110000, dtype=np.uint16)  # untouched pages cost no memory

    def __call__(self, codes: np.ndarray) -> np.ndarray:
        """Class bits of every code point, filling the table for characters not seen before."""
        classes = np.take(self.table, codes)
        if classes.all():
            return classes
        new = distinct(codes[classes == 0])
        self.table[new] = [self.classify(chr(code)) | KNOWN for code in new.tolist()]
        return np.take(self.table, codes)
