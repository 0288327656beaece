"""The headline columns: what sets a page's headline apart from the headline lists of its junk tail."""
from __future__ import annotations

import numpy as np

from predict.features.headline import REACH, headline_columns

PAGE = [
    "Harbour ferry returns after winter repairs | The Bayside Courier",
    "Home",
    "Local news",
    "Harbour ferry returns after winter repairs",
    "By Mara Quinn",
    "The harbour ferry carried its first passengers of the year on Tuesday after repairs that kept it "
    "docked through the winter months.",
    "Repairs to the ferry's engine and hull took longer than planned, the harbour office said on Monday.",
    "Trending now",
    "Celebrity chef opens noodle bar downtown",
]
SCORES = np.array([0.1, 0.1, 0.1, 0.2, 0.1, 0.9, 0.9, 0.1, 0.3])


def columns(lines=PAGE, scores=SCORES, bounds=None) -> np.ndarray:
    return headline_columns(list(lines), scores, np.array(bounds or [0, len(lines)]))


def test_the_headline_shares_the_body_words_and_echoes_the_top_line() -> None:
    overlap, echo, to_body = columns().T
    assert overlap[3] >= 0.75 and echo[3] == 1.0 and to_body[3] == -2
    assert overlap[8] == 0.0 and echo[8] == 0.0  # a trending headline shares neither


def test_the_top_line_echoes_nothing_above_it() -> None:
    assert columns()[0, 1] == 0.0


def test_a_page_without_likely_body_is_out_of_reach() -> None:
    assert (columns(scores=np.full(len(PAGE), 0.2))[:, 2] == REACH).all()


def test_pages_do_not_see_each_other() -> None:
    two = columns(PAGE + PAGE[3:4], np.append(SCORES, 0.2), [0, len(PAGE), len(PAGE) + 1])
    assert np.array_equal(two[: len(PAGE)], columns())
    assert two[-1, 0] == 0.0 and two[-1, 1] == 0.0 and two[-1, 2] == REACH  # alone on its page: no body, no top
