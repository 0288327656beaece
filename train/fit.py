"""Fitting the junkfilter model on labelled documents.

Turns labelled documents into the line table, labels and per-line weights the
estimator takes, and wraps the result so it can stand in a cross-validation
table beside the baselines (same ``fit`` / ``keep_documents`` shape).
"""
from __future__ import annotations

import copy
from typing import Sequence

import numpy as np

from predict.features.table import make_table
from predict.decision import DEFAULT_THRESHOLD, UNCERTAIN_PAGE_F1
from predict.model import JunkFilter
from predict.pipeline import build_pipeline, set_list_lines
from predict.reading import text_lines
from predict.stages.headline import WithHeadline, line_model
from predict.stages.weights import fit_weighted
from train.data.augment import cropped_copies, rendered_copies
from train.data.documents import TITLE_KIND, LabelledDocument
from train.decoder import SequenceDecoder
from train.headline import fit_headline_ranker


def training_arrays(docs: Sequence[LabelledDocument], title_weight: float = 1.0
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Line table, labels (1/0/-1) and per-line weights of a set of documents; blank lines, which the
    runtime does not score (:mod:`predict.reading`), are left out. A page's headline (kind ``title``)
    weighs ``title_weight`` times its page's weight: one line a page, it is easily outvoted.

    Lines of hard-wrapped text are trained on one by one, not joined as the
    runtime joins them: joining the few source-wrapped rendered copies in
    training cost 0.012 snippet F1 on two fold draws (docs/experiments.md).
    """
    kept = [text_lines(doc.lines) for doc in docs]
    table = make_table([line for line, keep in zip(doc.lines, mask) if keep] for doc, mask in zip(docs, kept))
    labels = np.concatenate([np.asarray(doc.labels, dtype=np.int64)[mask] for doc, mask in zip(docs, kept)]
                            or [np.zeros(0, dtype=np.int64)])
    weights = np.repeat([doc.weight for doc in docs], [int(mask.sum()) for mask in kept]).astype(np.float64)
    if title_weight != 1.0:
        titles = np.concatenate([np.asarray(doc.kinds or [""] * len(doc.lines), dtype=object)[mask] == TITLE_KIND
                                 for doc, mask in zip(docs, kept)] or [np.zeros(0, dtype=bool)])
        weights[titles] *= title_weight
    return table, labels, weights


def build_model(decoder: bool = False, learn_decoder: bool = False, smoothing: float = 1.0,
                emission_power: float = 1.0, **params) -> object:
    """The runtime pipeline (:func:`predict.pipeline.build_pipeline` with ``params``), unfitted.

    ``decoder=True`` wraps it in the HMM :class:`~train.decoder.SequenceDecoder`
    (measured and not shipped); ``learn_decoder=True`` wraps it with decoding
    off, so the decoder's transitions are learned in the same fit and
    :meth:`JunkFilterMethod.with_decoder` can switch it on without a refit.
    """
    model = build_pipeline(**params)
    if decoder or learn_decoder:
        return SequenceDecoder(model, smoothing=smoothing, emission_power=emission_power, decode=decoder)
    return model


def fit_estimator(docs: Sequence[LabelledDocument], crops: int = 0, crop_weight: float = 0.5,
                  renderings: Sequence[str] = (), rendering_share: float = 0.5, rendering_weight: float = 1.0,
                  title_weight: float = 1.0, headline_ranker: bool = False, headline_renderings: Sequence[str] = (),
                  headline_page_weight: float = 1.0, **params):
    """Build the model with ``params`` (see :func:`build_model`) and fit it.

    It is fitted with the list-line rule of its document features off and
    returned with it on (:func:`predict.pipeline.set_list_lines`), as 0.15.0's
    line model was made and is scored.

    With ``headline_ranker``, a ranker of each page's headline candidates is
    fitted too, on the pages that name their headline, and returned with the
    line model as one :class:`~predict.stages.headline.WithHeadline` (the line
    model alone when no page names one; :mod:`train.headline`): on the pages
    as html-text, each weighing ``headline_page_weight`` times one rendering
    of it, and in ``renderings`` and ``headline_renderings``.

    ``crops`` cropped copies of every labelled page join the training data at
    ``crop_weight`` times its weight; for a ``rendering_share`` of the pages
    that carry other ``renderings``, one of them joins it at ``rendering_weight``
    times its page's weight; each copy in its page's stacking fold (see
    :mod:`train.data.augment`).

    Raises ``ValueError`` saying what data to add when there is too little to
    fit: no content or no junk line, or too few documents or recurring words for
    the stacking folds and the word features (scikit-learn's own message is kept
    in parentheses).
    """
    docs = list(docs)
    cropped, cropped_pages = cropped_copies(docs, crops, crop_weight)
    rendered, rendered_pages = rendered_copies(docs, renderings, rendering_share, rendering_weight)
    copies, pages = cropped + rendered, np.concatenate([cropped_pages, rendered_pages])
    table, labels, weights = training_arrays(docs + copies, title_weight)
    page = np.concatenate([np.arange(len(docs)), pages])
    groups = page[table[:, 0].astype(np.int64)]  # each row's page: a copy's is the page it was cut from
    if len(np.unique(labels[labels >= 0])) < 2:
        raise ValueError("training needs both content and junk lines; add labelled documents of both kinds")
    model = set_list_lines(build_model(**params), False)  # fitted without the list-line rule, scores with it
    try:
        if isinstance(model, SequenceDecoder):  # it reads the unknown (-1) labels itself
            model.fit(table, labels, sample_weight=weights, groups=groups)
        else:
            model = fit_weighted(model, table, labels, weights, groups)
    except ValueError as exc:
        raise ValueError(
            f"too little training data ({len(docs)} documents, "
            f"{sum(label >= 0 for doc in docs for label in doc.labels)} labelled lines) "
            f"for the model (scikit-learn: {exc}); add labelled documents: it needs several documents whose "
            "words recur on at least 5 lines"
        ) from exc
    set_list_lines(model, True)
    ranker = (fit_headline_ranker(model, docs, [*renderings, *headline_renderings], headline_page_weight)[0]
              if headline_ranker else None)
    return model if ranker is None else WithHeadline(model, ranker)


class JunkFilterMethod:
    """Our model in the shape of a baseline, for cross-validation tables.

    It reads and keeps lines as the packaged model does: hard-wrapped
    paragraphs scored whole (``unwrap``, see :mod:`predict.reading`), each page
    cut at ``threshold``, lowered on the pages it is unsure of
    (``uncertain_page_f1``), later copies of kept blocks dropped
    (``drop_copies``; both in :mod:`predict.decision`).
    """

    def __init__(self, name: str = "junkfilter", threshold: float = DEFAULT_THRESHOLD,
                 uncertain_page_f1: float | None = UNCERTAIN_PAGE_F1, unwrap: bool = True, drop_copies: bool = True,
                 keep_headline: bool = True, **params):
        self.name = name
        self.threshold = threshold
        self.uncertain_page_f1 = uncertain_page_f1
        self.unwrap = unwrap
        self.drop_copies = drop_copies
        self.keep_headline = keep_headline
        self.params = params

    def fit(self, docs: Sequence[LabelledDocument]) -> "JunkFilterMethod":
        self.filter_ = self._filter(fit_estimator(docs, **self.params))
        return self

    def _filter(self, estimator: object) -> JunkFilter:
        return JunkFilter(estimator, threshold=self.threshold, uncertain_page_f1=self.uncertain_page_f1,
                          unwrap=self.unwrap, drop_copies=self.drop_copies, keep_headline=self.keep_headline)

    def score_documents(self, documents: Sequence[Sequence[str]]) -> list[np.ndarray]:
        return self.filter_.score_documents(documents)

    def keep_scored(self, documents: Sequence[Sequence[str]], scores: Sequence[np.ndarray]) -> list[np.ndarray]:
        """Keep masks of documents already scored by :meth:`score_documents`."""
        return [self.filter_.keep_scored(lines, p) for lines, p in zip(documents, scores)]

    def keep_documents(self, documents: Sequence[Sequence[str]]) -> list[np.ndarray]:
        return self.keep_scored(documents, self.score_documents(documents))

    def with_reading(self, **settings: object) -> "JunkFilterMethod":
        """This fitted model reading and keeping lines with other ``settings`` (``uncertain_page_f1``,
        None: every page cut at the threshold; ``unwrap``; ``drop_copies``; ``keep_headline``), no refit."""
        variant = copy.copy(self)
        for name, value in settings.items():
            if name not in ("threshold", "uncertain_page_f1", "unwrap", "drop_copies", "keep_headline"):
                raise TypeError(f"with_reading() got an unexpected setting {name!r}")
            setattr(variant, name, value)
        variant.filter_ = variant._filter(self.filter_.estimator)
        return variant

    def with_decoder(self, decode: bool) -> "JunkFilterMethod":
        """This fitted model scoring with the HMM decoder on or off (no refit: fitted with
        ``decoder=True`` or ``learn_decoder=True``, it learned the decoder's transitions).

        The decoder ablation, from the very fit that gives the model's own
        scores; this method's own estimator is left as it is.
        """
        estimator = self.filter_.estimator
        lines = line_model(estimator)
        if not isinstance(lines, SequenceDecoder):
            raise ValueError("the decoder can be switched only in a model fitted with decoder or learn_decoder")
        variant = JunkFilterMethod(self.name, self.threshold, self.uncertain_page_f1, self.unwrap, self.drop_copies,
                                   self.keep_headline, **{**self.params, "decoder": decode})
        decoded = copy.copy(lines).set_params(decode=decode)
        variant.filter_ = variant._filter(WithHeadline(decoded, estimator.headline_ranker)
                                          if isinstance(estimator, WithHeadline) else decoded)
        return variant
