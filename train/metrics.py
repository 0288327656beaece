"""Scores for a line filter, as the shared corpora README defines them.

One call, :func:`document_figures`, scores any corpus: it returns the body F1
for documents carrying a gold article body, the line F1 for documents with
line labels, and the snippet precision/recall/F1 for documents with
``with``/``without`` snippets, so an evaluation table needs no per-corpus
code. Calibration measures for predicted probabilities live here too.

Body F1 follows the scrapinghub article-extraction-benchmark (``evaluate.py``):

- tokens are ``\\w+`` matches (Unicode, case kept), so punctuation and line
  breaks never matter and every language tokenises the same way;
- shingles are the token 4-grams, counted as a multiset (a text shorter than
  four tokens is one shingle of all its tokens, an empty text has none);
- per page, tp/fp/fn are the multiset overlap and differences, normalised to
  sum to 1 so long pages weigh no more than short ones;
- precision is averaged over pages that kept some text and recall over pages
  whose gold is not empty (a page where nothing was kept does not lower the
  precision; it lowers the recall); F1 is taken from the two averages.
  Where no page kept anything, the precision is 0 (the benchmark leaves it
  undefined).

The kept text of a page is its kept lines, minus lines of kind ``title``,
joined by newlines.

Word F1 follows WCXB (the Web Content eXtraction Benchmark): lower-cased
``\\w+`` tokens of all kept lines and of the gold text as multisets; per page
precision = shared / kept and recall = shared / gold tokens, F1 per page (1.0
when both are empty, 0.0 when one is), averaged over pages: over all pages
with a ``page_type``, and per page type.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from train.data.alignment import normalise_space
from train.data.documents import TITLE_KIND, UNKNOWN, LabelledDocument
from train.data.threads import ARTICLE, comment_lines

SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 of one score, and how many items it counted.

    ``support`` is pages for body F1, scored lines for line F1 and snippets
    for snippet F1.
    """

    precision: float
    recall: float
    f1: float
    support: int

    def as_dict(self, prefix: str) -> dict[str, float]:
        """``{prefix_precision: ..., prefix_recall: ..., prefix_f1: ..., prefix_support: ...}``."""
        return {
            f"{prefix}_precision": self.precision,
            f"{prefix}_recall": self.recall,
            f"{prefix}_f1": self.f1,
            f"{prefix}_support": self.support,
        }


def f1_from(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall; 0 when both are 0."""
    total = precision + recall
    return float(2 * precision * recall / total) if total > 0 else 0.0


def shingles(text: str, n: int = SHINGLE_SIZE) -> Counter:
    """Multiset of the token n-grams of ``text`` (see the module docstring)."""
    tokens = _TOKEN.findall(text)
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def shingle_tp_fp_fn(gold: str, predicted: str, n: int = SHINGLE_SIZE) -> tuple[float, float, float]:
    """Shingle overlap of one page, normalised so tp + fp + fn = 1 (all 0 if both texts are empty)."""
    true, pred = shingles(gold, n), shingles(predicted, n)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def word_f1(kept: str, gold: str) -> float:
    """WCXB's word F1 of one page: lower-cased ``\\w+`` tokens of the kept text against the gold, as multisets.

    Precision is shared tokens over kept tokens, recall shared tokens over gold
    tokens; 1.0 when both texts are empty, 0.0 when only one is.
    """
    kept_words, gold_words = Counter(_TOKEN.findall(kept.lower())), Counter(_TOKEN.findall(gold.lower()))
    if not kept_words or not gold_words:
        return float(not kept_words and not gold_words)
    shared = sum((kept_words & gold_words).values())
    return f1_from(shared / sum(kept_words.values()), shared / sum(gold_words.values()))


def word_scores(docs: Sequence[LabelledDocument], keep_masks: Sequence[np.ndarray]) -> dict[str, float]:
    """:func:`word_text_scores` of the kept lines of each page, joined by newlines, its headline left out
    as body F1 leaves it out: the gold texts hold no headline, and whether it is kept is ``kept_title``."""
    texts = [kept_text(doc, keep, skip_titles=True) for doc, keep in _paired(docs, keep_masks)]
    return word_text_scores(docs, texts)


def word_text_scores(docs: Sequence[LabelledDocument], texts: Sequence[str]) -> dict[str, float]:
    """Word F1 of each page's kept text, averaged over the pages that have a ``page_type`` and a
    gold text (``word_f1``), and per page type (``word_f1_<type>``); empty where no page has them."""
    by_type: dict[str, list[float]] = {}
    for doc, text in zip(docs, texts, strict=True):
        if doc.page_type is not None and doc.gold is not None:
            by_type.setdefault(doc.page_type, []).append(word_f1(text, doc.gold))
    if not by_type:
        return {}
    result = {"word_f1": float(np.mean([f for values in by_type.values() for f in values]))}
    result.update({f"word_f1_{kind}": float(np.mean(values)) for kind, values in sorted(by_type.items())})
    return result


def comments_kept(docs: Sequence[LabelledDocument], keep_masks: Sequence[np.ndarray]) -> dict[str, float]:
    """The share of readers' comment lines kept (``comments_kept``), over the pages whose comment
    thread :func:`train.data.threads.comment_lines` identifies, with their line count
    (``comments_support``); empty where no page has one."""
    kept = total = 0
    for doc, keep in _paired(docs, keep_masks):
        found = comment_lines(doc)
        total += len(found)
        kept += int(_checked_mask(doc, keep)[found].sum()) if found else 0
    return {"comments_kept": kept / total, "comments_support": total} if total else {}


def kinds_kept(docs: Sequence[LabelledDocument], keep_masks: Sequence[np.ndarray]) -> dict[str, float]:
    """The share of each kind of line kept on article pages (page type ``article``, or none said, as on
    realpages): ``kept_<kind>`` for each kind of junk the pages' ``junk_kinds`` mark
    (:mod:`train.data.junk_kinds`: ``kept_related``, ``kept_comments``, ...) and ``kept_title`` for their
    headline lines (kind ``title``), each with its line count (``kept_<kind>_support``); nothing for a kind
    no page has. ``kept_comments`` counts the lines the HTML puts in a comments container, where
    ``comments_kept`` counts the comment sentences of a thread found in the text. ``headline_pages_kept`` is the
    share of those pages with a headline line that keep one or more of them: a page often shows its headline
    twice (a scraped ``<title>`` at the top, the heading above the article), and one is what a reader wants."""
    kept: Counter = Counter()
    total: Counter = Counter()
    headline_pages = headline_kept = 0
    for doc, keep in _paired(docs, keep_masks):
        if doc.page_type not in (None, ARTICLE):
            continue
        keep = _checked_mask(doc, keep)
        titles = keep[[kind == TITLE_KIND for kind in doc.kinds]] if doc.kinds else keep[:0]
        for kind, kept_line in [*zip(doc.junk_kinds or (), keep), *((TITLE_KIND, kept_line) for kept_line in titles)]:
            if kind is not None:
                total[kind] += 1
                kept[kind] += int(kept_line)
        if len(titles):
            headline_pages += 1
            headline_kept += bool(titles.any())
    result: dict[str, float] = {}
    for kind in total:
        result[f"kept_{kind}"] = kept[kind] / total[kind]
        result[f"kept_{kind}_support"] = total[kind]
    if headline_pages:
        result["headline_pages_kept"] = headline_kept / headline_pages
        result["headline_pages_kept_support"] = headline_pages
    return result


def kept_text(doc: LabelledDocument, keep: np.ndarray, *, skip_titles: bool) -> str:
    """The kept lines of a document joined by newlines, optionally without ``title`` lines."""
    keep = _checked_mask(doc, keep)
    if skip_titles and doc.kinds is not None:
        keep = keep & (np.asarray(doc.kinds, dtype=object) != TITLE_KIND)
    return "\n".join(line for line, kept in zip(doc.lines, keep) if kept)


def body_counts(docs: Sequence[LabelledDocument], keep_masks: Sequence[np.ndarray]) -> np.ndarray:
    """Per document with a gold body: shingle (tp, fp, fn) of the kept text against it."""
    return np.array(
        [
            shingle_tp_fp_fn(doc.gold, kept_text(doc, keep, skip_titles=True))
            for doc, keep in _paired(docs, keep_masks)
            if doc.gold is not None
        ],
        dtype=float,
    ).reshape(-1, 3)


def body_from_counts(counts: np.ndarray) -> Scores:
    """Body scores of :func:`body_counts` rows: precision and recall averaged over pages."""
    tp, fp, fn = counts.T
    kept_some, has_gold = tp + fp > 0, tp + fn > 0
    precision = float(np.mean(tp[kept_some] / (tp + fp)[kept_some])) if kept_some.any() else 0.0
    recall = float(np.mean(tp[has_gold] / (tp + fn)[has_gold])) if has_gold.any() else 0.0
    return Scores(precision, recall, f1_from(precision, recall), support=len(counts))


def body_scores(docs: Sequence[LabelledDocument], keep_masks: Sequence[np.ndarray]) -> Scores:
    """Body precision/recall/F1 over the documents that carry a gold body (benchmark method)."""
    return body_from_counts(body_counts(docs, keep_masks))


def micro_from_counts(counts: np.ndarray) -> Scores:
    """Scores of summed (tp, fp, fn, support) rows: :func:`line_counts` or :func:`snippet_counts`."""
    tp, fp, fn, support = counts.sum(axis=0)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return Scores(float(precision), float(recall), f1_from(precision, recall), support=int(support))


def line_scores(docs: Sequence[LabelledDocument], keep_masks: Sequence[np.ndarray]) -> Scores:
    """Line precision/recall/F1, micro-averaged over all scored lines of all documents.

    Content lines (label 1) are the positive class; lines labelled -1 and
    lines of kind ``title`` are not scored.
    """
    return micro_from_counts(line_counts(docs, keep_masks))


def line_f1_macro(docs: Sequence[LabelledDocument], keep_masks: Sequence[np.ndarray]) -> float:
    """Line F1 per document, averaged over documents with at least one scored content line."""
    tp, fp, fn, _ = line_counts(docs, keep_masks).T
    has_content = tp + fn > 0
    if not has_content.any():
        return 0.0
    return float(np.mean(2 * tp[has_content] / (2 * tp + fp + fn)[has_content]))


def snippet_counts(docs: Sequence[LabelledDocument], keep_masks: Sequence[np.ndarray]) -> np.ndarray:
    """Per document with snippets: (tp, fp, fn, snippets), as :func:`snippet_scores` counts them."""
    rows = []
    for doc, keep in _paired(docs, keep_masks):
        if not (doc.with_snippets or doc.without_snippets):
            continue
        text = normalise_space(kept_text(doc, keep, skip_titles=False))
        found_with = sum(normalise_space(s) in text for s in doc.with_snippets)
        rows.append((found_with, sum(normalise_space(s) in text for s in doc.without_snippets),
                     len(doc.with_snippets) - found_with, len(doc.with_snippets) + len(doc.without_snippets)))
    return np.array(rows, dtype=float).reshape(-1, 4)


def snippet_scores(docs: Sequence[LabelledDocument], keep_masks: Sequence[np.ndarray]) -> Scores:
    """Snippet precision/recall/F1 summed over all snippets of all documents (trafilatura's method).

    A ``with`` snippet found in the kept text (whitespace-normalised substring)
    is a true positive, else a false negative; a ``without`` snippet found is a
    false positive, else a true negative. Titles count as kept text here.
    """
    return micro_from_counts(snippet_counts(docs, keep_masks))


def _mean_of_chosen(rows: np.ndarray) -> float:
    """The mean of the values (first column) of the rows chosen (second column), 0 when none is."""
    chosen = rows[:, 1].sum()
    return float(rows[:, 0].sum() / chosen) if chosen else 0.0


def figure_counts(docs: Sequence[LabelledDocument], keep_masks: Sequence[np.ndarray]
                  ) -> dict[str, tuple[np.ndarray, Callable[[np.ndarray], float]]]:
    """``{figure: (rows, reduce)}`` for each F1 of :func:`document_figures` these documents have: one row per
    document, and what turns any draw of rows (documents resampled) into the figure.

    Body, line and snippet F1 sum counts (a page with no gold body or no
    snippets contributes nothing); ``word_f1`` and ``word_f1_<type>`` average
    the word F1 of the pages that have a page type and a gold text.
    """
    out: dict[str, tuple[np.ndarray, Callable[[np.ndarray], float]]] = {}
    if any(doc.gold is not None for doc in docs):
        counts = np.zeros((len(docs), 3))
        have = [i for i, doc in enumerate(docs) if doc.gold is not None]
        counts[have] = body_counts(docs, keep_masks)
        out["body_f1"] = (counts, lambda rows: body_from_counts(rows).f1)  # zero rows join neither mean
    if _has_line_labels(docs):
        out["line_f1"] = (line_counts(docs, keep_masks), lambda rows: micro_from_counts(rows).f1)
    if _has_snippets(docs):
        counts = np.zeros((len(docs), 4))
        counts[[i for i, doc in enumerate(docs) if doc.with_snippets or doc.without_snippets]] = \
            snippet_counts(docs, keep_masks)
        out["snippet_f1"] = (counts, lambda rows: micro_from_counts(rows).f1)
    typed = [(doc.page_type, word_f1(kept_text(doc, keep, skip_titles=True), doc.gold))
             if doc.page_type is not None and doc.gold is not None else (None, 0.0)
             for doc, keep in _paired(docs, keep_masks)]
    kinds = sorted({kind for kind, _ in typed if kind is not None})
    for name, wanted in [("word_f1", set(kinds)), *((f"word_f1_{kind}", {kind}) for kind in kinds)] if kinds else []:
        rows = np.array([(f1 if kind in wanted else 0.0, float(kind in wanted)) for kind, f1 in typed]).reshape(-1, 2)
        out[name] = (rows, _mean_of_chosen)
    return out


def _has_line_labels(docs: Sequence[LabelledDocument]) -> bool:
    return any(label != UNKNOWN for doc in docs for label in doc.labels)


def _has_snippets(docs: Sequence[LabelledDocument]) -> bool:
    return any(doc.with_snippets or doc.without_snippets for doc in docs)


def f1_positives(docs: Sequence[LabelledDocument]) -> dict[str, int]:
    """The positives each F1 of ``docs`` counts: scored content lines (``line_f1``), ``with`` snippets (``snippet_f1``).

    Only the F1s that :func:`document_figures` gives for these documents.
    """
    out = {}
    if _has_line_labels(docs):
        keep_all = [np.ones(len(doc.lines), dtype=bool) for doc in docs]
        out["line_f1"] = int(line_counts(docs, keep_all)[:, 0].sum())
    if _has_snippets(docs):
        out["snippet_f1"] = sum(len(doc.with_snippets) for doc in docs)
    return out


def document_figures(docs: Sequence[LabelledDocument], keep_masks: Sequence[np.ndarray]) -> dict[str, float]:
    """Every score that applies to these documents, flattened into one dict.

    Keys: ``body_*`` if any document has a gold body, ``line_*`` and
    ``line_f1_macro`` if any line is labelled, ``snippet_*`` if any document
    has snippets; each family gives ``precision``, ``recall``, ``f1`` and
    ``support``. Pages with a ``page_type`` add ``word_f1`` and ``word_f1_<type>``;
    pages with an identifiable comment thread add ``comments_kept`` and ``comments_support``; article pages
    with headline lines or kinds of junk add ``kept_<kind>`` and ``kept_<kind>_support`` (:func:`kinds_kept`).
    """
    docs, keep_masks = list(docs), list(keep_masks)
    result: dict[str, float] = {}
    if any(doc.gold is not None for doc in docs):
        result.update(body_scores(docs, keep_masks).as_dict("body"))
    if _has_line_labels(docs):
        result.update(line_scores(docs, keep_masks).as_dict("line"))
        result["line_f1_macro"] = line_f1_macro(docs, keep_masks)
    if _has_snippets(docs):
        result.update(snippet_scores(docs, keep_masks).as_dict("snippet"))
    result.update(word_scores(docs, keep_masks))
    result.update(comments_kept(docs, keep_masks))
    result.update(kinds_kept(docs, keep_masks))
    return result


def expected_calibration_error(probs: np.ndarray, labels: np.ndarray, n_bins: int = 10) -> float:
    """ECE of content probabilities against 0/1 labels, over ``n_bins`` equal-width bins.

    The sum over bins of (share of lines in the bin) x |mean label - mean
    probability|; a probability of exactly 1 falls in the last bin.
    """
    probs, labels = _checked_probs(probs, labels)
    if len(probs) == 0:
        return 0.0
    bins = np.minimum((probs * n_bins).astype(np.int64), n_bins - 1)
    gap = np.bincount(bins, weights=labels, minlength=n_bins) - np.bincount(bins, weights=probs, minlength=n_bins)
    return float(np.abs(gap).sum() / len(probs))


def brier_score(probs: np.ndarray, labels: np.ndarray) -> float:
    """Mean squared difference between content probabilities and 0/1 labels."""
    probs, labels = _checked_probs(probs, labels)
    return float(np.mean((probs - labels) ** 2)) if len(probs) else 0.0


def _checked_probs(probs: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    probs, labels = np.asarray(probs, dtype=float).ravel(), np.asarray(labels, dtype=float).ravel()
    if probs.shape != labels.shape:
        raise ValueError(f"{len(probs)} probabilities but {len(labels)} labels; pass one label per probability")
    if not np.isin(labels, (0, 1)).all():
        raise ValueError("labels must be 0 or 1; drop unknown (-1) lines before measuring calibration")
    if ((probs < 0) | (probs > 1)).any():
        raise ValueError("probabilities must lie in [0, 1]; pass predict_proba(...)[:, 1]")
    return probs, labels


def line_counts(docs: Sequence[LabelledDocument], keep_masks: Sequence[np.ndarray]) -> np.ndarray:
    """Per document: (tp, fp, fn, scored lines) over lines that are labelled and not titles."""
    rows = []
    for doc, keep in _paired(docs, keep_masks):
        keep = _checked_mask(doc, keep)
        labels = np.asarray(doc.labels)
        scored = labels != UNKNOWN
        if doc.kinds is not None:
            scored &= np.asarray(doc.kinds, dtype=object) != TITLE_KIND
        positive = labels == 1
        rows.append(
            (
                np.sum(scored & keep & positive),
                np.sum(scored & keep & ~positive),
                np.sum(scored & ~keep & positive),
                np.sum(scored),
            )
        )
    return np.array(rows, dtype=float).reshape(-1, 4)


def _checked_mask(doc: LabelledDocument, keep: np.ndarray) -> np.ndarray:
    keep = np.asarray(keep, dtype=bool)
    if keep.shape != (len(doc.lines),):
        raise ValueError(
            f"{doc.source or 'document'}: keep mask has shape {keep.shape} but the document has "
            f"{len(doc.lines)} lines; pass one boolean per line"
        )
    return keep


def _paired(docs: Sequence[LabelledDocument], keep_masks: Sequence[np.ndarray]) -> zip:
    if len(docs) != len(keep_masks):
        raise ValueError(f"{len(docs)} documents but {len(keep_masks)} keep masks; pass one mask per document")
    return zip(docs, keep_masks)
