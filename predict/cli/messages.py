"""How both commands report on stderr: the standard ``logging``, one line per message.

``python -m predict`` and ``python -m train`` (and ``train.evaluate``) set up
their logger here, so a message looks the same from every command: problems
as ``PROG: KIND: message`` (``predict: error: ...``, ``train: refused: ...``;
the kind is the level's name unless a call passes ``extra={"kind": ...}``;
an empty message leaves ``PROG: KIND``, as in ``predict: interrupted``),
progress as ``[  12.3s] message``, stamped with the time since the command
started. Lines go through :func:`predict.cli.progress.print_message`, so they
never tear a progress bar; stdout stays free for the results.
"""
from __future__ import annotations

import logging
import time

from predict.cli.progress import print_message


class _Format(logging.Formatter):
    def __init__(self, prog: str) -> None:
        super().__init__()
        self.prog = prog
        self.start = time.monotonic()

    def format(self, record: logging.LogRecord) -> str:
        message = " ".join(record.getMessage().splitlines())  # one line, whatever an exception's text holds
        if record.levelno <= logging.INFO:
            return f"[{time.monotonic() - self.start:6.1f}s] {message}"
        kind = getattr(record, "kind", record.levelname.lower())
        return f"{self.prog}: {kind}: {message}" if message else f"{self.prog}: {kind}"  # ``predict: interrupted``


class _Stderr(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        try:
            print_message(self.format(record))
        except Exception:  # noqa: BLE001 - logging's own contract: a failing handler reports, never raises
            self.handleError(record)


def command_logger(prog: str, quiet: bool = False) -> logging.Logger:
    """The logger of command ``prog``, writing to stderr; ``quiet`` drops progress (INFO), never problems."""
    handler = _Stderr()
    handler.setFormatter(_Format(prog))
    logger = logging.getLogger(prog)
    logger.handlers = [handler]
    logger.propagate = False
    logger.setLevel(logging.WARNING if quiet else logging.INFO)
    return logger
