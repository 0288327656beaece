"""Tokenisation shared by every feature: one definition of a word.

Words are maximal runs of Unicode word characters, so the same rule serves
English, German, Polish or any other script that separates words by spaces.
"""
from __future__ import annotations

import re

WORD = re.compile(r"\w+", re.UNICODE)


def words(line: str) -> list[str]:
    """The words of a line, case kept."""
    return WORD.findall(line)


def normalise(line: str) -> str:
    """A line folded for equality tests: casefolded words joined by single spaces."""
    return " ".join(WORD.findall(line.casefold()))
