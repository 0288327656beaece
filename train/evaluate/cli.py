"""``python -m train.evaluate``: the side-by-side evaluation table on the shared corpora.

A thin shell over :func:`train.evaluate.side_by_side.evaluate_shared`: it reads the
options, prints the table (and writes it as JSON with ``--output``) and reports
progress on stderr. Our model is built with ``train.recipe.MODEL_PARAMS``, the
packaged model's parameters, so the table measures what is shipped; the
defaults of ``--folds``, ``--composed`` and ``--seed`` are those of
``python -m train``.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Sequence

from predict.cli.arguments import Parser, UsageError
from predict.corpus.atomic import atomic_write_text
from predict.cli.messages import command_logger
from train.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from train.cli import build_parser as build_train_parser
from train.data.renderers import RENDERERS
from train.evaluate.side_by_side import (HELDOUT, HELDOUT_SEED_OFFSET, REFERENCES, comment_thread_pages,
                                         default_methods, evaluate_shared, row_names, row_needs, select_references,
                                         select_rows)
from train.extras import MissingExtra, require
from train.recipe import MODEL_PARAMS, corpus_renderings
from train.report import Method, format_table

PROG = "train.evaluate"
EVALUATED_RENDERINGS = tuple(name for name in RENDERERS if name != "html-text")
"""Every other rendering: those the model trains on, html2text's (unwrapped and wrapped at its default 78
columns, never trained on) and trafilatura's extracted main text."""
DEFAULT_HELDOUT = 200
"""Held-out composed pages (about 14k lines): each fold's model of ours takes about 10 s to score them."""
_TRAIN = build_train_parser()

EPILOG = f"""\
rows: {", ".join([*row_names(default_methods(MODEL_PARAMS)), *REFERENCES])}

examples:
  python -m {PROG}
      the whole table (about 30 minutes on two cores)
  python -m {PROG} --only keep-all,c4-line-rule,justext --folds 2 --heldout-composed 20
      a quick look at the rules
  python -m {PROG} --skip trafilatura --output figures.json
      every row but one, also written as JSON

exit status:
  0  table printed
  1  evaluation failed (the shared corpora are missing, an extra a row or rendering
     needs is not installed, or bad data; the message says which and what to install)
  2  usage error
"""


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog=f"python -m {PROG}",
        description="Compare baselines, the junkfilter model and its ablations side by side: grouped "
                    "cross-validation over the shared real pages, snippet pages and seed pair, plus "
                    "held-out composed pages. Needs the shared corpora in ../shared.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--folds", type=int, default=_TRAIN.get_default("folds"),
                        help="cross-validation folds, grouped by domain, 2 or more (default: %(default)s)")
    parser.add_argument("--composed", type=int, default=_TRAIN.get_default("composed"), metavar="N",
                        help="composed pages added to every training fold, as python -m train --shared adds "
                             "them (default: %(default)s)")
    parser.add_argument("--heldout-composed", type=int, default=DEFAULT_HELDOUT, metavar="N",
                        help=f"composed pages from the test split, with other site templates, scored by every "
                             f"fold's model as the {HELDOUT} column; 0 leaves it out (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=_TRAIN.get_default("seed"),
                        help=f"seed of the composed training pages; held-out pages use seed + "
                             f"{HELDOUT_SEED_OFFSET} (default: %(default)s)")
    rows = parser.add_mutually_exclusive_group()
    rows.add_argument("--only", type=_names, metavar="ROWS", help="evaluate only these rows (comma-separated)")
    rows.add_argument("--skip", type=_names, default=[], metavar="ROWS", help="leave these rows out (comma-separated)")
    parser.add_argument("--renderings", type=_names, default=list(EVALUATED_RENDERINGS), metavar="NAMES",
                        help="also score the WCXB pages as these tools render them, one column each ('' for none; "
                             f"default: {','.join(EVALUATED_RENDERINGS)}; built and cached on first use); the "
                             "recipe's own renderings are always attached when a row is fitted, since its folds "
                             "train on them")
    parser.add_argument("--fold-models", type=Path, metavar="DIR",
                        help="keep each fold's fitted model in DIR and reuse it when the same recipe, fold and "
                             "training pages come again: a decision rule or another rendering is then measured "
                             "without refitting (empty DIR after changing how models are fitted)")
    parser.add_argument("--output", type=Path, metavar="FILE", help="also write the table as JSON to FILE")
    parser.add_argument("--quiet", action="store_true", help="no progress messages")
    return parser


def attached_renderings(methods: Sequence[Method], scored: Sequence[str]) -> list[str]:
    """The renderings the WCXB pages carry: the recipe's own first when a row is fitted (its folds train
    on them, as ``python -m train`` does), then the ``scored`` ones; each is scored in its own column.

    Without the recipe's renderings the folds would train on html-text alone, and a
    converter's column would measure a model that is not the recipe's.
    """
    trained = corpus_renderings(MODEL_PARAMS) if any(method.trained for method in methods) else []
    return list(dict.fromkeys([*trained, *scored]))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
        if args.folds < 2:
            raise UsageError(f"--folds must be 2 or more, not {args.folds}")
        if min(args.composed, args.heldout_composed) < 0:
            raise UsageError("--composed and --heldout-composed count pages: give 0 or more")
        if args.output is not None and args.output.is_dir():
            raise UsageError(f"--output {args.output} is a folder; pass a file name")
        methods = select_rows(default_methods(MODEL_PARAMS), only=args.only, skip=args.skip)
        references = select_references(only=args.only, skip=args.skip)
    except (UsageError, ValueError) as exc:
        command_logger(PROG).error(f"{exc} (see --help)")
        return EXIT_USAGE
    logger = command_logger(PROG, args.quiet)
    log = logger.info
    try:
        require(row_needs([*row_names(methods), *references]))  # renderings' tools: when they are rendered
        table = evaluate_shared(methods, n_composed=args.composed, n_heldout=args.heldout_composed, seed=args.seed,
                                n_folds=args.folds, references=references,
                                renderings=attached_renderings(methods, args.renderings), log=log,
                                store=args.fold_models)
        print(format_table(table))
        if args.output is not None:
            settings = {"folds": args.folds, "composed": args.composed, "heldout_composed": args.heldout_composed,
                        "seed": args.seed, "params": MODEL_PARAMS}
            record = {"command": " ".join(["python -m", PROG, *argv]), "settings": settings, "table": table,
                      "comment_threads": comment_thread_pages()}
            atomic_write_text(args.output, json.dumps(record, indent=2) + "\n")
            log(f"wrote {args.output}")
    except (OSError, ValueError, MissingExtra) as exc:
        logger.error(exc)
        return EXIT_FAILED
    except KeyboardInterrupt:
        logger.error("stopped", extra={"kind": "interrupted"})
        return 130
    return EXIT_OK

