"""Argument parsing both command lines share (``python -m predict``, ``python -m train``, ``train.evaluate``).

A parser that raises :class:`UsageError` instead of exiting, so each command
reports a usage error its own way (one line, exit status 2), and the number
types whose messages say what was wrong with the value.
"""
from __future__ import annotations

import argparse
from typing import Callable, NoReturn


class UsageError(Exception):
    """Bad command-line arguments."""


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose ``error`` raises :class:`UsageError` instead of exiting."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def number(kind: Callable[[str], float], text: str) -> float:
    """``kind(text)`` (``int`` or ``float``), or an ``ArgumentTypeError`` that says it is not a (whole) number."""
    try:
        return kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a {'whole ' if kind is int else ''}number") from None


def probability(text: str) -> float:
    """A number from 0 to 1."""
    value = number(float, text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 1")
    return value


def positive(kind: Callable[[str], float]) -> Callable[[str], float]:
    """An argument type for numbers of ``kind`` above 0."""
    def parse(text: str) -> float:
        value = number(kind, text)
        if not value > 0:
            raise argparse.ArgumentTypeError(f"{text} is not above 0")
        return value

    return parse
