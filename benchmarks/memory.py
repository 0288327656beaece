"""Peak memory of ``python -m predict --input-format jsonl`` on JSONL corpora of growing size.

A streaming filter's peak memory does not grow with its input. The corpora
are generated in a temporary folder from the shared pages (never kept), piped
through the command line with its output thrown away, and the peak resident
set size of the process is read from the operating system when it ends.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.workload import write_jsonl_corpus

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class PeakMemory:
    megabytes: float  # input size
    records: int
    peak_rss_mb: float
    cpu_seconds: float
    wall_seconds: float


def measure(pages: list[list[str]], sizes_mb: list[float]) -> list[PeakMemory]:
    results = []
    with tempfile.TemporaryDirectory(prefix="junkfilter-bench-") as folder:
        for size in sizes_mb:
            path = Path(folder) / f"corpus-{size:g}mb.jsonl"
            records = write_jsonl_corpus(pages, path, size)
            command = [sys.executable, "-m", "predict", "--input-format", "jsonl", str(path)]
            start = time.perf_counter()
            process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL)
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode != 0:
                raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}")
            peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
            cpu = usage.ru_utime + usage.ru_stime
            results.append(PeakMemory(path.stat().st_size / 1e6, records, peak_mb, cpu, wall))
            path.unlink()
    return results
