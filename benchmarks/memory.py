"""Peak memory of ``python -m predict --input-format jsonl`` on JSONL corpora of growing size.

A streaming filter's peak memory does not grow with its input. The corpora
are generated in a temporary folder from the shared pages (never kept), piped
through the command line with its output thrown away, and the peak resident
set size of the process is read from the operating system when it ends.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

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
            peak_mb, cpu, wall = run_measured([sys.executable, "-m", "predict", "--input-format", "jsonl", str(path)])
            results.append(PeakMemory(path.stat().st_size / 1e6, records, peak_mb, cpu, wall))
            path.unlink()
    return results


def run_measured(command: list[str], stdout: IO | int = subprocess.DEVNULL) -> tuple[float, float, float]:
    """Run ``command`` from the repository: its peak RSS in MB, CPU seconds and wall seconds.

    The operating system's figures for the process and every process of its
    that ended before it (``--jobs`` workers): CPU time added up, peak RSS
    that of the largest one. A non-zero exit raises ``RuntimeError``.

    The command is started by a small Python process (:data:`_LAUNCHER`), not
    by this one: Linux counts in a new program's peak RSS the memory of the
    process that forked it (the pages it held when the program replaced it),
    so started from here, the benchmark's own peak (its pages, its model)
    would be reported as the command's.
    """
    with tempfile.TemporaryDirectory(prefix="junkfilter-run-") as folder:
        report = Path(folder) / "usage.json"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", _LAUNCHER, str(report), *command], cwd=REPO, stdout=stdout, check=True)
        wall = time.perf_counter() - start
        code, peak_kb, cpu = json.loads(report.read_text(encoding="utf-8"))
    if code != 0:
        raise RuntimeError(f"{' '.join(command)} exited with {code}")
    return peak_kb / 1024, cpu, wall  # ru_maxrss: kilobytes on Linux


_LAUNCHER = """import json, os, sys
pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as report:
    json.dump([os.waitstatus_to_exitcode(status), usage.ru_maxrss, usage.ru_utime + usage.ru_stime], report)
"""
