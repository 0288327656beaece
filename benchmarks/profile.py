"""``python -m benchmarks.profile``: where the time of scoring the benchmark's batches goes, part by part.

Why: a throughput figure says how fast the filter is, not what to make
faster (issue 31). This runs every part of a model on the benchmark's
documents, batched as the command line batches them, one part at a time:
reading, the shared text analysis, each feature block, the first-stage
regression, the context features, each half of the stacked stage, and the
page's decisions. It prints each part's CPU time per line beside the whole
path's, timed on its own; the difference is the Python between the parts
(scikit-learn's pipeline and union machinery, the model's bookkeeping).
On a busy machine, ``--rounds`` repeats both and keeps each figure's lowest.
"""
from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

import numpy as np
from scipy import sparse
from sklearn.ensemble import VotingClassifier
from sklearn.pipeline import FeatureUnion, Pipeline

from benchmarks.throughput import OurFilter
from benchmarks.workload import real_pages, repeated
from predict.corpus.parallel import one_thread
from predict.corpus.stream import batches
from predict.decision import page_headline
from predict.features.title_candidates import title_candidates
from predict.features.shape import char_classes
from predict.features.table import make_table
from predict.features.text import ShareText
from predict.metadata import metadata_lines
from predict.model import JunkFilter, load_model
from predict.reading import read_lines
from predict.stages.headline import line_model
from predict.stages.stacking import context_features

Result = TypeVar("Result")


class Clock:
    """CPU seconds per part, summed over calls."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def __call__(self, part: str, work: Callable[[], Result]) -> Result:
        start = time.process_time()
        result = work()
        self.seconds[part] += time.process_time() - start
        return result


def _transform(step: Any, X: Any, clock: Clock, name: str) -> Any:
    """``step.transform(X)``, descending into pipelines and unions so that each leaf is timed under its name."""
    if isinstance(step, Pipeline):
        for sub_name, sub in step.steps:
            X = _transform(sub, X, clock, sub_name)
        return X
    if isinstance(step, FeatureUnion):
        blocks = [_transform(sub, X, clock, sub_name) for sub_name, sub in step.transformer_list]
        joined = sparse.hstack if any(sparse.issparse(block) for block in blocks) else np.hstack
        return clock(f"join ({name})", lambda: joined(blocks).tocsr() if joined is sparse.hstack else joined(blocks))
    if isinstance(step, ShareText):
        batch = clock("text: line table as a batch", lambda: step.transform(X))
        text = batch.text
        clock("text: characters and their classes", lambda: (text.characters, text.once(char_classes)))
        clock("text: tokenise", lambda: text.tokens)
        return batch
    return clock(name, lambda: step.transform(X))


def _stacked(stage: Any, Z: np.ndarray, clock: Clock) -> np.ndarray:
    """The stacked stage's content probability, each half of a voting stage timed apart."""
    if not isinstance(stage, VotingClassifier):
        return clock("stacked stage", lambda: stage.predict_proba(Z))[:, 1]
    halves = [clock(f"stacked: {name}", lambda half=half: half.predict_proba(Z))
              for name, half in zip(stage.named_estimators_, stage.estimators_)]
    return clock("stacked: average", lambda: np.average(halves, axis=0, weights=stage._weights_not_none))[:, 1]


def profile_batch(model: JunkFilter, documents: Sequence[list[str]], clock: Clock) -> None:
    """Score and decide one batch as :meth:`JunkFilter.score_documents` and ``keep_scored`` do, part by part."""
    estimator = line_model(model.estimator)
    clock("reading", lambda: [metadata_lines(lines) for lines in documents])  # the benchmark's pages have none
    readings = clock("reading", lambda: [read_lines(lines, model.unwrap) for lines in documents])
    table = clock("reading", lambda: make_table([reading.texts for reading in readings]))
    base = estimator.base_
    X = _transform(Pipeline(base.steps[:-1]), table, clock, "features")
    p = clock("first stage: regression", lambda: base.steps[-1][1].predict_proba(X))[:, 1]
    Z = clock("context features", lambda: context_features(table, p, estimator.offsets, estimator.widths))
    Z = clock("context features", lambda: estimator.scaler_.transform(Z))
    proba = _stacked(estimator.stage2_, Z, clock)
    ends = np.cumsum([len(reading.texts) for reading in readings])
    rules = replace(model, keep_headline=False)
    pages = []
    for lines, reading, end in zip(documents, readings, ends):
        scores = clock("scores to lines", lambda r=reading, e=end: r.line_scores(proba[e - len(r.texts):e]))
        pages.append((lines, clock("page rule and copies", lambda d=lines, s=scores: rules.keep_scored(d, s)), scores))
    ranker = model.headline_ranker
    if model.keep_headline and ranker is None:
        for lines, keep, _ in pages:
            clock("headline rule", lambda d=lines, k=keep: page_headline(d, k))
    elif model.keep_headline:
        _, columns = clock("headline: candidates", lambda: title_candidates(pages))
        if len(columns):
            clock("headline: ranker", lambda: ranker.predict_proba(columns))


def profile(model: JunkFilter, documents: list[list[str]], rounds: int = 1) -> tuple[dict[str, float], float]:
    """CPU seconds of each part over ``documents``, and of the whole path (the benchmark's) timed apart.

    With several ``rounds`` (parts and whole path alternating), each figure
    is its lowest: what other programs on a shared machine add only raises them.
    """
    parts: dict[str, float] = {}
    whole = float("inf")
    method = OurFilter(model)
    for _ in range(rounds):
        clock = Clock()
        with one_thread():
            for batch in batches(documents, lambda lines: sum(map(len, lines))):
                profile_batch(model, batch, clock)
        parts = {part: min(seconds, parts.get(part, seconds)) for part, seconds in clock.seconds.items()}
        start = time.process_time()
        method.keep_documents(documents)
        whole = min(whole, time.process_time() - start)
    return parts, whole


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=300_000,
                        help="lines of the benchmark's documents (default: %(default)s)")
    parser.add_argument("--model", help="the model to profile: a path, a name or a kept version (default: the packaged one)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds of parts and whole path, alternating; each figure is its lowest (default: %(default)s)")
    args = parser.parse_args(argv)
    model = load_model(args.model)
    documents = repeated(real_pages(), args.lines)
    lines = sum(map(len, documents))
    profile(model, documents[:50])  # warm up: character tables, imports
    parts, whole = profile(model, documents, args.rounds)
    print(f"{lines} lines in {len(documents)} documents; µs per line of CPU time, lowest of {args.rounds} rounds")
    print("| part | µs/line |\n|---|---|")
    for part, seconds in parts.items():
        print(f"| {part} | {1e6 * seconds / lines:.2f} |")
    print(f"| sum of the parts | {1e6 * sum(parts.values()) / lines:.2f} |")
    print(f"| Python between the parts (whole − sum) | {1e6 * (whole - sum(parts.values())) / lines:.2f} |")
    print(f"| **whole path, timed apart** | **{1e6 * whole / lines:.2f}** ({lines / whole:,.0f} lines/s) |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
