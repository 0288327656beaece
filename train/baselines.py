"""Baseline line filters that the trained model is measured against.

Every baseline answers the same question as the model (which lines of a
document to keep) through the same small interface, so the evaluation table
and the speed benchmark treat them alike:

- ``name``: how the baseline is listed in tables;
- ``fit(docs) -> self``: learns from labelled documents (a no-op for rules);
- ``keep_documents(documents) -> list[np.ndarray]``: one boolean keep mask per
  document, given each document as a sequence of lines.

A baseline that scores lines (the isolated TF-IDF + LR) also has
``score_documents`` (content probabilities) and ``keep_scored`` (the keep
masks of documents it has scored), so its calibration can be measured as
the model's is.

The two HTML extractors (jusText, trafilatura) are run on a minimal HTML page
with one ``<p>`` per line and their output mapped back to lines. They are
optional extras (``pip install .[eval]``), imported only when used.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from functools import lru_cache
from itertools import chain
from typing import Protocol, Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer

from predict.features.table import make_table, text_column
from predict.model import DEFAULT_THRESHOLD, JunkFilter
from train.data.alignment import normalise_space
from train.data.documents import UNKNOWN, LabelledDocument

Documents = Sequence[Sequence[str]]


class Baseline(Protocol):
    """What the evaluation table and the speed benchmark need from a baseline."""

    name: str

    def fit(self, docs: Sequence[LabelledDocument]) -> "Baseline": ...

    def keep_documents(self, documents: Documents) -> list[np.ndarray]: ...


class KeepAll:
    """Keeps every line: the scraper's text as it comes, with a recall of 1."""

    name = "keep-all"

    def fit(self, docs: Sequence[LabelledDocument]) -> "KeepAll":
        return self

    def keep_documents(self, documents: Documents) -> list[np.ndarray]:
        return [np.ones(len(lines), dtype=bool) for lines in documents]


# The line rules of tensorflow_datasets' c4_utils.clean_page, the code that built C4.
C4_END_MARKS = (".", "?", "!", '"')
C4_ELLIPSIS = "..."
C4_POLICY_SUBSTRINGS = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")
C4_CITATION = re.compile(r"\[\d*\]|\[edit\]|\[citation needed\]")


class C4LineRule:
    """The C4 line filter (Raffel et al. 2020), line rules only.

    Implements the line-level rules of tensorflow_datasets' ``c4_utils.clean_page``,
    in its order: drop a line with a word longer than ``max_word_length``
    characters; strip Wikipedia-style citations (``[1]``, ``[edit]``,
    ``[citation needed]``); drop a line that does not end in ``. ? ! "`` or that
    ends in an ellipsis; drop a line of fewer than ``min_words`` words; drop a
    line mentioning "javascript"; drop a policy/cookie line ("terms of use",
    "privacy policy", "use cookies", ...).

    ``min_words`` defaults to 5, the value of ``c4_utils`` (the C4 paper's text
    and datatrove's port say 3). The page-level rules (drop the whole page for
    "lorem ipsum", a ``{``, a bad word or fewer than 3 sentences) and the
    cross-page line deduplication are left out: this baseline judges lines.
    """

    name = "c4-line-rule"

    def __init__(self, min_words: int = 5, max_word_length: int = 1000) -> None:
        self.min_words = min_words
        self.max_word_length = max_word_length

    def fit(self, docs: Sequence[LabelledDocument]) -> "C4LineRule":
        return self

    def drop_reason(self, line: str) -> str | None:
        """Why the rule drops this line (``too_long_word``, ``no_endmark``, ``too_short``,
        ``javascript``, ``policy``), or None if it keeps it."""
        line = line.strip()
        if any(len(word) > self.max_word_length for word in line.split()):
            return "too_long_word"
        line = C4_CITATION.sub("", line)
        if not line.endswith(C4_END_MARKS) or line.endswith(C4_ELLIPSIS):
            return "no_endmark"
        if len(line.split()) < self.min_words:
            return "too_short"
        lower = line.lower()
        if "javascript" in lower:
            return "javascript"
        if any(policy in lower for policy in C4_POLICY_SUBSTRINGS):
            return "policy"
        return None

    def keep_documents(self, documents: Documents) -> list[np.ndarray]:
        return [np.array([self.drop_reason(line) is None for line in lines], dtype=bool) for lines in documents]


def lines_to_html(lines: Sequence[str]) -> str:
    """A minimal HTML page with one ``<p>`` per line, text HTML-escaped."""
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return f"<html><body>{body}</body></html>"


AUTO_STOPLIST = "auto"
FALLBACK_STOPLIST = "English"
_WORD = re.compile(r"\w+")
_PARAGRAPH_INDEX = re.compile(r"/p\[(\d+)\]$")


class JusTextLines:
    """jusText with paragraphs = lines: keeps the lines it does not call boilerplate.

    ``stoplist`` is a jusText stoplist name (``justext.get_stoplists()``), or
    ``"auto"`` to pick, per document, the stoplist that matches the most of
    its lowercased words, English when none is a stopword (a cheap language
    guess that is right for German, English, Polish, French and Spanish
    pages). jusText's own thresholds are kept at their defaults.
    """

    name = "justext"

    def __init__(self, stoplist: str = AUTO_STOPLIST) -> None:
        self.stoplist = stoplist

    def fit(self, docs: Sequence[LabelledDocument]) -> "JusTextLines":
        return self

    def keep_documents(self, documents: Documents) -> list[np.ndarray]:
        if self.stoplist != AUTO_STOPLIST and self.stoplist not in _stoplists():
            raise ValueError(
                f"jusText has no stoplist {self.stoplist!r}; use {AUTO_STOPLIST!r} or one of justext.get_stoplists()"
            )
        return [self._keep(lines) for lines in documents]

    def stoplist_for(self, lines: Sequence[str]) -> str:
        """The stoplist name used for one document."""
        if self.stoplist != AUTO_STOPLIST:
            return self.stoplist
        names, languages_of = _stoplist_index()
        words = Counter(_WORD.findall(" ".join(lines).lower()))
        found = [word for word in words if word in languages_of]
        if not found:
            return FALLBACK_STOPLIST
        languages = [languages_of[word] for word in found]
        hits = np.bincount(
            np.concatenate(languages),
            weights=np.repeat([words[word] for word in found], [len(ids) for ids in languages]),
            minlength=len(names),
        )
        return names[int(np.argmax(hits))]

    def _keep(self, lines: Sequence[str]) -> np.ndarray:
        import justext

        keep = np.zeros(len(lines), dtype=bool)
        if not lines:
            return keep
        stopwords = _stoplists()[self.stoplist_for(lines)]
        for paragraph in justext.justext(lines_to_html(lines), stopwords):
            if not paragraph.is_boilerplate:
                keep[int(_PARAGRAPH_INDEX.search(paragraph.xpath).group(1)) - 1] = True
        return keep


@lru_cache(maxsize=1)
def _stoplists() -> dict[str, frozenset[str]]:
    """Every stoplist jusText ships, by language name in sorted order (read once)."""
    import justext

    return {name: frozenset(justext.get_stoplist(name)) for name in sorted(justext.get_stoplists())}


@lru_cache(maxsize=1)
def _stoplist_index() -> tuple[list[str], dict[str, np.ndarray]]:
    """Stoplist names, and for every stopword the indices (into the names) of the stoplists holding it."""
    stoplists = _stoplists()
    names = list(stoplists)
    holders: dict[str, list[int]] = {}
    for index, name in enumerate(names):
        for word in stoplists[name]:
            holders.setdefault(word, []).append(index)
    return names, {word: np.array(ids) for word, ids in holders.items()}


class TrafilaturaLines:
    """trafilatura's ``extract`` on the one-``<p>``-per-line page, mapped back to lines
    with :func:`match_extracted`."""

    name = "trafilatura"

    def fit(self, docs: Sequence[LabelledDocument]) -> "TrafilaturaLines":
        return self

    def keep_documents(self, documents: Documents) -> list[np.ndarray]:
        import trafilatura

        return [match_extracted(lines, trafilatura.extract(lines_to_html(lines)) if lines else None) for lines in documents]


def match_extracted(lines: Sequence[str], extracted: str | None) -> np.ndarray:
    """Which lines an extractor's output text kept.

    Each output line keeps the first input line, after the previous match,
    whose whitespace-normalised text equals it. Output lines that the
    extractor rewrote (so that no input line equals them; rare) keep nothing.
    """
    keep = np.zeros(len(lines), dtype=bool)
    normalised = [normalise_space(line) for line in lines]
    position = 0
    for out_line in (extracted or "").splitlines():
        target = normalise_space(out_line)
        match = next((i for i in range(position, len(lines)) if normalised[i] == target), None) if target else None
        if match is not None:
            keep[match] = True
            position = match + 1
    return keep


class IsolatedTfidfLR:
    """TF-IDF + logistic regression on each line alone, blind to its neighbours.

    Word 1-2 grams with sublinear tf and at most ``max_features`` terms; trained
    on every labelled line (label != -1) weighted by its document's weight. A
    line is kept when its content probability is at least ``threshold``. The
    fitted ``pipeline_`` takes a line table (see :mod:`predict.features.table`), so it
    can be saved and served like the real model.
    """

    name = "isolated-tfidf-lr"

    def __init__(self, max_features: int = 100_000, C: float = 1.0, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.max_features = max_features
        self.C = C
        self.threshold = threshold

    def fit(self, docs: Sequence[LabelledDocument]) -> "IsolatedTfidfLR":
        table = make_table(doc.lines for doc in docs)
        labels = np.fromiter(chain.from_iterable(doc.labels for doc in docs), dtype=np.int64)
        weights = np.repeat([doc.weight for doc in docs], [len(doc.lines) for doc in docs])
        labelled = labels != UNKNOWN
        if len(np.unique(labels[labelled])) < 2:
            raise ValueError("IsolatedTfidfLR needs both content (1) and junk (0) lines to train on")
        self.pipeline_ = Pipeline(
            [
                ("text", FunctionTransformer(text_column)),
                (
                    "tfidf",
                    TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, max_features=self.max_features),
                ),
                ("lr", LogisticRegression(C=self.C, max_iter=1000)),
            ]
        )
        self.pipeline_.fit(table[labelled], labels[labelled], lr__sample_weight=weights[labelled])
        return self

    def score_documents(self, documents: Documents) -> list[np.ndarray]:
        """Content probability of every line, one array per document."""
        if not hasattr(self, "pipeline_"):
            raise RuntimeError("IsolatedTfidfLR is not fitted yet; call fit(docs) first")
        return JunkFilter(self.pipeline_).score_documents(documents)

    def keep_scored(self, documents: Documents, scores: Sequence[np.ndarray]) -> list[np.ndarray]:
        """Keep masks of documents already scored by :meth:`score_documents`: every line at ``threshold``."""
        return [proba >= self.threshold for proba in scores]

    def keep_documents(self, documents: Documents) -> list[np.ndarray]:
        return self.keep_scored(documents, self.score_documents(documents))
