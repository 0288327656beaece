"""Stopping cleanly: SIGTERM unwinds the run like Ctrl-C, and the message says how to carry on.

By default SIGTERM ends the process where it stands, so the hidden temporary
file of an atomic write in progress stays behind until the next run into that
folder. With :func:`terminate_as_exception` the signal raises
:class:`Terminated` instead, which runs every ``finally`` and ``except
BaseException`` on the way out (the atomic writer removes its temporary file),
as Ctrl-C's ``KeyboardInterrupt`` does. Worker processes keep the default
(:mod:`predict.corpus.parallel` sets it back): the parent stops them.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


class Terminated(BaseException):
    """SIGTERM arrived (a ``BaseException``, like ``KeyboardInterrupt``, so ordinary handlers let it pass)."""


class Stopped(BaseException):
    """An ``--output-dir`` run stopped by ``cause`` (Ctrl-C or SIGTERM); what it finished is in ``out_dir``."""

    def __init__(self, cause: BaseException, out_dir: Path) -> None:
        super().__init__(str(out_dir))
        self.cause = cause
        self.out_dir = out_dir


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated()


@contextmanager
def terminate_as_exception() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`Terminated` (only in the main thread, where handlers can be set)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)

