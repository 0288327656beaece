"""Progress messages of the training command lines: on stderr, stamped with the time since the start.

Training and evaluation runs take minutes; a stamped line per step shows where
the time goes, while stdout stays free for the figures.
"""
from __future__ import annotations

import sys
import time
from typing import Callable

Log = Callable[[str], None]


def stderr_log(quiet: bool = False) -> Log:
    """A ``log(message)`` that prints ``[  12.3s] message`` to stderr, or nothing when ``quiet``."""
    start = time.monotonic()

    def log(message: str) -> None:
        if not quiet:
            print(f"[{time.monotonic() - start:6.1f}s] {message}", file=sys.stderr, flush=True)

    return log
