"""The model card records what a model was made from, with which libraries, and how well it did."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from train.release.card import build_card, library_versions, source_entry


def test_library_versions_name_what_a_pickle_depends_on() -> None:
    versions = library_versions()
    assert {"python", "scikit-learn", "numpy", "scipy", "joblib"} <= set(versions)
    assert versions["scikit-learn"][0].isdigit()


def test_source_entry_lists_files_with_sha256(tmp_path: Path) -> None:
    first, second = tmp_path / "b.labels", tmp_path / "a.labels"
    first.write_text("+ The pier reopens in May.\n", encoding="utf-8")
    second.write_text("- Menu\n", encoding="utf-8")
    entry = source_entry("user", [first, second, first, tmp_path / "gone.labels", tmp_path], documents=2, lines=2,
                         labelled=2, weight=1.0)
    assert list(entry["files"]) == [str(second), str(first)]  # sorted, once each, only existing files
    assert entry["files"][str(first)] == hashlib.sha256(first.read_bytes()).hexdigest()
    assert (entry["name"], entry["documents"], entry["lines"], entry["labelled_lines"], entry["weight"]) == \
        ("user", 2, 2, 2, 1.0)


def test_card_fields_are_json_ready() -> None:
    card = build_card(version="9.9.9", params={"C": 0.5}, sources=[{"name": "user"}], cv={"keep-all": {}},
                      threshold=0.5, uncertain_page_f1=0.6, seed=7, command="python -m train data/")
    assert json.loads(json.dumps(card)) == card
    assert (card["version"], card["seed"], card["threshold"], card["uncertain_page_f1"]) == ("9.9.9", 7, 0.5, 0.6)
    assert card["command"] == "python -m train data/"
    assert card["params"] == {"C": 0.5} and card["cross_validation"] == {"keep-all": {}}
    created = dt.datetime.strptime(card["created"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
    assert abs((dt.datetime.now(dt.timezone.utc) - created).total_seconds()) < 600


def test_the_markdown_card_shows_the_json_cards_figures() -> None:
    from train.release.card import card_markdown

    card = {"name": "junkfilter", "version": "0.4.0", "command": "python -m train --shared", "seed": 0,
            "threshold": 0.5, "params": {"decoder": False}, "libraries": {"numpy": "2.0"},
            "sources": [{"name": "realpages", "documents": 3, "lines": 30, "labelled_lines": 30}],
            "cross_validation": {"junkfilter": {"realpages": {"body_f1": 0.9209}}}, "evaluation": {"folds": 5}}
    page = card_markdown(card)
    assert page.startswith("# Model card: junkfilter 0.4.0\n")
    assert "| realpages | 3 | 30 | 30 | 1.0 | yes |" in page
    assert "| | realpages body_f1 |" in page and "| junkfilter | 0.9209 |" in page
    assert "- Threshold: lines scoring 0.5 or more are kept\n" in page
    assert "best expected F1 is under 0.6" in card_markdown(card | {"uncertain_page_f1": 0.6})
