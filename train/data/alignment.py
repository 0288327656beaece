"""Labelling a scraped file by aligning it, fuzzily, with its clean version.

A raw + clean pair is the cheapest labelled example to make: save what the
scraper produced, save the article as a person wants it, and every raw line
that appears in the clean text is content, every other line junk. The two
versions rarely agree character for character (quote styles, number formats,
an edited word, a lede shown twice, chrome such as "Share:" kept in the clean
copy), so lines are compared after normalisation and by overlap, never by a
strict diff, and each raw line is judged on its own: repeated lines all count.

Per raw line, cheapest test first:

1. blank: unknown (-1); it is neither article nor junk.
2. its normalised form equals a whole normalised clean line: content.
3. shorter than ``MIN_TOKENS`` words: junk (a section label such as "WORLD"
   is content only by rule 2).
4. at least ``MIN_OVERLAP`` of its word 3-grams occur in the clean text (a
   sentence split off a clean paragraph, or a few words changed): content.
   Rules 2-4 are how the shared realpages corpus was labelled against its gold.
5. its normalised form is at least ``MIN_RATIO`` similar (rapidfuzz ratio) to
   a clean line (edits too dense for 3-grams): content.
6. otherwise junk.
"""
from __future__ import annotations

import unicodedata
from typing import Sequence

from rapidfuzz import fuzz, process

from predict.features.kernels.tokens import words
from train.data.documents import CONTENT, JUNK, UNKNOWN

MIN_TOKENS = 4
MIN_OVERLAP = 0.5
MIN_RATIO = 85.0
SHINGLE = 3


def align_key(line: str) -> str:
    """The comparable form of a line: NFKC, casefolded words, numbers and punctuation gone.

    So quote styles and number formats ("1,00,000", "100,000") never matter.
    A line without any such word (``***``, ``2024``) keeps its casefolded,
    whitespace-collapsed text so that it can still match itself.
    """
    text = unicodedata.normalize("NFKC", line).casefold()
    return " ".join(word for word in words(text) if not word.isdigit()) or " ".join(text.split())


def normalise_space(text: str) -> str:
    """Collapse every run of whitespace (line breaks included) to one space and strip: how a
    snippet is matched against a line or a page's kept text, as the snippet scores define it."""
    return " ".join(text.split())


def word_shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    """The distinct ``SHINGLE``-grams of a list of words."""
    return {tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}


def align_lines(raw_lines: Sequence[str], clean_lines: Sequence[str]) -> list[int]:
    """Label each raw line 1 (content: it is in the clean version), 0 (junk) or -1 (blank)."""
    clean_keys = [key for key in map(align_key, clean_lines) if key]
    whole = set(clean_keys)
    clean_shingles = set().union(*(word_shingles(key.split()) for key in clean_keys))
    labels = []
    for line in raw_lines:
        key = align_key(line)
        tokens = key.split()
        if not key:
            labels.append(UNKNOWN)
        elif key in whole:
            labels.append(CONTENT)
        elif len(tokens) < MIN_TOKENS:
            labels.append(JUNK)
        else:
            grams = word_shingles(tokens)
            overlap = len(grams & clean_shingles) / len(grams)
            similar = overlap >= MIN_OVERLAP or (
                process.extractOne(key, clean_keys, scorer=fuzz.ratio, score_cutoff=MIN_RATIO) is not None
            )
            labels.append(CONTENT if similar else JUNK)
    return labels
