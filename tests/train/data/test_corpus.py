"""Gathering the corpus: the user's labelled files, and the shared corpora when present."""
from __future__ import annotations

from pathlib import Path

import pytest

from predict.labels import format_labels
from train.data import corpus
from train.data.corpus import WEIGHTS, CorpusPart, shared_parts, user_part
from train.data.documents import LabelledDocument
from train.data.sources import shared_dir


def write_page(path: Path, lines: list[str], labels: list[int], domain: str) -> Path:
    path.write_text(format_labels(lines, labels, meta={"domain": domain}), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write_page(tmp_path / "a.labels", ["Menu", "The pier reopens in May.", "Photo: archive"], [0, 1, -1], "a.example")
    nested = tmp_path / "more"
    nested.mkdir()
    write_page(nested / "b.labels", ["Sport", "The rowing club won the cup."], [0, 1], "b.example")
    return tmp_path


def test_user_part_reads_files_and_folders(folder: Path) -> None:
    part = user_part([folder])
    assert part.name == "user" and not part.train_only
    assert [doc.domain for doc in part.documents] == ["a.example", "b.example"]
    assert all(doc.weight == WEIGHTS["user"] for doc in part.documents)
    assert part.files == [folder / "a.labels", folder / "more" / "b.labels"]
    assert (part.n_lines, part.n_labelled) == (5, 4)


def test_missing_user_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="absent"):
        user_part([tmp_path / "absent"])


def test_part_counts() -> None:
    part = CorpusPart("x", [LabelledDocument(["a", "b"], [1, -1]), LabelledDocument([], [])])
    assert (part.n_lines, part.n_labelled) == (2, 1)


def test_card_files_are_the_files_read(folder: Path) -> None:
    (folder / "README.md").write_text("Notes about these pages.\n", encoding="utf-8")
    (folder / ".draft.labels.swp").write_bytes(b"\0")
    assert user_part([folder]).files == [folder / "a.labels", folder / "more" / "b.labels"]


def test_shared_parts_without_shared_data_say_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus, "shared_dir", lambda: None)
    with pytest.raises(FileNotFoundError, match="python -m train DATA"):
        shared_parts(0, seed=0)


def test_shared_parts_when_present(monkeypatch: pytest.MonkeyPatch) -> None:
    if shared_dir() is None:
        pytest.skip("../shared is not here")
    kinds_for = []  # deriving the junk kinds takes a minute and the render extra: tested in test_junk_kinds.py
    monkeypatch.setattr(corpus, "attach_junk_kinds", lambda docs, wcxb_dir: kinds_for.append(len(docs)))
    parts = {part.name: part for part in shared_parts(2, seed=0)}
    assert kinds_for == [len(parts["wcxb"].documents)]
    assert list(parts) == ["realpages", "wcxb", "snippets", "seed", "composed"]
    assert {doc.page_type for doc in parts["wcxb"].documents} == {
        "article", "forum", "product", "collection", "listing", "documentation", "service"}
    assert all(part.documents and all(f.is_file() for f in part.files) for part in parts.values())
    assert parts["composed"].train_only and len(parts["composed"].documents) == 2
    assert all(doc.weight == WEIGHTS["composed"] < 1 for doc in parts["composed"].documents)
    assert not any(parts[name].train_only for name in ("realpages", "wcxb", "snippets", "seed"))
    assert "composed" not in {part.name for part in shared_parts(0, seed=0)}


def test_attached_renderings_are_what_the_card_records(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Issue 33: a card listed renderings its model was never trained on; it now records what was attached."""
    import json

    from train.data.cache import write_verified
    from train.data.renderings import cache_path

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    pages = [LabelledDocument(["Menu", f"The ferry sails at {hour} o'clock."], [0, 1], source=f"wcxb/{hour:04d}")
             for hour in (7, 9, 11)]
    rendered = [{"id": page.source, "lines": [f"* {line}" for line in page.lines], "labels": page.labels}
                for page in pages[:2]]  # the tool rendered two of the three pages
    monkeypatch.setattr(corpus, "build_cache", lambda names: write_verified(
        cache_path("markdownify"), (json.dumps(record) for record in rendered), {"tool": "markdownify 9.9"}))
    attached = corpus.attach_renderings(pages, ["markdownify"])
    assert attached == {"markdownify": {"pages": 2, "tool": "markdownify 9.9", "sha256": attached["markdownify"]["sha256"]}}
    assert len(attached["markdownify"]["sha256"]) == 64
    assert [list(page.renderings) for page in pages] == [["markdownify"], ["markdownify"], []]
    assert pages[0].renderings["markdownify"].lines == ["* Menu", "* The ferry sails at 7 o'clock."]
