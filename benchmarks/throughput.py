"""Library throughput per core: our filter beside jusText, trafilatura and the C4 line rule.

Each method decides which lines of the same documents to keep, through the
same interface (``keep_documents``, see :mod:`train.baselines`). Time is the
process's CPU time, which counts every thread it runs and leaves out what
other programs on a shared machine take, so the figures are per core. Our
filter runs as ``python -m predict`` runs it: batches of documents per model
call, one BLAS thread.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from predict.corpus.allocator import keep_freed_memory
from predict.corpus.parallel import one_thread
from predict.corpus.stream import Limits, batches, judge_lines
from predict.model import JunkFilter
from train.baselines import Baseline, C4LineRule, JusTextLines, TrafilaturaLines


class OurFilter:
    """The packaged model behind the baselines' interface, batched like the command line.

    Like the command line, it keeps freed batch memory for the next batch
    (:mod:`predict.corpus.allocator`); that setting holds for the whole process, so
    the peers measured after it run with it too.
    """

    def __init__(self, model: JunkFilter, name: str = "junkfilter") -> None:
        self.model = model
        self.name = name
        keep_freed_memory()

    def keep_documents(self, documents: Sequence[Sequence[str]]) -> list[np.ndarray]:
        keep: list[np.ndarray] = []
        with one_thread():
            for batch in batches(documents, lambda lines: sum(map(len, lines))):
                documents = [list(lines) for lines in batch]
                keep += [judged.keep for judged in judge_lines(self.model, documents, Limits().max_line_chars)]
        return keep


@dataclass(frozen=True)
class Throughput:
    name: str
    cpu_seconds: float
    wall_seconds: float
    lines_per_second: float
    megabytes_per_second: float
    kept: float  # share of lines kept, to show every method did the work


def peers() -> list[Baseline]:
    """The methods our filter is compared with."""
    return [C4LineRule(), JusTextLines(), TrafilaturaLines()]


def measure(method: Baseline | OurFilter, documents: list[list[str]], megabytes: float) -> Throughput:
    """Run ``method`` once over ``documents`` and time it."""
    cpu, wall = time.process_time(), time.perf_counter()
    keep = method.keep_documents(documents)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    lines = sum(map(len, documents))
    kept = sum(int(mask.sum()) for mask in keep) / max(lines, 1)
    return Throughput(method.name, cpu, wall, lines / cpu, megabytes / cpu, kept)
