"""The README's table of current figures says what the packaged model's card records, to the digit shown.

The card (``models/junkfilter.json``) holds the cross-validated figures that
``python -m train --shared`` measured; the README repeats the ones a user
reads first. A retrained model that leaves the README behind fails here.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADING = "## Current figures"
ROWS = {"keep everything": "keep-all", "C4 line rule": "c4-line-rule"}
"""README row → the card's method; the packaged model's row is named by its version."""
COLUMNS = [("wcxb", "word_f1_article"), ("wcxb", "word_f1"), ("wcxb", "word_f1_listing"),
           ("realpages", "body_f1"), ("realpages", "line_f1"), ("snippets", "snippet_f1")]
"""The card's figures in the order of the README table's cells (realpages body / line share a cell)."""


def table_rows() -> dict[str, list[float]]:
    """The README table's rows under :data:`HEADING`: label → the figures of its first five cells."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index(HEADING):]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip().replace("*", "") for cell in line.strip().strip("|").split("|")]
        values = [value for cell in cells[1:6] for value in cell.split(" / ")]
        if line.startswith("| ") and len(values) == len(COLUMNS) and all(re.fullmatch(r"\d\.\d+", v) for v in values):
            rows[cells[0]] = [float(value) for value in values]
    return rows


def test_the_readme_table_matches_the_packaged_models_card() -> None:
    card = json.loads((ROOT / "models" / "junkfilter.json").read_text(encoding="utf-8"))
    rows = table_rows()
    wanted = {**ROWS, f"junkfilter {card['version']}": "junkfilter"}
    assert set(wanted) <= set(rows), f"the README's table has no row for {sorted(set(wanted) - set(rows))}"
    for label, method in wanted.items():
        recorded = [round(card["cross_validation"][method][part][figure], 3) for part, figure in COLUMNS]
        assert rows[label] == recorded, f"README row {label!r} says {rows[label]}, the card {recorded}"
