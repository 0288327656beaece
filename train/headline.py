"""Fitting the headline ranker: which of a page's candidate lines is its headline, learned from labelled pages.

``python -m train`` fits it with the line model (recipe ``headline_ranker``);
``python -m train.headline`` fits it alone for a model already trained, whose
line model it keeps as it is, and installs the pair as that model's next
version: a line model refit by today's code is not the one that was shipped
(docs/experiments.md, session 21), and the ranker needs only its scores.

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

import argparse
import datetime as _dt
import shlex
import sys
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from predict import __version__
from predict.cli.arguments import Parser, UsageError
from predict.cli.messages import command_logger
from predict.decision import UNCERTAIN_PAGE_F1
from predict.features.title_candidates import title_candidates
from predict.metadata import metadata_lines
from predict.model import JunkFilter, ModelError, load_model
from predict.stages.boosting import BoostedContext
from predict.stages.headline import WithHeadline, line_model, make_headline_ranker
from predict.store.locations import resolve_model, versioned_path
from train.data.corpus import shared_parts
from train.data.documents import TITLE_KIND, LabelledDocument
from train.release.card import library_versions
from train.release.save import save_model
from train.recipe import MODEL_PARAMS, corpus_renderings
from train.release.versions import install, keep_current, next_version

PROG = "train.headline"


def headline_pages(docs: Sequence[LabelledDocument], renderings: Sequence[str] = (),
                   page_weight: float = 1.0) -> list[tuple[LabelledDocument, float]]:
    """The article pages of ``docs`` that name their headline (a line of kind ``title``), not composed, and the
    same pages in each of ``renderings`` they carry; each with its weight in the ranker's fit: ``page_weight``
    for a page as it was labelled, 1 for a rendering of it."""
    pages = []
    for doc in docs:
        if doc.synthetic or (doc.page_type or "article") != "article":
            continue
        views = [(doc, page_weight), *((doc.renderings[name], 1.0) for name in renderings if name in doc.renderings)]
        pages += [(page, weight) for page, weight in views if page.kinds and TITLE_KIND in page.kinds]
    return pages


def candidate_table(estimator: Any, pages: Sequence[LabelledDocument]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The candidates' columns of every page as ``estimator`` scores and cuts it, whether each is the headline,
    and which page (an index into ``pages``) it is a candidate of."""
    judge = JunkFilter(estimator, uncertain_page_f1=UNCERTAIN_PAGE_F1, keep_headline=False)
    scores = judge.score_documents([page.lines for page in pages])
    keeps = judge.keep_scored_documents([page.lines for page in pages], scores)
    bodies = [np.flatnonzero(~metadata_lines(page.lines)) for page in pages]  # as the runtime ranks: no metadata
    rows, columns = title_candidates([([page.lines[row] for row in body], keep[body], p[body])
                                      for page, body, keep, p in zip(pages, bodies, keeps, scores)])
    targets = [np.asarray(page.kinds, dtype=object)[body][page_rows] == TITLE_KIND
               for page, body, page_rows in zip(pages, bodies, rows)]
    page_of = np.repeat(np.arange(len(pages)), [len(page_rows) for page_rows in rows])
    return columns, np.concatenate(targets).astype(bool) if targets else np.zeros(0, dtype=bool), page_of


def fit_headline_ranker(estimator: Any, docs: Sequence[LabelledDocument], renderings: Sequence[str] = (),
                        page_weight: float = 1.0) -> tuple[BoostedContext | None, dict]:
    """The ranker fitted on the candidates of ``docs``' headline pages (see :func:`headline_pages`) as the fitted
    line model ``estimator`` scores them, each page as labelled weighing ``page_weight`` times one rendering of it
    (None when they hold no headline candidate or nothing else), and the counts a model card records of the fit."""
    weighted = headline_pages(docs, renderings, page_weight)
    X, y, page_of = candidate_table(estimator, [page for page, _ in weighted])
    weights = np.array([weight for _, weight in weighted])
    counts = {"pages": len(weighted), "candidates": len(y), "headlines": int(y.sum())}
    if len(np.unique(y)) < 2:
        return None, counts
    return make_headline_ranker().fit(X, y, sample_weight=weights[page_of]), counts


def ranker_params(params: dict) -> dict:
    """A line model's recipe ``params`` with today's recipe for its headline ranker (``headline_*`` keys of
    :data:`train.recipe.MODEL_PARAMS`): what ``python -m train.headline`` fits and records."""
    return {**params, "headline_ranker": True,
            **{key: value for key, value in MODEL_PARAMS.items() if key.startswith("headline_")}}


def ranked_card(card: dict, version: str, counts: dict, command: str) -> dict:
    """The card of ``card``'s model given a headline ranker as ``version``: its line model's record (params,
    sources, cross-validated figures) kept, and what was fitted on top, by which command."""
    kept = {key: value for key, value in card.items() if key not in ("model_file", "model_sha256", "model_bytes")}
    line_model_record = (card.get("headline_ranker", {}).get("line_model")  # a ranker replaced: the same line model
                         or {key: card[key] for key in ("version", "command", "created", "predict_version") if key in card})
    return {**kept, "version": version, "predict_version": __version__, "libraries": library_versions(),
            "created": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "command": command,
            "params": ranker_params(card.get("params", {})),
            "headline_ranker": {"line_model": line_model_record, **counts}}


def add_headline_ranker(model: JunkFilter, output: Path, docs: Sequence[LabelledDocument], command: str,
                        log: Callable[[str], None] = lambda message: None) -> dict:
    """Fit a headline ranker for the loaded ``model`` on ``docs`` (in the renderings its card's recipe and
    :func:`ranker_params` name) and install the model with it as ``output``'s next version (the one before
    kept); returns the new card. Raises ``ValueError`` when no page of ``docs`` names its headline."""
    lines = line_model(model.estimator)
    params = ranker_params(model.card.get("params", {}))
    ranker, counts = fit_headline_ranker(lines, docs, corpus_renderings(params),
                                         params.get("headline_page_weight", 1.0))
    if ranker is None:
        raise ValueError(f"none of the {len(docs)} documents is an article page whose headline line is labelled "
                         "(kind 'title'); the ranker has nothing to learn from")
    log(f"ranker fitted on {counts['candidates']} candidates of {counts['pages']} pages")
    version = next_version(output)
    kept = versioned_path(output, version)
    card = save_model(WithHeadline(lines, ranker), kept, ranked_card(model.card, version, counts, command))
    keep_current(output)
    install(kept, output)
    log(f"installed as {output} (version {version}; kept as {kept})")
    return card


def build_parser() -> Parser:
    parser = Parser(prog=f"python -m {PROG}", formatter_class=argparse.RawDescriptionHelpFormatter,
                    description="Fit the headline ranker of a trained model on the shared corpora's article pages "
                    "that name their headline, keeping its line model as it is, and install the pair as the "
                    "model's next version. Needs the shared corpora in ../shared.",
                    epilog=f"examples:\n  python -m {PROG}\n      give the packaged model a headline ranker\n"
                    f"  python -m {PROG} --model models/mysite.joblib --output models/mysite.joblib\n"
                    "      the same for a model of your own\n\nexit status:\n  0  installed\n"
                    "  1  failed (no shared corpora, a bad model file); the message says why\n  2  usage error")
    parser.add_argument("--model", default=None,
                        help="the model whose line model is kept: a file or a name 'python -m predict --model' "
                        "takes (default: the packaged model)")
    parser.add_argument("--output", type=Path, default=None,
                        help="the model file to install the result as (default: --model)")
    parser.add_argument("--quiet", action="store_true", help="no progress messages")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    logger = command_logger(PROG)
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        logger.error(f"{exc} (see --help)")
        return 2
    logger = command_logger(PROG, args.quiet)
    try:
        model = load_model(args.model)
        renderings = corpus_renderings(ranker_params(model.card.get("params", {})))
        docs = [doc for part in shared_parts(0, 0, renderings) for doc in part.documents]
        add_headline_ranker(model, args.output or resolve_model(args.model), docs,
                            shlex.join(["python", "-m", PROG, *argv]), logger.info)
    except (OSError, ValueError, ModelError) as exc:
        logger.error(exc)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
