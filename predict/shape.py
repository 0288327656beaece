"""Line shape: what a line looks like, independent of its language and topic.

Article sentences are long, end in terminal punctuation, mix short function
words with content words and are written in sentence case; junk (menus,
headlines, share buttons, bylines) is short, title-cased, unpunctuated or cut
off with an ellipsis. These cues carry over to sites and languages the model
has never seen, which word n-grams do not.

Shape runs on every line the filter sees, so the counting is vectorised: the
lines are joined into one array of code points, every character gets its
classes from a table (filled the first time a character is seen), and
characters and words are counted per line with cumulative sums. Only a few
cheap string tests run per line. Logarithms are taken with :mod:`math`, so
every value equals the one the plain per-line definition gives.
"""
from __future__ import annotations

import math
import re
from typing import Callable, Sequence

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from predict.table import texts_of
from predict.tokens import UNSPACED, WORD

TERMINAL = set(".!?。！？؟…")
CLOSERS = set("\"'”’»)]")
QUOTES = "\"“”„«»"
BULLETS = "•-*·►▶"
SEPARATOR_CHARS = "|•·»›«‹/>"  # or a dash between spaces, " - " or " – "
DASHES = "-–"
SENTENCE_BREAK = re.compile(r"[.!?]\s+\W*[A-ZÀ-ÞĀ-Ž]")
# A web or mail address: r"https?://|www\.|\S+@\S+\.\w+|\.(com|org|net|de)\b", case-insensitive, split in
# two because the mail part backtracks over every word and is only worth trying on lines with an "@".
URL = re.compile(r"https?://|www\.|\.(com|org|net|de)\b", re.IGNORECASE)
MAIL = re.compile(r"\S+@\S+\.\w+")
MARKUP = re.compile(r"</?[A-Za-z][\w:-]*(\s[^<>]*)?/?>|\b(src|href|style|class|width|height)=[\"']")

SHAPE_FEATURES = (
    "log_chars", "log_words", "ends_terminal", "ends_colon", "ends_ellipsis",
    "starts_upper", "titlecase_ratio", "all_caps", "digit_ratio", "punct_ratio",
    "short_word_ratio", "log_mean_word_len", "has_separator", "log_sentences",
    "commas_per_word", "has_url", "has_copyright", "no_words", "has_quote", "starts_bullet_or_digit",
    "has_markup",
)

# Character classes, one bit each; KNOWN marks a table entry as filled.
KNOWN, ALPHA, UPPER, DIGIT, SPACE, COMMA, QUOTE, BULLET, SEPARATOR, DASH, WORD_CHAR, WORD_ALONE = (
    1 << bit for bit in range(12)
)
_CLASSES = np.zeros(0x110000, dtype=np.uint16)  # by code point; untouched pages cost no memory


def _char_classes(char: str) -> int:
    """The class bits of one character, from the same str methods and patterns the features are defined by."""
    bits = KNOWN
    for flag, test in (
        (ALPHA, char.isalpha()), (UPPER, char.isupper()), (DIGIT, char.isdigit()), (SPACE, char == " "),
        (COMMA, char == ","), (QUOTE, char in QUOTES), (BULLET, char in BULLETS),
        (SEPARATOR, char in SEPARATOR_CHARS), (DASH, char in DASHES),
        (WORD_ALONE, bool(UNSPACED.fullmatch(char))),
    ):
        bits |= flag if test else 0
    if WORD.fullmatch(char) and not bits & WORD_ALONE:
        bits |= WORD_CHAR
    return bits


def _classes_of(codes: np.ndarray) -> np.ndarray:
    """Class bits of every code point, filling the table for characters not seen before."""
    classes = _CLASSES[codes]
    new = np.unique(codes[classes == 0])
    if len(new):
        _CLASSES[new] = [_char_classes(chr(code)) for code in new.tolist()]
        classes = _CLASSES[codes]
    return classes


def _exact(function: Callable[[float], float], values: np.ndarray) -> np.ndarray:
    """``function`` (a :mod:`math` function) of every value, evaluated once per distinct value."""
    distinct, inverse = np.unique(values, return_inverse=True)
    return np.array([function(v) for v in distinct.tolist()], dtype=np.float64)[inverse].reshape(values.shape)


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    return np.divide(numerator, denominator, out=np.zeros(len(numerator)), where=denominator > 0)


def _log_ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """``log(numerator / denominator)``, 0 where the denominator is 0."""
    out = np.zeros(len(numerator))
    some = denominator > 0
    out[some] = _exact(math.log, numerator[some] / denominator[some])
    return out


def ends_terminal(stripped: str) -> bool:
    """Whether a (stripped) line ends a sentence: terminal mark, closers allowed, no ellipsis."""
    end = stripped.rstrip("".join(CLOSERS))
    return bool(end) and end[-1] in TERMINAL and not end.endswith(("...", "…"))


def _has_copyright(stripped: str) -> bool:
    return "©" in stripped or "(c)" in stripped.lower()


def _has_url(stripped: str) -> bool:
    return bool(URL.search(stripped)) or ("@" in stripped and bool(MAIL.search(stripped)))


def shape_matrix(lines: Sequence[str]) -> np.ndarray:
    """The shape features of many lines: one row per line, columns in the order of ``SHAPE_FEATURES``."""
    n = len(lines)
    out = np.zeros((n, len(SHAPE_FEATURES)))
    stripped = [line.strip() for line in lines]
    n_chars = np.fromiter(map(len, stripped), dtype=np.int64, count=n)
    # Each line followed by "\n" (no class bit, so no count or word crosses a line): line i is codes[start[i]:end[i]].
    text = "".join(line + "\n" for line in stripped)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64)
    start = np.cumsum(n_chars + 1) - (n_chars + 1)
    end = start + n_chars
    classes = _classes_of(codes)

    def per_line(found: np.ndarray) -> np.ndarray:
        """How many of the positions marked in ``found`` each line holds."""
        return np.add.reduceat(found, start, dtype=np.int64) if n else np.zeros(0, np.int64)

    letters, uppers, digits, spaces, commas, quotes, separators = (
        per_line(classes & flag != 0) for flag in (ALPHA, UPPER, DIGIT, SPACE, COMMA, QUOTE, SEPARATOR)
    )
    spaced_dash = np.zeros(len(codes), dtype=bool)
    spaced_dash[1:-1] = (classes[:-2] & SPACE != 0) & (classes[1:-1] & DASH != 0) & (classes[2:] & SPACE != 0)

    words = classes & WORD_CHAR != 0
    alone = classes & WORD_ALONE != 0
    before = np.concatenate(([False], words[:-1]))
    after = np.concatenate((words[1:], [False]))
    word_start = np.flatnonzero(words & ~before | alone)
    word_len = np.flatnonzero(words & ~after | alone) - word_start + 1
    word_line = np.searchsorted(start, word_start, side="right") - 1
    first = classes[word_start]
    alpha_words = first & ALPHA != 0

    def word_count(selected: np.ndarray | None = None) -> np.ndarray:
        return np.bincount(word_line, weights=selected, minlength=n)

    n_words = word_count()
    n_alpha = word_count(alpha_words)

    filled = np.flatnonzero(n_chars)
    head = classes[start[filled]]
    tail = codes[end[filled] - 1]
    dotted = (n_chars[filled] >= 3) & (codes[np.maximum(end[filled] - 3, 0)] == ord(".")) \
        & (codes[end[filled] - 2] == ord(".")) & (tail == ord("."))
    kept = [stripped[i] for i in filled.tolist()]

    def each(test: Callable[[str], object]) -> np.ndarray:
        return np.fromiter((bool(test(line)) for line in kept), dtype=bool, count=len(kept))

    sentence_breaks = np.fromiter((len(SENTENCE_BREAK.findall(line)) for line in kept), dtype=np.int64, count=len(kept))

    columns = {
        "log_chars": _exact(math.log1p, n_chars[filled]),
        "log_words": _exact(math.log1p, n_words[filled]),
        "ends_terminal": each(ends_terminal),
        "ends_colon": tail == ord(":"),
        "ends_ellipsis": dotted | (tail == ord("…")),
        "starts_upper": head & UPPER != 0,
        "titlecase_ratio": _ratio(word_count(alpha_words & (first & UPPER != 0)), n_alpha)[filled],
        "all_caps": (letters >= 2)[filled] & (uppers == letters)[filled],
        "digit_ratio": digits[filled] / n_chars[filled],
        "punct_ratio": (n_chars - letters - digits - spaces)[filled] / n_chars[filled],
        "short_word_ratio": _ratio(word_count(word_len <= 3), n_words)[filled],
        "log_mean_word_len": _log_ratio(word_count(word_len)[filled], n_words[filled]),
        "has_separator": (separators + per_line(spaced_dash) > 0)[filled],
        "log_sentences": _exact(math.log1p, sentence_breaks),
        "commas_per_word": _ratio(commas, n_words)[filled],
        "has_url": each(_has_url),
        "has_copyright": each(_has_copyright),
        "no_words": n_words[filled] == 0,
        "has_quote": quotes[filled] > 0,
        "starts_bullet_or_digit": (head & ALPHA == 0) & (head & (DIGIT | BULLET) != 0),
        "has_markup": each(MARKUP.search),
    }
    for index, name in enumerate(SHAPE_FEATURES):
        out[filled, index] = columns[name]
    out[n_chars == 0, SHAPE_FEATURES.index("no_words")] = 1.0
    return out


def line_shape(line: str) -> list[float]:
    """The shape features of one line, in the order of ``SHAPE_FEATURES``."""
    return shape_matrix([line])[0].tolist()


class LineShape(TransformerMixin, BaseEstimator):
    """Dense shape features of every line of a line table (stateless)."""

    def fit(self, X, y=None):
        return self

    def transform(self, X) -> np.ndarray:
        return shape_matrix(texts_of(X))

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.asarray(SHAPE_FEATURES, dtype=object)
