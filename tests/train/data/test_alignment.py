"""Fuzzy alignment: raw lines found in the clean version are content, the rest junk."""
from pathlib import Path

import pytest

from train.data.alignment import align_key, align_lines
from train.data.sources import SEED_CLEAN, SEED_RAW, shared_dir

PAIRS = Path(__file__).resolve().parents[3] / "datasets" / "pairs"

LEDE = "The harbour board approved a reduced winter ferry timetable on Monday evening after a long debate."
CLEAN = [
    "Ferry crossings to be cut under new winter timetable",
    "",
    "Share:",
    "",
    LEDE,
    "",
    "A spokesman for the operator said the company was short of eleven qualified deck crew.",
    "",
    "“We were promised a lifeline service,” said Ruth Adair, who chairs the island council.",
    "",
    "More than 100,000 passengers used the crossing last year, most of them in the summer months.",
    "",
    "The council meets next Thursday. It will decide whether to pay for the early morning sailing.",
    "",
    "WORLD",
    "",
    "Share:",
]


def test_each_tolerance_of_a_team_written_pair():
    raw = [
        "LOCAL",  # section label: junk
        LEDE,  # lede as summary ...
        LEDE,  # ... and again as first paragraph: both content
        "A spokesperson for the operator said the company was short of eleven qualified deck crew.",
        '"We were promised a lifeline service," said Ruth Adair, who chairs the island council.',
        "More than 1,00,000 passengers used the crossing last year, most of them in the summer months.",
        "The council meets next Thursday.",  # one clean paragraph split over two raw lines
        "It will decide whether to pay for the early morning sailing.",
        "",
        "WORLD",  # short, but a whole clean line
        "Man finds message in a bottle while walking his dog, and you won't believe what it says",
        "These 7 seaside towns have been named the best places to retire",
    ]
    assert align_lines(raw, CLEAN) == [0, 1, 1, 1, 1, 1, 1, 1, -1, 1, 0, 0]


def test_short_line_is_content_only_as_a_whole_clean_line():
    # "winter ferry timetable" occurs inside LEDE, but not as a line of its own
    assert align_lines(["Winter timetable", "Winter ferry timetable"], ["Winter timetable", LEDE]) == [1, 0]


def test_dense_typos_still_match_by_similarity():
    clean = ["The council approved the budget on Tuesday night after hours of debate."]
    raw = ["The councel aproved the budjet on Tusday nite after hours of debate."]
    assert align_lines(raw, clean) == [1]


def test_unicode_forms_match():
    clean = ["The caf\u00e9 on River Street reopened on Saturday with a new menu."]
    raw = ["The cafe\u0301 on River Street reopened on Saturday with a new menu."]  # decomposed é
    assert align_key(raw[0]) == align_key(clean[0])
    assert align_lines(raw, clean) == [1]


def test_align_key_ignores_quotes_digits_punctuation_and_case():
    expected = "it s said the mayor"
    assert align_key("“It’s 1,00,000!” said THE Mayor.") == align_key('"It\'s 100,000," said the mayor') == expected


def test_nothing_clean_means_all_junk():
    assert align_lines(["Trending", LEDE, ""], []) == [0, 0, -1]


def test_team_pair_in_datasets():
    raw = (PAIRS / "valleycourier-bridge-reopening.raw.txt").read_text(encoding="utf-8").splitlines()
    clean = (PAIRS / "valleycourier-bridge-reopening.clean.txt").read_text(encoding="utf-8").splitlines()
    # section label; headline, lede twice, 8 body lines; blank; sign-off; trending label, 5 headlines, share line
    assert align_lines(raw, clean) == [0] + [1] * 10 + [-1, 1] + [0] * 7


def test_seed_pair_keeps_the_article_and_drops_the_rest():
    shared = shared_dir()
    if shared is None:
        pytest.skip("../shared is absent")
    raw = (shared / SEED_RAW).read_text(encoding="utf-8").splitlines()
    clean = (shared / SEED_CLEAN).read_text(encoding="utf-8").splitlines()
    labels = align_lines(raw, clean)
    assert len(raw) == 86
    assert labels == [0] + [1] * 27 + [0] * 58  # lines 2-28 (1-based) are the article
