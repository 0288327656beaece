"""``python -m train``: retrain the model on labelled data and report grouped-CV figures.

A thin shell over :mod:`train.corpus` (what to train on), :mod:`train.report`
(cross-validated figures beside the baselines), :mod:`train.fit` and
:mod:`train.persist` (the model file and its card).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import NoReturn, Sequence

from predict.model import DEFAULT_MODEL, DEFAULT_THRESHOLD
from train.baselines import C4LineRule, KeepAll
from train.card import build_card, source_entry
from train.corpus import DEFAULT_DATA, CorpusPart, shared_parts, user_part
from train.fit import JunkFilterMethod, fit_estimator
from train.persist import save_model
from train.report import cv_table, format_table

PROG = "train"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
MODEL_PARAMS: dict = {}
"""Hyperparameters of the packaged model (defaults of :func:`train.architecture.build_model`)."""

EPILOG = f"""\
examples:
  python -m {PROG}
      train on datasets/ and write models/junkfilter.joblib (+ .json card)
  python -m {PROG} --shared
      also train on the shared corpora in ../shared (how the packaged model is made)
  python -m {PROG} --data datasets/ --data corrected/ --output models/mine.joblib
      retrain on the project's examples plus your corrected drafts

exit status:
  0  model written
  1  training failed (bad or missing data; the message says which)
  2  usage error
"""


class UsageError(Exception):
    """Bad command-line arguments."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=f"python -m {PROG}",
        description="Train the junkfilter line classifier on labelled documents, report grouped "
                    "cross-validated figures beside baselines, and write the model and its model card.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help=".labels files, NAME.raw.txt+NAME.clean.txt pairs, .jsonl corpora, or folders of them "
                             "(default: datasets/ when neither PATH nor --data is given)")
    parser.add_argument("--data", action="append", default=[], metavar="PATH", help="more training data (repeatable)")
    parser.add_argument("--shared", action="store_true",
                        help="also train on ../shared: real pages, snippet pages, the seed pair and composed pages")
    parser.add_argument("--composed", type=int, default=1000, metavar="N",
                        help="composed pages to add with --shared (default: 1000)")
    parser.add_argument("--output", type=Path, default=DEFAULT_MODEL, metavar="PATH",
                        help=f"model file to write; the card goes beside it as .json (default: {DEFAULT_MODEL.name} in models/)")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds, grouped by domain (default: 5)")
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation (faster; the card then has no figures)")
    parser.add_argument("--seed", type=int, default=0, help="seed for composed pages (default: 0); same data + seed = same model")
    parser.add_argument("--quiet", action="store_true", help="no progress messages")
    return parser


def _gather(args: argparse.Namespace) -> list[CorpusPart]:
    paths = list(args.paths) + list(args.data)
    parts = [user_part(paths or [DEFAULT_DATA])]
    if args.shared:
        parts += shared_parts(args.composed, args.seed)
    return [p for p in parts if p.documents]


def run(args: argparse.Namespace, log) -> dict:
    """Gather data, cross-validate, fit and save; returns the model card."""
    parts = _gather(args)
    for part in parts:
        log(f"{part.name}: {len(part.documents)} documents, {part.n_lines} lines ({part.n_labelled} labelled)")
    scored = {p.name: p.documents for p in parts if not p.train_only}
    train_only = [d for p in parts if p.train_only for d in p.documents]
    cv = None
    if not args.no_cv:
        methods = [
            ("keep-all", KeepAll),
            ("c4-line-rule", C4LineRule),
            ("junkfilter", lambda: JunkFilterMethod(**MODEL_PARAMS)),
        ]
        cv = cv_table(methods, scored, train_only=train_only, n_folds=args.folds, log=log)
        print(format_table(cv))
    log("fitting the final model on all data")
    estimator = fit_estimator([d for p in parts for d in p.documents], **MODEL_PARAMS)
    sources = [source_entry(p.name, p.files, len(p.documents), p.n_lines, p.n_labelled,
                            weight=p.documents[0].weight, train_only=p.train_only, **p.extra) for p in parts]
    from predict import __version__

    card = build_card(version=__version__, params=MODEL_PARAMS, sources=sources, cv=cv,
                      threshold=DEFAULT_THRESHOLD, seed=args.seed, command=" ".join(["python -m train", *sys.argv[1:]]))
    return save_model(estimator, args.output, card)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        print(f"{PROG}: error: {exc} (see --help)", file=sys.stderr)
        return EXIT_USAGE
    start = time.monotonic()

    def log(message: str) -> None:
        if not args.quiet:
            print(f"[{time.monotonic() - start:6.1f}s] {message}", file=sys.stderr, flush=True)

    try:
        card = run(args, log)
    except (OSError, ValueError) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted; no model written", file=sys.stderr)
        return 130
    log(f"wrote {args.output} ({card['model_bytes']} bytes, sha256 {card['model_sha256'][:12]}...)")
    return EXIT_OK
