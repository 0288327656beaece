"""Line shape: what a line looks like, independent of its language and topic.

Article sentences are long, end in terminal punctuation, mix short function
words with content words and are written in sentence case; junk (menus,
headlines, share buttons, bylines) is short, title-cased, unpunctuated or cut
off with an ellipsis. These cues carry over to sites and languages the model
has never seen, which word n-grams do not.
"""
from __future__ import annotations

import math
import re

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from predict.table import texts_of
from predict.tokens import WORD

TERMINAL = set(".!?。！？؟…")
CLOSERS = set("\"'”’»)]")
SEPARATORS = re.compile(r"[|•·»›«‹/>]| - | – ")
SENTENCE_BREAK = re.compile(r"[.!?]\s+\W*[A-ZÀ-ÞĀ-Ž]")
MARKUP = re.compile(r"</?[A-Za-z][\w:-]*(\s[^<>]*)?/?>|\b(src|href|style|class|width|height)=[\"']")
URL_OR_MAIL = re.compile(r"https?://|www\.|\S+@\S+\.\w+|\.(com|org|net|de)\b", re.IGNORECASE)

SHAPE_FEATURES = (
    "log_chars", "log_words", "ends_terminal", "ends_colon", "ends_ellipsis",
    "starts_upper", "titlecase_ratio", "all_caps", "digit_ratio", "punct_ratio",
    "short_word_ratio", "log_mean_word_len", "has_separator", "log_sentences",
    "commas_per_word", "has_url", "has_copyright", "no_words", "has_quote", "starts_bullet_or_digit",
    "has_markup",
)


def ends_terminal(stripped: str) -> bool:
    """Whether a (stripped) line ends a sentence: terminal mark, closers allowed, no ellipsis."""
    end = stripped.rstrip("".join(CLOSERS))
    return bool(end) and end[-1] in TERMINAL and not end.endswith(("...", "…"))


def line_shape(line: str) -> list[float]:
    """The shape features of one line, in the order of ``SHAPE_FEATURES``."""
    stripped = line.strip()
    tokens = WORD.findall(stripped)
    n_chars = len(stripped)
    n_words = len(tokens)
    if n_chars == 0:
        return [0.0] * 17 + [1.0, 0.0, 0.0, 0.0]
    alpha = [t for t in tokens if t[0].isalpha()]
    letters = sum(c.isalpha() for c in stripped)
    uppers = sum(c.isupper() for c in stripped)
    digits = sum(c.isdigit() for c in stripped)
    spaces = stripped.count(" ")
    punct = n_chars - letters - digits - spaces
    first = stripped[0]
    return [
        math.log1p(n_chars),
        math.log1p(n_words),
        float(ends_terminal(stripped)),
        float(stripped.endswith(":")),
        float(stripped.endswith(("...", "…"))),
        float(first.isupper()),
        sum(t[0].isupper() for t in alpha) / len(alpha) if alpha else 0.0,
        float(letters >= 2 and uppers == letters),
        digits / n_chars,
        punct / n_chars,
        sum(len(t) <= 3 for t in tokens) / n_words if n_words else 0.0,
        math.log(sum(map(len, tokens)) / n_words) if n_words else 0.0,
        float(bool(SEPARATORS.search(stripped))),
        math.log1p(len(SENTENCE_BREAK.findall(stripped))),
        stripped.count(",") / n_words if n_words else 0.0,
        float(bool(URL_OR_MAIL.search(stripped))),
        float("©" in stripped or "(c)" in stripped.lower()),
        float(n_words == 0),
        float(any(q in stripped for q in "\"“”„«»")),
        float(not first.isalpha() and (first.isdigit() or first in "•-*·►▶")),
        float(bool(MARKUP.search(stripped))),
    ]


class LineShape(TransformerMixin, BaseEstimator):
    """Dense shape features of every line of a line table (stateless)."""

    def fit(self, X, y=None):
        return self

    def transform(self, X) -> np.ndarray:
        rows = [line_shape(t) for t in texts_of(X)]
        return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(SHAPE_FEATURES))

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.asarray(SHAPE_FEATURES, dtype=object)
