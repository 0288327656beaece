"""Tokenisation shared by every feature: one definition of a word.

Words are maximal runs of Unicode word characters, so the same rule serves
English, German, Polish or any other script that separates words by spaces.
Chinese and Japanese do not separate words; there each ideograph or kana
counts as a word of its own, so that a sentence of theirs has a length
comparable with one in a spaced script rather than looking like one long word.
"""
from __future__ import annotations

import re

_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN_PATTERN = rf"[^\W{_UNSPACED}]+|[{_UNSPACED}]"
WORD = re.compile(TOKEN_PATTERN, re.UNICODE)
UNSPACED = re.compile(f"[{_UNSPACED}]")  # a character that is a word on its own


def words(line: str) -> list[str]:
    """The words of a line, case kept."""
    return WORD.findall(line)


def normalise(line: str) -> str:
    """A line folded for equality tests: casefolded words joined by single spaces."""
    return " ".join(WORD.findall(line.casefold()))
