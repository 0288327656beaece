"""Cold start: ``python -m predict small.txt`` against a bare ``import sklearn.linear_model``.

A user cleaning one page waits for Python, scikit-learn, the model file and
the scoring; the bare import is the floor any scikit-learn tool pays. Both
commands run alternately several times; the fastest run of each is the
figure least disturbed by other load on the machine (as ``timeit`` does), the
median is shown beside it.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# An invented page of the imaginary Larchfield Gazette.
SMALL_PAGE = """Home | News | Sport
The Larchfield council agreed on Monday to reopen the old ferry pier before the summer.
Repairs to the timber deck will take eight weeks, the harbour master said.
Trending now
Ten snacks you must try this summer
"""


@dataclass(frozen=True)
class ColdStart:
    predict_best: float
    predict_median: float
    bare_best: float
    bare_median: float

    @property
    def ratio(self) -> float:
        return self.predict_best / self.bare_best


def measure(runs: int) -> ColdStart:
    with tempfile.TemporaryDirectory() as folder:
        small = Path(folder) / "small.txt"
        small.write_text(SMALL_PAGE, encoding="utf-8")
        commands = {
            "predict": [sys.executable, "-m", "predict", str(small)],
            "bare": [sys.executable, "-c", "import sklearn.linear_model"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                start = time.perf_counter()
                subprocess.run(command, cwd=REPO, stdout=subprocess.DEVNULL, check=True)
                times[name].append(time.perf_counter() - start)
    return ColdStart(
        min(times["predict"]), statistics.median(times["predict"]), min(times["bare"]), statistics.median(times["bare"])
    )
