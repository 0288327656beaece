"""Saving a model: the file, and a card beside it whose sha256 lets predict trust the file."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from predict.features.table import make_table
from predict.model import card_path, file_sha256, load_model
from train.release.save import save_model


def test_saved_model_loads_and_predicts_the_same(gazette_model, unseen_page, tmp_path: Path) -> None:
    path = tmp_path / "models" / "gazette.joblib"
    card = {"threshold": 0.4, "note": "Larchfield — café edition"}
    written = save_model(gazette_model, path, card)
    assert written["model_file"] == "gazette.joblib"
    assert written["model_sha256"] == file_sha256(path)
    assert written["model_bytes"] == path.stat().st_size
    assert json.loads(card_path(path).read_text(encoding="utf-8")) == written
    assert "café" in card_path(path).read_text(encoding="utf-8")
    assert "model_sha256" not in card  # the caller's dict is left alone
    model = load_model(path)
    assert model.threshold == 0.4
    table = make_table([unseen_page.lines])
    np.testing.assert_array_equal(model.estimator.predict_proba(table), gazette_model.predict_proba(table))


def test_saving_again_replaces_model_and_card_together(tmp_path: Path) -> None:
    path = tmp_path / "m.joblib"
    save_model({"version": 1}, path, {"threshold": 0.5})
    save_model({"version": 2}, path, {"threshold": 0.6})
    assert json.loads(card_path(path).read_text(encoding="utf-8"))["model_sha256"] == file_sha256(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.joblib", "m.json", "m.md"]


def test_same_estimator_gives_identical_bytes(gazette_model, tmp_path: Path) -> None:
    first = save_model(gazette_model, tmp_path / "a.joblib", {})
    second = save_model(gazette_model, tmp_path / "b.joblib", {})
    assert first["model_sha256"] == second["model_sha256"]
    assert (tmp_path / "a.joblib").read_bytes() == (tmp_path / "b.joblib").read_bytes()


def test_a_readable_markdown_card_is_written_beside_the_json_one(gazette_model, tmp_path: Path) -> None:
    path = tmp_path / "m.joblib"
    save_model(gazette_model, path, {"version": "0.1.0", "name": "junkfilter"})
    assert (tmp_path / "m.md").read_text(encoding="utf-8").startswith("# Model card: junkfilter 0.1.0\n")
