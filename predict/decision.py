"""Which lines of a page to keep, given their content probabilities: one rule for every caller.

Most pages are cut at the model's threshold (0.5). A page the model cannot
read loses most of its content that way: the items of a listing or a
collection score 0.2 to 0.6, like an article's junk tail, and model 0.14.0
kept less of a listing page than keeping everything would. Yet the scores
still say how much of such a page is content. With calibrated scores, the
cut that maximises a page's expected F1 is half that best expected F1
(Lipton, Elkan and Naryanaswamy, "Optimal thresholding of classifiers to
maximize F1 measure", 2014), so a page whose best expected F1 falls below
``uncertain_page_f1`` is cut there instead: always lower than the threshold,
it keeps more. Pages the model reads with confidence keep the threshold: on
them the F1-optimal cut lost realpages and snippet F1 (their scores are
less well calibrated), see docs/experiments.md, session 14.

Expected F1 weighs each line by its length in characters, a cheap stand-in
for the words the figures count. No cut goes below :data:`LOWEST_CUT`, so a
page of nothing but junk (every score near 0, best expected F1 near 0) is
not kept whole.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

__all__ = ["DEFAULT_THRESHOLD", "LOWEST_CUT", "UNCERTAIN_PAGE_F1", "best_expected_f1", "page_threshold"]

DEFAULT_THRESHOLD = 0.5
UNCERTAIN_PAGE_F1 = 0.6
"""Pages whose best expected F1 is below this are cut for F1 (chosen on one fold set, checked on three others)."""
LOWEST_CUT = 0.2
"""No line scoring under this is kept by the page rule (on the labelled pages, no cut it chose was lower)."""


def best_expected_f1(lengths: np.ndarray, scores: np.ndarray) -> float:
    """The highest expected F1 (weighted by ``lengths``) that keeping a page's best-scoring lines can reach.

    Keeping the ``k`` highest scores expects ``sum(p·w)`` over them as true
    content, against ``sum(w)`` kept and ``sum(p·w)`` over the page as all
    content; F1 is taken as the ratio of those expectations. 1.0 for an
    empty page.
    """
    if len(scores) == 0:
        return 1.0
    order = np.argsort(-scores, kind="stable")
    content = scores * lengths
    expected = 2 * np.cumsum(content[order]) / (np.cumsum(lengths[order]) + content.sum())
    return float(expected.max())


def page_threshold(lines: Sequence[str], scores: np.ndarray, threshold: float = DEFAULT_THRESHOLD,
                   uncertain_page_f1: float | None = None) -> float:
    """The cut for one page: ``threshold``, or lower on a page the model is unsure of (see the module).

    ``uncertain_page_f1=None`` turns the page rule off: every page is cut at ``threshold``.
    """
    if uncertain_page_f1 is None:
        return threshold
    lengths = np.fromiter(map(len, lines), dtype=np.float64, count=len(lines))
    best = best_expected_f1(np.maximum(lengths, 1.0), np.asarray(scores, dtype=np.float64))
    if best >= uncertain_page_f1:
        return threshold
    return min(threshold, max(best / 2, LOWEST_CUT))
