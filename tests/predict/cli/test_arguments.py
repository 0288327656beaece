"""The argument helpers both command lines share: usage errors raised, numbers checked with a clear message."""
from __future__ import annotations

import argparse

import pytest

from predict.cli.arguments import Parser, UsageError, number, positive, probability


def test_a_parser_error_is_raised_not_exited() -> None:
    parser = Parser(prog="x")
    parser.add_argument("--n", type=positive(int))
    with pytest.raises(UsageError, match="not above 0"):
        parser.parse_args(["--n", "0"])


@pytest.mark.parametrize(("parse", "text", "message"), [
    (probability, "1.5", "not between 0 and 1"), (probability, "half", "'half' is not a number"),
    (positive(int), "2.5", "'2.5' is not a whole number"), (lambda text: number(int, text), "x", "not a whole number"),
])
def test_bad_numbers_say_what_is_wrong(parse, text: str, message: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match=message):
        parse(text)
