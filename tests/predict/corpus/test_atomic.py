"""Atomic writes: a reader sees the old file or the complete new one, never a partial file."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from predict.corpus import atomic
from predict.corpus.atomic import atomic_write_bytes, atomic_write_text, remove_stale_temp_files


def test_writes_into_new_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "model.bin"
    atomic_write_bytes(target, b"\x00\x01payload")
    assert target.read_bytes() == b"\x00\x01payload"
    assert os.listdir(target.parent) == ["model.bin"]


def test_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "card.json"
    target.write_text("old", encoding="utf-8")
    atomic_write_text(target, "Café déjà vu ✓\n")
    assert target.read_bytes() == "Café déjà vu ✓\n".encode("utf-8")


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        atomic_write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_new_file_has_ordinary_permissions(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        atomic_write_bytes(tmp_path / "m.joblib", b"x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "m.joblib").stat().st_mode) == 0o644


def test_temporary_file_of_a_killed_write_is_recognised_and_removed(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "page.txt"
    (tmp_path / ".page.txt.notes").write_text("mine", encoding="utf-8")

    def killed_before_rename(src, dst):
        raise OSError("killed")

    with monkeypatch.context() as killed:  # the process dies before renaming or cleaning up
        killed.setattr(atomic.os, "replace", killed_before_rename)
        killed.setattr(atomic.os.path, "exists", lambda path: False)
        with pytest.raises(OSError):
            atomic_write_text(target, "half")
    assert len(os.listdir(tmp_path)) == 2
    assert remove_stale_temp_files([tmp_path / "other.txt"]) == 0
    assert remove_stale_temp_files([target]) == 1
    assert os.listdir(tmp_path) == [".page.txt.notes"]
