"""One way of reporting for every command: problems as ``PROG: KIND: message``, progress stamped with the time."""
from __future__ import annotations

import re

from predict.cli.messages import command_logger


def test_problems_name_the_command_and_their_kind_on_one_line(capsys) -> None:
    logger = command_logger("train")
    logger.error("no data\nat all")
    logger.error("kept as versions/x", extra={"kind": "refused"})
    assert capsys.readouterr().err == "train: error: no data at all\ntrain: refused: kept as versions/x\n"


def test_progress_is_stamped_and_quiet_drops_only_progress(capsys) -> None:
    command_logger("train.evaluate").info("fold 1 of 5")
    assert re.fullmatch(r"\[ +\d+\.\ds\] fold 1 of 5\n", capsys.readouterr().err)
    quiet = command_logger("train.evaluate", quiet=True)
    quiet.info("fold 2 of 5")
    quiet.warning("slow")
    assert capsys.readouterr().err == "train.evaluate: warning: slow\n"
