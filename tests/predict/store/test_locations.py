"""What --model NAME means: a path, a model in models/, a kept version, or a version of the packaged model."""
from __future__ import annotations

from pathlib import Path

import pytest

from predict.store import locations as registry
from predict.store.locations import kept_versions, model_names, resolve_model, versioned_path


@pytest.fixture
def models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A models/ folder with the packaged model, a model of the user's own, and kept versions."""
    folder = tmp_path / "models"
    for name in ["junkfilter.joblib", "mysite.skops", "versions/junkfilter-0.1.0.joblib",
                 "versions/junkfilter-0.2.0.joblib", "versions/junkfilter-0.10.0.joblib", "notes.txt"]:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"model")
    monkeypatch.setattr(registry, "MODELS_DIR", folder)
    monkeypatch.setattr(registry, "DEFAULT_MODEL", folder / "junkfilter.joblib")
    return folder


def test_names_and_versions_find_their_files(models: Path) -> None:
    assert resolve_model(None) == models / "junkfilter.joblib"
    assert resolve_model("junkfilter") == models / "junkfilter.joblib"
    assert resolve_model("mysite") == models / "mysite.skops"
    assert resolve_model("junkfilter-0.1.0") == models / "versions" / "junkfilter-0.1.0.joblib"
    assert resolve_model("0.2.0") == models / "versions" / "junkfilter-0.2.0.joblib"


def test_paths_are_taken_as_they_are(models: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve_model("elsewhere/m.joblib") == Path("elsewhere/m.joblib")
    assert resolve_model("m.skops") == Path("m.skops")
    (tmp_path / "mysite").write_text("a file in the working folder wins over a name\n")
    assert resolve_model("mysite") == Path("mysite")


def test_an_unknown_name_points_at_where_it_was_looked_for(models: Path) -> None:
    assert resolve_model("0.3.0") == models / "junkfilter-0.3.0.joblib"
    assert not resolve_model("0.3.0").exists()


def test_kept_versions_in_numeric_order(models: Path) -> None:
    kept = kept_versions(models / "junkfilter.joblib")
    assert list(kept) == ["0.1.0", "0.2.0", "0.10.0"]
    assert kept["0.10.0"] == versioned_path(models / "junkfilter.joblib", "0.10.0")


def test_model_names_lists_what_model_accepts(models: Path) -> None:
    assert model_names(models) == ["junkfilter", "mysite", "junkfilter-0.1.0", "junkfilter-0.10.0", "junkfilter-0.2.0"]
