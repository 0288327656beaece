"""Kept versions: every model stays restorable, and restoring one can itself be undone."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from predict.model import ModelError, card_path, read_card
from predict.store.locations import kept_versions, refused_path, versioned_path
from train.release.save import save_model
from train.release.versions import FIRST_VERSION, install, keep_current, next_version, restore


def make(path: Path, version: str, weights: int) -> Path:
    """A stand-in model file (a plain dict is enough: nothing here unpickles) with its card."""
    save_model({"weights": weights}, path, {"version": version, "threshold": 0.5})
    return path


@pytest.fixture
def current(tmp_path: Path) -> Path:
    """models/site.joblib at version 0.2.0, with 0.1.0 kept under versions/."""
    path = tmp_path / "models" / "site.joblib"
    make(versioned_path(path, "0.1.0"), "0.1.0", 1)
    make(path, "0.2.0", 2)
    return path


def test_first_version_then_one_minor_above_everything_known(tmp_path: Path, current: Path) -> None:
    assert next_version(tmp_path / "new.joblib") == FIRST_VERSION == "0.1.0"
    assert next_version(current) == "0.3.0"
    make(versioned_path(current, "0.9.0"), "0.9.0", 9)
    make(versioned_path(current, "0.10.0"), "0.10.0", 10)
    assert next_version(current) == "0.11.0"  # numeric order, not text order


def test_current_model_is_kept_once_before_it_is_replaced(current: Path) -> None:
    keep_current(current)
    keep_current(current)
    kept = kept_versions(current)
    assert list(kept) == ["0.1.0", "0.2.0"]
    assert kept["0.2.0"].read_bytes() == current.read_bytes()
    assert read_card(kept["0.2.0"])["model_file"] == "site-0.2.0.joblib"


def test_keeping_refuses_to_overwrite_a_different_file_of_the_same_version(current: Path) -> None:
    make(versioned_path(current, "0.2.0"), "0.2.0", 99)
    with pytest.raises(ValueError, match="differs from the kept"):
        keep_current(current)


def test_restore_without_a_version_brings_back_the_previous_one_and_can_be_undone(current: Path) -> None:
    card = restore(current)
    assert card["version"] == "0.1.0" and read_card(current)["version"] == "0.1.0"
    assert card["model_file"] == "site.joblib"
    assert current.read_bytes() == versioned_path(current, "0.1.0").read_bytes()
    restore(current, "0.2.0")  # the replaced 0.2.0 was kept first
    assert read_card(current)["version"] == "0.2.0"


def test_restore_says_which_versions_are_kept(current: Path) -> None:
    with pytest.raises(ValueError, match=r"0\.7\.0 .* not kept.*kept: 0\.1\.0"):
        restore(current, "0.7.0")
    restore(current)
    with pytest.raises(ValueError, match="no version .* older than the current one"):
        restore(current)


def test_a_tampered_kept_version_is_not_installed(current: Path) -> None:
    kept = versioned_path(current, "0.1.0")
    kept.write_bytes(kept.read_bytes() + b"\0")
    before = current.read_bytes()
    with pytest.raises(ModelError, match="does not match the sha256"):
        install(kept, current)
    assert current.read_bytes() == before
    assert json.loads(card_path(current).read_text(encoding="utf-8"))["version"] == "0.2.0"


def test_a_refused_model_is_not_a_kept_version_but_its_number_is_not_reused(current: Path) -> None:
    make(refused_path(current, "0.3.0"), "0.3.0", 3)
    assert list(kept_versions(current)) == ["0.1.0"]
    assert next_version(current) == "0.4.0"
    assert restore(current, "0.3.0")["version"] == "0.3.0"  # installed on purpose
    assert read_card(current)["version"] == "0.3.0"
