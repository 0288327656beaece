"""Fitting the headline ranker: which of a page's candidate lines is its headline, learned from labelled pages.

The ranker (:func:`predict.stages.headline.make_headline_ranker`) reads the
candidates of :func:`predict.features.title_candidates.title_candidates`,
computed as the runtime computes them: from the line model's own scores and
keep masks on the training pages, headline rule off. Those scores are the
model's in-sample ones; a ranker fitted on them found the headline on held-out
sites as often as one fitted on out-of-fold scores (docs/experiments.md,
session 21), and it costs one scoring pass, not five more fits.

Pages that name their headline are the labelled ones with a line of kind
``title`` (WCXB and realpages article pages, in every rendering the model
trains on); composed pages are left out, since their layouts are ours.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from predict.decision import UNCERTAIN_PAGE_F1
from predict.features.title_candidates import title_candidates
from predict.metadata import metadata_lines
from predict.model import JunkFilter
from predict.stages.boosting import BoostedContext
from predict.stages.headline import make_headline_ranker
from train.data.documents import TITLE_KIND, LabelledDocument


def headline_pages(docs: Sequence[LabelledDocument], renderings: Sequence[str] = ()) -> list[LabelledDocument]:
    """The article pages of ``docs`` that name their headline (a line of kind ``title``), not composed, and the
    same pages in each of ``renderings`` they carry."""
    pages = []
    for doc in docs:
        if doc.synthetic or (doc.page_type or "article") != "article":
            continue
        for page in (doc, *(doc.renderings[name] for name in renderings if name in doc.renderings)):
            if page.kinds and TITLE_KIND in page.kinds:
                pages.append(page)
    return pages


def candidate_table(estimator: Any, pages: Sequence[LabelledDocument]) -> tuple[np.ndarray, np.ndarray]:
    """The candidates' columns of every page as ``estimator`` scores and cuts it, and whether each is the headline."""
    judge = JunkFilter(estimator, uncertain_page_f1=UNCERTAIN_PAGE_F1, keep_headline=False)
    scores = judge.score_documents([page.lines for page in pages])
    keeps = judge.keep_scored_documents([page.lines for page in pages], scores)
    bodies = [np.flatnonzero(~metadata_lines(page.lines)) for page in pages]  # as the runtime ranks: no metadata
    rows, columns = title_candidates([([page.lines[row] for row in body], keep[body], p[body])
                                      for page, body, keep, p in zip(pages, bodies, keeps, scores)])
    targets = [np.asarray(page.kinds, dtype=object)[body][page_rows] == TITLE_KIND
               for page, body, page_rows in zip(pages, bodies, rows)]
    return columns, np.concatenate(targets).astype(bool) if targets else np.zeros(0, dtype=bool)


def fit_headline_ranker(estimator: Any, docs: Sequence[LabelledDocument],
                        renderings: Sequence[str] = ()) -> BoostedContext | None:
    """The ranker fitted on the candidates of ``docs``' headline pages (see :func:`headline_pages`) as the fitted
    line model ``estimator`` scores them; None when they hold no headline candidate or nothing else."""
    X, y = candidate_table(estimator, headline_pages(docs, renderings))
    if len(np.unique(y)) < 2:
        return None
    return make_headline_ranker().fit(X, y)
