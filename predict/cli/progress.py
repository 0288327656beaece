"""A progress bar on stderr for long runs, and messages that do not tear it.

Cleaning a corpus can take hours, so ``python -m predict`` shows a tqdm bar
on stderr: only when stderr is a terminal (never in logs or pipes), not with
``--quiet``, and only once the run has lasted a few seconds, so short runs
print nothing extra. tqdm is imported only when a bar may be shown, which
keeps start-up fast.
"""
from __future__ import annotations

import sys

SHOW_AFTER_SECONDS = 2.0


class Progress:
    """Counts processed documents; shows them as a bar when ``enabled``."""

    def __init__(self, enabled: bool, unit: str = "doc", total: int | None = None) -> None:
        self._bar = None
        if enabled:
            from tqdm import tqdm

            self._bar = tqdm(
                total=total, unit=unit, file=sys.stderr, delay=SHOW_AFTER_SECONDS,
                dynamic_ncols=True, mininterval=0.5, smoothing=0.1,
            )

    def update(self, count: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(count)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def print_message(line: str) -> None:
    """Print one line to stderr, above the progress bar if one is showing."""
    tqdm = sys.modules.get("tqdm")  # imported only if a bar was ever made
    if tqdm is None:
        print(line, file=sys.stderr, flush=True)
    else:
        tqdm.tqdm.write(line, file=sys.stderr)
        sys.stderr.flush()
