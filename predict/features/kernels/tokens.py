"""Tokenisation shared by every feature: one definition of a word.

Words are maximal runs of Unicode word characters, so the same rule serves
English, German, Polish or any other script that separates words by spaces.
Chinese and Japanese do not separate words; there each ideograph or kana
counts as a word of its own, so that a sentence of theirs has a length
comparable with one in a spaced script rather than looking like one long word.

Several features need the words of every line of a batch. :func:`tokenise`
finds them all at once with numpy (a regular expression costs tens of
nanoseconds per character in Python) and numbers the distinct words, so the
features count and compare integer ids instead of strings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from predict.features.kernels.chartable import CharTable, code_points

_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN_PATTERN = rf"[^\W{_UNSPACED}]+|[{_UNSPACED}]"
WORD = re.compile(TOKEN_PATTERN, re.UNICODE)
UNSPACED = re.compile(f"[{_UNSPACED}]")  # a character that is a word on its own

IN_WORD, WORD_ALONE = 1, 2  # a character of a run of word characters; a character that is a word by itself


def word_classes(char: str) -> int:
    """``IN_WORD`` or ``WORD_ALONE`` for a character that belongs to a word as ``TOKEN_PATTERN`` defines it, else 0."""
    if UNSPACED.fullmatch(char):
        return WORD_ALONE
    return IN_WORD if WORD.fullmatch(char) else 0


_WORD_TABLE = CharTable(word_classes)


def words(line: str) -> list[str]:
    """The words of a line, case kept."""
    return WORD.findall(line)


def normalise(line: str) -> str:
    """A line folded for equality tests: casefolded words joined by single spaces."""
    return " ".join(WORD.findall(line.casefold()))


@dataclass(frozen=True)
class Tokens:
    """The words of many lines, found in one pass.

    ``text`` is the case-folded lines joined by ``"\\n"``, ``codes`` its code
    points; line ``i`` is ``text[line_start[i]:line_end[i]]``. Word ``k`` is
    ``text[start[k]:end[k]]``, lies on line ``line[k]`` (words are in text
    order) and has the id ``ids[k]``: equal words have equal ids, and
    ``vocabulary[i]`` is the word with id ``i``.
    """

    text: str
    codes: np.ndarray
    line_start: np.ndarray
    line_end: np.ndarray
    start: np.ndarray
    end: np.ndarray
    line: np.ndarray
    ids: np.ndarray
    vocabulary: list[str]


def tokenise(lines: Sequence[str], fold: Callable[[str], str] = str.lower) -> Tokens:
    """The words of every line after ``fold`` (say ``str.lower``), exactly as ``WORD.findall`` finds them."""
    folded = [fold(line) for line in lines]
    lengths = np.fromiter(map(len, folded), dtype=np.int64, count=len(folded))
    line_start = np.cumsum(lengths + 1) - (lengths + 1)
    text = "\n".join(folded)
    codes = code_points(text)
    classes = _WORD_TABLE(codes)
    run = classes & IN_WORD != 0
    alone = classes & WORD_ALONE != 0
    start = np.flatnonzero(run & ~np.concatenate(([False], run[:-1])) | alone)
    end = np.flatnonzero(run & ~np.concatenate((run[1:], [False])) | alone) + 1
    line = np.searchsorted(line_start, start, side="right") - 1
    ids, first = sequence_ids(codes[run | alone], end - start)  # the words back to back: every word character
    return Tokens(text, codes, line_start, line_start + lengths, start, end, line, ids, _strings(codes, start[first], end[first]))


def _strings(codes: np.ndarray, start: np.ndarray, end: np.ndarray) -> list[str]:
    """The strings ``codes[start[k]:end[k]]`` (no line breaks in them), decoded in one go."""
    lengths = end - start
    total = int(lengths.sum())
    each = np.repeat(np.arange(len(lengths)), lengths)
    joined = np.full(total + len(lengths), ord("\n"), dtype="<u4")  # each string followed by a break
    joined[np.arange(total) + each] = codes[np.arange(total) + np.repeat(start - np.cumsum(lengths) + lengths, lengths)]
    return joined.tobytes().decode("utf-32-le", "surrogatepass").split("\n")[:-1]


_BASE = np.uint64(0x9E3779B97F4A7C15)
_LENGTHS = np.uint64(0xC2B2AE3D27D4EB4F)


def sequence_ids(values: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """An id for each of the sequences that ``values`` holds back to back, ``lengths[k]`` values for sequence ``k``.

    Equal sequences get equal ids; the second array gives the index of each
    id's first sequence. ``values`` are non-negative integers (code points,
    word ids). Sequences are grouped by a polynomial hash of their values
    (modulo 2**64), computed for all of them at once; each sequence is then
    compared value by value with the first of its group, and if any differs
    (a hash collision) the ids come from the sequences' contents instead.
    """
    if not len(lengths):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    end = np.cumsum(lengths)
    start = end - lengths
    offsets = np.arange(len(values)) - np.repeat(start, lengths)  # each value's place in its sequence
    factors = np.full(int(lengths.max()) + 1, _BASE, dtype=np.uint64)
    factors[0] = 1
    terms = values.astype(np.uint64) * np.take(np.cumprod(factors), offsets)  # value * base**place, wrapping
    hashes = np.zeros(len(lengths), dtype=np.uint64)
    filled = lengths > 0
    hashes[filled] = np.add.reduceat(terms, start[filled]) if len(terms) else 0
    ids, first = _group(hashes ^ lengths.astype(np.uint64) * _LENGTHS)  # so [], [0] and [0, 0] differ
    first_of = first[ids]
    same = np.array_equal(lengths[first_of], lengths) and np.array_equal(
        values, values[np.repeat(start[first_of], lengths) + offsets])
    if same:
        return ids, first
    keys = [values[a:b].tobytes() for a, b in zip(start.tolist(), end.tolist())]
    index: dict[bytes, int] = {}
    ids = np.fromiter((index.setdefault(key, len(index)) for key in keys), dtype=np.int64, count=len(keys))
    return ids, np.flatnonzero(ids > np.concatenate(([-1], np.maximum.accumulate(ids)[:-1])))  # ids go up by first use


def _group(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Group ids of ``keys`` (equal keys, equal ids, numbered in key order) and the position of each group's first key.

    As ``np.unique(keys, return_index=True, return_inverse=True)`` gives them,
    at a quarter of its time: that asks for a stable sort (a merge sort) to
    find each group's first key, where an unstable sort and each group's
    smallest position give the same (issue 31).
    """
    order = np.argsort(keys)
    ordered = keys[order]
    new = np.concatenate(([True], ordered[1:] != ordered[:-1]))
    ids = np.empty(len(keys), dtype=np.int64)
    ids[order] = np.cumsum(new) - 1
    return ids, np.minimum.reduceat(order, np.flatnonzero(new))
