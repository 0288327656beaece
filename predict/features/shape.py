"""Line shape: what a line looks like, independent of its language and topic.

Article sentences are long, end in terminal punctuation, mix short function
words with content words and are written in sentence case; junk (menus,
headlines, share buttons, bylines) is short, title-cased, unpunctuated or cut
off with an ellipsis, and listed stories, bylines and comments are stamped
with a clock time that article prose rarely holds. These cues carry over to
sites and languages the model has never seen, which word n-grams do not.

Shape runs on every line the filter sees, so the counting is vectorised: the
lines are joined into one array of code points, every character gets its
classes from a table (see :mod:`predict.features.kernels.chartable`), and characters and words
are counted per line with cumulative sums. The few features defined by a
regular expression run it only on the lines that a vectorised test of their
characters shows can match. Logarithms are taken with :mod:`math`, so every
value equals the one the plain per-line definition gives.
"""
from __future__ import annotations

import math
import re
from typing import Callable

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from predict.features.kernels.chartable import CharTable
from predict.features.kernels.documents import distinct
from predict.features.text import Characters, TextBatch, text_batch
from predict.features.kernels.tokens import IN_WORD, word_classes
from predict.features.kernels.tokens import WORD_ALONE as ALONE

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
# A clock time ("18:45", "6:21 AM"): the stamp of a listed story, a byline or a comment, rarely in article prose.
CLOCK_TIME = re.compile(r"[0-9]:[0-9]{2}(?![0-9])")
MARKUP = re.compile(r"</?[A-Za-z][\w:-]*(\s[^<>]*)?/?>|\b(src|href|style|class|width|height)=[\"']")

SHAPE_FEATURES = (
    "log_chars", "log_words", "ends_terminal", "ends_colon", "ends_ellipsis",
    "starts_upper", "titlecase_ratio", "all_caps", "digit_ratio", "punct_ratio",
    "short_word_ratio", "log_mean_word_len", "has_separator", "log_sentences",
    "commas_per_word", "has_url", "has_copyright", "no_words", "has_quote", "starts_bullet_or_digit",
    "has_markup", "has_clock_time",
)
CLOCK_FEATURES = ("has_clock_time",)
"""Shape features since 0.11.0: models saved before leave them out (``LineShape(clock_time=False)``)."""

# Character classes, one bit each.
(ALPHA, UPPER, DIGIT, SPACE, WHITESPACE, COMMA, QUOTE, BULLET, SEPARATOR, DASH, CLOSER, TERMINAL_MARK,
 WORD_CHAR, WORD_ALONE, TRIGGER) = (1 << bit for bit in range(15))
TRIGGERS = ".!?:wW@©(<="  # the characters the pre-checks of the regular-expression features start from


def _char_classes(char: str) -> int:
    """The class bits of one character, from the same str methods and patterns the features are defined by."""
    bits = 0
    word = word_classes(char)
    for flag, test in (
        (ALPHA, char.isalpha()), (UPPER, char.isupper()), (DIGIT, char.isdigit()), (SPACE, char == " "),
        (WHITESPACE, char.isspace()), (COMMA, char == ","), (QUOTE, char in QUOTES), (BULLET, char in BULLETS),
        (SEPARATOR, char in SEPARATOR_CHARS), (DASH, char in DASHES), (CLOSER, char in CLOSERS),
        (TERMINAL_MARK, char in TERMINAL), (TRIGGER, char in TRIGGERS),
        (WORD_CHAR, bool(word & IN_WORD)), (WORD_ALONE, bool(word & ALONE)),
    ):
        bits |= flag if test else 0
    return bits


_CLASSES = CharTable(_char_classes)


def _exact(function: Callable[[float], float], values: np.ndarray) -> np.ndarray:
    """``function`` (a :mod:`math` function) of every value, evaluated once per distinct value."""
    each, inverse = np.unique(values, return_inverse=True)
    return np.array([function(v) for v in each.tolist()], dtype=np.float64)[inverse].reshape(values.shape)


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    return np.divide(numerator, denominator, out=np.zeros(len(numerator)), where=denominator > 0)


def _log_ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """``log(numerator / denominator)``, 0 where the denominator is 0."""
    out = np.zeros(len(numerator))
    some = denominator > 0
    out[some] = _exact(math.log, numerator[some] / denominator[some])
    return out


def char_classes(batch: TextBatch) -> np.ndarray:
    """The class bits of every character of ``batch.characters``."""
    return _CLASSES(batch.characters.codes)


def ends_terminal(batch: TextBatch) -> np.ndarray:
    """Whether each (stripped) line ends a sentence: terminal mark, closers allowed, no ellipsis."""
    codes, start, end = batch.characters.codes, batch.characters.start, batch.characters.end
    classes = batch.once(char_classes)
    # the line's last character that is no closer: before the run of closers its end is in, if any
    mark = np.maximum(end - 1, 0)
    closers = np.flatnonzero(classes & CLOSER != 0)  # (a mask: nonzero on integers takes seven times longer)
    if len(closers):
        run_head = np.maximum.accumulate(np.where(np.diff(closers, prepend=-2) != 1, closers, 0))
        at = np.minimum(np.searchsorted(closers, mark), len(closers) - 1)
        in_run = closers[at] == mark
        mark[in_run] = run_head[at[in_run]] - 1  # (the break before a line is no closer)
    ends = codes[mark]
    dots = (mark - 2 >= start) & (codes[np.maximum(mark - 2, 0)] == ord(".")) \
        & (codes[np.maximum(mark - 1, 0)] == ord(".")) & (ends == ord("."))
    return (mark >= start) & (end > start) & (classes[mark] & TERMINAL_MARK != 0) & (ends != ord("…")) & ~dots


def _triggers(batch: TextBatch) -> np.ndarray:
    """Where the characters of ``TRIGGERS`` are, in ``batch.characters``."""
    return np.flatnonzero(batch.once(char_classes) & TRIGGER != 0)


def _positions(batch: TextBatch, first: str, *following: str) -> np.ndarray:
    """Positions of a character of ``first`` (from ``TRIGGERS``) followed by one of each of ``following`` in turn."""
    codes = batch.characters.codes
    found = batch.once(_triggers)
    for offset, charset in enumerate((first, *following)):
        at = codes[np.minimum(found + offset, len(codes) - 1)]
        found = found[np.logical_or.reduce([at == ord(c) for c in charset])]
    return found


def _lines_with(batch: TextBatch, first: str, *following: str) -> np.ndarray:
    """The lines (sorted indices) holding the characters :func:`_positions` looks for, e.g. "(", "cC", ")"."""
    return distinct(np.searchsorted(batch.characters.start, _positions(batch, first, *following), side="right") - 1)


def _matching(chars: Characters, test: Callable[[str], object], candidates: np.ndarray) -> np.ndarray:
    """Whether ``test`` is true of each line; tried only on the ``candidates``, every other line counts as false."""
    out = np.zeros(len(chars.stripped), dtype=bool)
    out[candidates] = [bool(test(chars.stripped[i])) for i in candidates.tolist()]
    return out


def _sentence_breaks(batch: TextBatch) -> np.ndarray:
    """How many times ``SENTENCE_BREAK`` matches each line (only lines with a stop before a space can match)."""
    chars = batch.characters
    stop = _positions(batch, ".!?")
    line_end = chars.end[np.minimum(np.searchsorted(chars.end, stop + 1), len(chars.end) - 1)] == stop + 1
    stop = stop[(batch.once(char_classes)[stop + 1] & WHITESPACE != 0) & ~line_end]
    candidates = distinct(np.searchsorted(chars.start, stop, side="right") - 1)  # (a line's end starts no sentence)
    out = np.zeros(len(chars.stripped), dtype=np.int64)
    out[candidates] = [len(SENTENCE_BREAK.findall(chars.stripped[i])) for i in candidates.tolist()]
    return out


def _has_url(batch: TextBatch) -> np.ndarray:
    """``URL`` or ``MAIL`` found in the line, tried on lines with "://", "www.", ".c/.o/.n/.d" or "@"."""
    chars = batch.characters
    candidates = distinct(np.concatenate((_lines_with(batch, ":", "/", "/"), _lines_with(batch, ".", "cCoOnNdD"),
                                          _lines_with(batch, "wW", "wW", "wW", "."))))
    return _matching(chars, URL.search, candidates) | _matching(chars, MAIL.search, _lines_with(batch, "@"))


def _has_copyright(batch: TextBatch) -> np.ndarray:
    """"©" or "(c)" in any case: only "c" and "C" lowercase to a "c", so "(c)" in the lowercased line is this."""
    out = np.zeros(len(batch.texts), dtype=bool)
    out[_lines_with(batch, "©")] = True
    out[_lines_with(batch, "(", "cC", ")")] = True
    return out


def _has_markup(batch: TextBatch) -> np.ndarray:
    """``MARKUP`` found in the line, tried on lines with "<" before a letter or "/", or "=" before a quote."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    candidates = distinct(np.concatenate((_lines_with(batch, "<", letters + "/"), _lines_with(batch, "=", "\"'"))))
    return _matching(batch.characters, MARKUP.search, candidates)


def _has_clock_time(batch: TextBatch) -> np.ndarray:
    """``CLOCK_TIME`` found in the line, tried on lines with ":" before two digits."""
    digits = "0123456789"
    return _matching(batch.characters, CLOCK_TIME.search, _lines_with(batch, ":", digits, digits))


def shape_matrix(batch: TextBatch) -> np.ndarray:
    """The shape features of many lines: one row per line, columns in the order of ``SHAPE_FEATURES``."""
    chars = batch.characters
    n = len(chars.stripped)
    out = np.zeros((n, len(SHAPE_FEATURES)))
    codes, start, end = chars.codes, chars.start, chars.end
    n_chars = end - start
    classes = batch.once(char_classes)

    def per_line(found: np.ndarray) -> np.ndarray:
        """How many of the positions marked in ``found`` each line holds."""
        return np.add.reduceat(found.view(np.uint8), start, dtype=np.int32).astype(np.int64) if n else np.zeros(0, np.int64)

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

    columns = {
        "log_chars": _exact(math.log1p, n_chars[filled]),
        "log_words": _exact(math.log1p, n_words[filled]),
        "ends_terminal": batch.once(ends_terminal)[filled],
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
        "log_sentences": _exact(math.log1p, _sentence_breaks(batch)[filled]),
        "commas_per_word": _ratio(commas, n_words)[filled],
        "has_url": _has_url(batch)[filled],
        "has_copyright": _has_copyright(batch)[filled],
        "no_words": n_words[filled] == 0,
        "has_quote": quotes[filled] > 0,
        "starts_bullet_or_digit": (head & ALPHA == 0) & (head & (DIGIT | BULLET) != 0),
        "has_markup": _has_markup(batch)[filled],
        "has_clock_time": _has_clock_time(batch)[filled],
    }
    for index, name in enumerate(SHAPE_FEATURES):
        out[filled, index] = columns[name]
    out[n_chars == 0, SHAPE_FEATURES.index("no_words")] = 1.0
    return out


def line_shape(line: str) -> list[float]:
    """The shape features of one line, in the order of ``SHAPE_FEATURES``."""
    return shape_matrix(TextBatch([line]))[0].tolist()


class LineShape(TransformerMixin, BaseEstimator):
    """Dense shape features of every line of a line table (stateless).

    Parameters
    ----------
    clock_time : bool, default=True
        Include ``CLOCK_FEATURES`` (clock times such as "Updated 18:45"); False
        leaves them out, the features models before 0.11.0 were fitted on.

    Attributes
    ----------
    None: each line's shape is measured, nothing is learned.
    """

    def __init__(self, clock_time: bool = True):
        self.clock_time = clock_time

    def fit(self, X, y=None):
        return self

    def _kept(self) -> list[bool]:
        """Which of ``SHAPE_FEATURES`` this transformer gives."""
        return [self.clock_time or name not in CLOCK_FEATURES for name in SHAPE_FEATURES]

    def transform(self, X) -> np.ndarray:
        out = shape_matrix(text_batch(X))
        return out if self.clock_time else out[:, self._kept()]

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.asarray(SHAPE_FEATURES, dtype=object)[self._kept()]
