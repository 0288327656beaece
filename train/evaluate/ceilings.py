"""The ceiling of every line filter on each rendering of the WCXB pages, and the command that builds them.

Keeping exactly the lines labelled content is the best any line filter of a
rendering can do; keeping every line is the floor. Their WCXB word F1, on
article pages and on all pages, says how much of a rendering's gap a filter
could close (docs/how-it-works.md, "The evaluation table").
``python -m train.evaluate.ceilings`` renders and labels the pages each
rendering still lacks (:func:`train.data.renderings.build_cache`) and prints
the figures.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import numpy as np

from train.data.documents import CONTENT, LabelledDocument
from train.data.renderers import RENDERERS
from train.data.renderings import CACHE_SUBDIR, TIMEOUT, build_cache, read_rendered
from train.extras import MissingExtra
from train.metrics import word_scores


def ceilings(records: Sequence[dict]) -> dict[str, float]:
    """WCXB word F1 of keeping the content lines (``ceiling_*``) and every line (``keep_all_*``),
    averaged over article pages and over all pages."""
    docs = [LabelledDocument(r["lines"], r["labels"], gold=r["gold"], kinds=r["kinds"], page_type=r["page_type"])
            for r in records]
    result = {}
    for name, masks in (
        ("ceiling", [np.asarray(doc.labels) == CONTENT for doc in docs]),
        ("keep_all", [np.ones(len(doc.lines), dtype=bool) for doc in docs]),
    ):
        scores = word_scores(docs, masks)
        result[f"{name}_articles"] = scores.get("word_f1_article", 0.0)
        result[f"{name}_all"] = scores.get("word_f1", 0.0)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m train.evaluate.ceilings [RENDERING ...]``: build missing caches, print each ceiling."""
    parser = argparse.ArgumentParser(prog="python -m train.evaluate.ceilings", description=main.__doc__)
    parser.add_argument("renderings", nargs="*", default=list(RENDERERS), help=f"default: {' '.join(RENDERERS)}")
    parser.add_argument("--cache-dir", help="default $JUNKFILTER_RENDERINGS, else "
                        f"$XDG_CACHE_HOME/junkfilter/{CACHE_SUBDIR} (~/.cache/junkfilter/{CACHE_SUBDIR})")
    parser.add_argument("--processes", type=int, default=2, help="at most 2")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per page and renderer")
    parser.add_argument("--rebuild", action="store_true", help="render again even where a cache exists")
    args = parser.parse_args(argv)
    try:
        stats = build_cache(args.renderings, cache_dir=args.cache_dir, processes=args.processes,
                            timeout=args.timeout, rebuild=args.rebuild)
    except (MissingExtra, ValueError, OSError) as exc:
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return 1
    for rendering in args.renderings:
        built = stats.get(rendering)
        skipped = built.failed + built.timed_out if built else []
        done = f"{built.rendered} pages in {built.render_seconds:.0f}s, skipped {skipped}" if built else "cached"
        figures = " ".join(f"{k} {v:.3f}" for k, v in ceilings(read_rendered(rendering, args.cache_dir)).items())
        print(f"{rendering}: {done}; {figures}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
