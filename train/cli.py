"""``python -m train``: retrain the model, compare it with the current one, and never ship a worse one.

A thin shell over :mod:`train.recipe` (the hyperparameters), :mod:`train.data.corpus`
(what to train on), :mod:`train.report` (cross-validated figures beside the
baselines), :mod:`train.release.compare` (the new model beside the one it would
replace), :mod:`train.fit`, :mod:`train.release.save` and
:mod:`train.release.versions` (the kept versions and the installed model).
"""
from __future__ import annotations

import argparse
import logging
import shlex
import sys
import time
from pathlib import Path
from typing import Callable, Sequence

from predict.cli.arguments import Parser, UsageError, number, positive
from predict.cli.main import version_text
from predict.cli.messages import command_logger
from predict.decision import DEFAULT_THRESHOLD, UNCERTAIN_PAGE_F1
from predict.model import DEFAULT_MODEL, ModelError
from predict.store.formats import check_suffix
from predict.store.locations import example_version, refused_path, versioned_path
from train.baselines import C4LineRule, KeepAll
from train.data.corpus import DEFAULT_DATA, WEIGHTS, CorpusPart, shared_parts, user_part
from train.data.sources import SHARED_DIR, shared_dir
from train.extras import MissingExtra
from train.fit import JunkFilterMethod, fit_estimator
from train.recipe import MODEL_PARAMS, corpus_renderings
from train.release.card import build_card, shown_path, source_entry
from train.release.compare import CURRENT, NEW, Comparison, compare, find_incumbent, refit_method
from train.release.digests import digests, evaluation_fingerprint
from train.release.save import save_model
from train.release.versions import install, keep_current, next_version, restore
from train.report import column_names, cv_predictions, figures_table, format_table, part_columns

PROG = "train"
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_REFUSED = 0, 1, 2, 3
PREVIOUS = "previous"

EPILOG = f"""\
examples:
  python -m {PROG} --shared
      train on datasets/ and the shared corpora in ../shared, compare with the
      packaged model and replace it if the new one is not worse (how the
      packaged model is made)
  python -m {PROG} --data datasets/ --data corrected/ --user-weight 5 --output models/mysite.joblib
      train on the project's examples plus your corrected drafts, a line of
      theirs weighed 5 (a WCXB line 1, a realpages line 4), and on the shared
      corpora when ../shared is here, as a model of your own ('python -m
      predict --model mysite') that keeps what the packaged model knows;
      --no-shared trains on your pages alone (quick, but such a model knows
      only those pages)
  python -m {PROG} --restore
      make the version before the current model current again
  python -m {PROG} --restore {example_version()} --output models/junkfilter.joblib
      make a kept version current

versions and replacing:
  Every model trained for --output PATH is kept as versions/NAME-VERSION beside
  PATH (with its card), one minor version above the versions already there.
  It is installed as PATH only when it is not worse than the current model
  (PATH, else the packaged model) on the same held-out folds: no F1 of any
  column (each corpus part, each rendering of a part's pages, line, body,
  snippet and word F1) fell by more than 0.005, one line or snippet's worth,
  or twice the spread of the difference, whichever is more. Replacing PATH
  also needs figures to compare and every corpus part and rendering the
  current model was trained on. --force installs it regardless.
  A model that is not installed is kept as versions/refused/NAME-VERSION
  instead, where --model NAME-VERSION does not take it for a released
  version; --restore VERSION installs it on purpose.
  The comparison (printed, and recorded in the new card) refits the current
  model's recipe on each fold, unless the current card already holds figures
  for exactly these folds.

exit status:
  0  model written (and installed as --output), or version restored
  1  training failed (bad or missing data, a damaged model; the message says which)
  2  usage error
  3  model written to versions/refused/ but not installed: it is worse than the
     current model or cannot be compared with it (the message says why)
"""


def _folds(text: str) -> int:
    value = int(number(int, text))
    if value < 2:
        raise argparse.ArgumentTypeError(f"{value} is too few: cross-validation needs at least 2 folds "
                                         "(or pass --no-cv)")
    return value


def _model_file(text: str) -> Path:
    path = Path(text)
    try:
        check_suffix(path.suffix)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text}: {exc}") from None
    return path


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog=f"python -m {PROG}",
        description="Train the junkfilter line classifier on labelled documents, report grouped cross-validated "
                    "figures beside baselines and beside the current model, and write the model and its card.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help=".labels files, NAME.raw.txt+NAME.clean.txt pairs, .jsonl corpora, or folders of them "
                             "(default: datasets/ when neither PATH nor --data is given)")
    parser.add_argument("--data", action="append", default=[], metavar="PATH", help="more training data (repeatable)")
    shared = parser.add_mutually_exclusive_group()
    shared.add_argument("--shared", action="store_true",
                        help="require the shared corpora in ../shared, or in the folder JUNKFILTER_SHARED names (real "
                             "pages from realpages and WCXB, snippet pages, the seed pair and composed pages): an "
                             "error when they are absent. They are trained on whenever present")
    shared.add_argument("--no-shared", action="store_true",
                        help="train on the given data only, not on ../shared: quick, but the model then knows only "
                             "those pages and loses what the packaged model learnt from the shared corpora")
    parser.add_argument("--user-weight", type=positive(float), default=WEIGHTS["user"], metavar="W",
                        help="training weight of each line of your data (PATH and --data) beside the shared corpora "
                             f"(default: %(default)g, the packaged model's recipe; the seed pair weighs "
                             f"{WEIGHTS['seed']:g}). A dozen pages of a site among the shared corpora's 2,650 "
                             "documents teach it more at 5")
    parser.add_argument("--composed", type=int, default=1000, metavar="N",
                        help="composed pages to add with the shared corpora (default: 1000)")
    parser.add_argument("--output", type=_model_file, default=DEFAULT_MODEL, metavar="PATH",
                        help=f"model file to install, .joblib or .skops (a .skops file can be shared: loading it "
                             "runs no code); the card goes beside it as NAME.json (NAME.skops.json for a .skops "
                             f"file) (default: {DEFAULT_MODEL.name} in models/)")
    parser.add_argument("--folds", type=_folds, default=5, help="cross-validation folds, grouped by domain (default: 5)")
    parser.add_argument("--no-cv", action="store_true",
                        help="skip cross-validation (faster; no figures, so it cannot replace a model without --force)")
    parser.add_argument("--force", action="store_true",
                        help="install the new model even if it is worse than the current one or cannot be compared")
    parser.add_argument("--restore", nargs="?", const=PREVIOUS, metavar="VERSION",
                        help="train nothing: make a kept version of --output current again "
                             "(default: the one before the current version)")
    parser.add_argument("--seed", type=int, default=0, help="seed for composed pages (default: 0); same data + seed = same model")
    parser.add_argument("--quiet", action="store_true", help="no progress messages or bars")
    parser.add_argument("--version", action="version", version=version_text(PROG))
    return parser


def gather(args: argparse.Namespace) -> list[CorpusPart]:
    """The corpus: the given data, plus the shared corpora unless ``--no-shared`` (required with ``--shared``).

    The shared corpora are the default so that teaching the model a site does
    not unteach it the web: trained on a dozen pages of one site alone, the
    Pinecrest walk-through model scored realpages line F1 0.715 against the
    packaged model's 0.909. Without ``../shared`` (and without ``--shared``)
    the user's data alone is trained on, and a note says so.
    """
    paths = list(args.paths) + list(args.data)
    parts = [user_part(paths or [DEFAULT_DATA], args.user_weight)]
    if args.shared or (not args.no_shared and shared_dir() is not None):
        parts += shared_parts(args.composed, args.seed, renderings=corpus_renderings(MODEL_PARAMS))
    elif not args.no_shared:
        logging.getLogger(PROG).warning(
            f"the shared corpora are not at {SHARED_DIR} (JUNKFILTER_SHARED names another folder), so only your "
            "data is trained on: the model will know only those pages, not what the packaged model learnt",
            extra={"kind": "note"})
    return [p for p in parts if p.documents]


def _cross_validate(args: argparse.Namespace, parts: list[CorpusPart], version: str,
                    log: Callable[[str], None]) -> tuple[dict, dict, Comparison | None]:
    """Cross-validated figures, how they were measured, and the comparison with the current model."""
    scored = {p.name: p.documents for p in parts if not p.train_only}
    train_only = [d for p in parts if p.train_only for d in p.documents]
    docs, _ = part_columns(scored)
    fingerprint = evaluation_fingerprint(scored, args.folds)
    incumbent = find_incumbent(args.output)
    methods = [
        ("keep-all", KeepAll),
        ("c4-line-rule", C4LineRule),
        (NEW, lambda: JunkFilterMethod(**MODEL_PARAMS)),
    ]
    began = time.perf_counter()
    predictions = cv_predictions(methods, docs, train_only=train_only, n_folds=args.folds, log=log,
                                 progress=not args.quiet)
    fold_seconds = (time.perf_counter() - began) / args.folds
    cv = figures_table(predictions, scored)
    print(format_table(cv))
    refit = refit_method(incumbent, fingerprint, {p.name: p.documents for p in parts}, column_names(scored))
    if refit:
        try:
            predictions.update(cv_predictions([refit], docs, train_only=train_only, n_folds=args.folds, log=log,
                                              progress=not args.quiet))
        except ValueError as exc:  # too few of its documents in some training fold
            log(f"the {CURRENT} could not be refit: {exc}")
    comparison = None
    if incumbent:
        comparison = compare(incumbent, scored, predictions, fingerprint, trained_on(parts))
        print(comparison.report(version))
    log(f"a fit on all the data takes about {_duration(fold_seconds * args.folds / (args.folds - 1))} "
        "(from the folds' fits)")
    return cv, {"folds": args.folds, "fingerprint": fingerprint}, comparison


def _duration(seconds: float) -> str:
    """``"40 s"`` or ``"7 min"``."""
    return f"{seconds:.0f} s" if seconds < 90 else f"{seconds / 60:.0f} min"


def trained_on(parts: Sequence[CorpusPart]) -> list[str]:
    """The corpus parts trained on, and ``part@rendering`` for each rendering a part's pages were trained in."""
    rendered = [f"{part.name}@{name}" for part in parts for name, attached in part.extra.get("renderings", {}).items()
                if attached.get("pages")]
    return [*(part.name for part in parts), *rendered]


def _refusals(args: argparse.Namespace, comparison: Comparison | None) -> list[str]:
    """Why the new model may not be installed at --output (empty: it may).

    A model that replaces another must be comparable with it, trained on all it
    was trained on, and not worse. A model for a new path replaces nothing:
    it is held back only when it is worse than the model it was compared
    with (a site model trained on your pages alone is not trained on the
    shared corpora by design, and says so).
    """
    if args.force:
        return []
    if not args.output.is_file():
        return [f"it is worse on held-out folds ({'; '.join(comparison.worse())})"] \
            if comparison and comparison.current and comparison.worse() else []
    if comparison is None:
        return ["it has no cross-validated figures to compare (--no-cv)"]
    return comparison.reasons()


def run(args: argparse.Namespace, command: str, log: Callable[[str], None]) -> tuple[dict, list[str]]:
    """Gather data, cross-validate and compare, fit, keep the new version and install it unless refused.

    Returns the new model's card and the reasons it was not installed (empty when it was).
    """
    parts = gather(args)
    for part in parts:
        log(f"{part.name}: {len(part.documents)} documents, {part.n_lines} lines ({part.n_labelled} labelled)")
    version = next_version(args.output)
    cv = evaluation = comparison = None
    if not args.no_cv:
        cv, evaluation, comparison = _cross_validate(args, parts, version, log)
    refusals = _refusals(args, comparison)
    if comparison and comparison.reasons() and not refusals:
        print("installing it regardless: " + ("--force" if args.force else
              f"{shown_path(args.output)} does not exist yet, so nothing is replaced, and it is not worse"))
    log("fitting the final model on all data")
    documents = [d for p in parts for d in p.documents]
    estimator = fit_estimator(documents, **MODEL_PARAMS)
    sources = [source_entry(p.name, p.files, len(p.documents), p.n_lines, p.n_labelled,
                            weight=p.documents[0].weight, train_only=p.train_only, **p.extra) for p in parts]
    card = build_card(version=version, params=MODEL_PARAMS, sources=sources, cv=cv, threshold=DEFAULT_THRESHOLD,
                      uncertain_page_f1=UNCERTAIN_PAGE_F1, seed=args.seed, command=command,
                      training_documents=digests(documents), evaluation=evaluation,
                      comparison=comparison.as_card(version) | {"installed": not refusals} if comparison else None)
    kept = (refused_path if refusals else versioned_path)(args.output, version)
    card = save_model(estimator, kept, card)
    log(f"kept as {kept} ({card['model_bytes']} bytes, sha256 {card['model_sha256'][:12]}...)")
    if not refusals:
        keep_current(args.output)
        install(kept, args.output)
        log(f"installed as {args.output} (version {version})")
    return card, refusals


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
        if args.restore and (args.paths or args.data or args.shared):
            raise UsageError("--restore trains nothing; drop the training data arguments")
    except UsageError as exc:
        command_logger(PROG).error(f"{exc} (see --help)")
        return EXIT_USAGE
    logger = command_logger(PROG, args.quiet)
    log = logger.info
    try:
        if args.restore:
            card = restore(args.output, None if args.restore == PREVIOUS else args.restore)
            log(f"restored version {card.get('version')} as {args.output}")
            return EXIT_OK
        card, refusals = run(args, shlex.join(["python", "-m", PROG, *argv]), log)
    except (OSError, ValueError, ModelError, MissingExtra) as exc:
        logger.error(exc)
        return EXIT_FAILED
    except KeyboardInterrupt:
        logger.error("no model written", extra={"kind": "interrupted"})
        return 130
    if refusals:
        kept = refused_path(args.output, card["version"])
        logger.error(f"{args.output} was not replaced: {'; '.join(refusals)}. The new model is kept as "
                     f"{kept}; install it with 'python -m {PROG} --restore {card['version']} --output {args.output}', "
                     "or retrain with --force", extra={"kind": "refused"})
        return EXIT_REFUSED
    return EXIT_OK
