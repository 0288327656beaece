"""Readers: every training file shape becomes LabelledDocuments."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from predict.labels import format_labels
from train.data.sources import (
    read_jsonl,
    read_label_file,
    read_pair,
    read_sources,
    shared_dir,
    shared_sources,
)

DATASETS = Path(__file__).resolve().parents[3] / "datasets"

BODY = "The harbour board approved a reduced winter ferry timetable on Monday evening."
HEADLINE = "These 7 seaside towns have been named the best places to retire"


def write_labels(path: Path, lines, labels, meta=None) -> Path:
    path.write_text(format_labels(lines, labels, meta=meta), encoding="utf-8")
    return path


def write_pair(folder: Path, name: str) -> Path:
    (folder / f"{name}.raw.txt").write_text(f"LOCAL\n{BODY}\n{HEADLINE}\n", encoding="utf-8")
    (folder / f"{name}.clean.txt").write_text(f"{BODY}\n\nShare:\n", encoding="utf-8")
    return folder / f"{name}.raw.txt"


def test_label_file_domain_comes_from_header_else_stem(tmp_path):
    path = write_labels(tmp_path / "a.labels", [BODY, "Trending"], [1, 0], {"domain": "x.example"})
    with_header = read_label_file(path)
    assert (with_header.lines, with_header.labels, with_header.domain) == ([BODY, "Trending"], [1, 0], "x.example")
    assert read_label_file(write_labels(tmp_path / "ferry-story.labels", [BODY], [1])).domain == "ferry-story"


def test_label_file_error_names_the_file(tmp_path):
    path = tmp_path / "broken.labels"
    path.write_text("+ fine\noops\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.labels:2"):
        read_label_file(path)


def test_pair_is_labelled_by_alignment(tmp_path):
    document = read_pair(write_pair(tmp_path, "ferry"), tmp_path / "ferry.clean.txt")
    assert (document.lines, document.labels, document.domain) == (["LOCAL", BODY, HEADLINE], [0, 1, 0], "ferry")


def test_jsonl_with_line_labels(tmp_path):
    record = {
        "id": "demo/1",
        "domain": "a.example",
        "lines": ["LOCAL", "Ferry cuts", BODY],
        "labels": [0, 1, 1],
        "kinds": ["junk", "title", "body"],
        "gold": BODY,
    }
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps(record) + "\n\n" + json.dumps({"lines": [BODY], "labels": [1]}) + "\n", encoding="utf-8")
    first, second = read_jsonl(path)
    assert (first.lines, first.labels, first.kinds, first.gold) == (record["lines"], [0, 1, 1], record["kinds"], BODY)
    assert (first.source, first.group) == ("demo/1", "a.example")
    assert second.domain == "" and second.group == f"{path}:3"  # no domain: grouped on its own


def test_jsonl_with_snippets_gives_weak_labels(tmp_path):
    record = {
        "id": "demo/2",
        "domain": "b.example",
        "lines": [
            "Anzeige",
            "Der  Radweg wird\tgebaut, sagte die Bürgermeisterin.",
            "Meistgelesen",
            "Radweg wird gebaut – Meistgelesen",
            "Impressum",
        ],
        "with": ["Radweg wird gebaut"],
        "without": ["Meistgelesen"],
    }
    path = tmp_path / "snippets.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    (document,) = read_jsonl(path)
    assert document.labels == [-1, 1, 0, -1, -1]  # a line with both kinds of snippet stays unknown
    assert (document.with_snippets, document.without_snippets) == (["Radweg wird gebaut"], ["Meistgelesen"])


def test_jsonl_line_separator_inside_a_string_is_not_a_record_break(tmp_path):
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps({"lines": ["a\u2028b"], "labels": [1]}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert read_jsonl(path)[0].lines == ["a\u2028b"]


@pytest.mark.parametrize(
    "row, message",
    [
        ("{not json", "not valid JSON|Expecting"),
        ("[1, 2]", "one JSON object"),
        ('{"lines": ["a"]}', "needs 'labels'"),
        ('{"lines": ["a"], "labels": [2]}', "1 \\(content\\)"),
        ('{"lines": ["a", "b"], "labels": [1]}', "2 lines but 1 labels"),
    ],
)
def test_jsonl_errors_name_file_and_line(tmp_path, row, message):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"lines": [], "labels": []}\n' + row + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"bad\.jsonl:2: .*({message})"):
        read_jsonl(path)


def test_sources_mix_folders_files_and_pairs_in_a_stable_order(tmp_path):
    folder = tmp_path / "data"
    (folder / "sub").mkdir(parents=True)
    write_labels(folder / "b.labels", [BODY], [1])
    write_labels(folder / "sub" / "a.labels", [BODY], [1])
    write_pair(folder, "c")
    (folder / "README.md").write_text("notes", encoding="utf-8")
    (folder / ".hidden").write_text("x", encoding="utf-8")
    explicit = write_pair(tmp_path, "d")
    renamed_raw = tmp_path / "scraped.txt"
    renamed_raw.write_text(f"{BODY}\n", encoding="utf-8")

    documents = read_sources([folder, explicit, (renamed_raw, tmp_path / "d.clean.txt"), folder / "b.labels"])

    names = [Path(d.source).name for d in documents]
    assert names == ["b.labels", "c.raw.txt", "a.labels", "d.raw.txt", "scraped.txt"]  # b.labels read once
    assert documents[-1].domain == "scraped"


def test_unknown_file_is_an_error(tmp_path):
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(ValueError, match=r"notes\.txt: not a training source; expected NAME\.labels"):
        read_sources([tmp_path])


def test_clean_file_without_raw_is_an_error(tmp_path):
    (tmp_path / "lonely.clean.txt").write_text(BODY, encoding="utf-8")
    with pytest.raises(ValueError, match=r"without its scraped version lonely\.raw\.txt"):
        read_sources([tmp_path])


def test_missing_files_are_reported(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        read_sources([tmp_path / "nope.labels"])
    raw = tmp_path / "x.raw.txt"
    raw.write_text(BODY, encoding="utf-8")
    with pytest.raises(FileNotFoundError, match=r"x\.clean\.txt: not found; a pair needs both"):
        read_sources([raw])


def test_every_dataset_document_reads_with_content_and_junk():
    documents = read_sources([DATASETS])
    assert len(documents) == 6
    for document in documents:
        assert 15 <= len(document.lines) <= 40, document.source
        assert {0, 1} <= set(document.labels), document.source
        assert document.domain, document.source


def test_shared_sources_read_when_present():
    if shared_dir() is None:
        pytest.skip("../shared is absent")
    documents = read_sources(shared_sources())
    seed = documents[-1]
    assert seed.labels == [0] + [1] * 27 + [0] * 58
    assert any(d.with_snippets for d in documents) and any(d.gold for d in documents)


def test_the_shared_corpora_are_found_where_junkfilter_shared_says(tmp_path: Path) -> None:
    """One override of ../shared, read where every reader of the shared corpora looks (a fresh process:
    the variable is read at import)."""
    code = "from train.data.sources import WCXB_DIR, shared_dir; print(shared_dir()); print(WCXB_DIR)"
    env = {**os.environ, "JUNKFILTER_SHARED": str(tmp_path)}
    found = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                           cwd=DATASETS.parent).stdout.splitlines()
    assert found == [str(tmp_path), str(tmp_path / "corpora" / "wcxb")]
    env["JUNKFILTER_SHARED"] = str(tmp_path / "nowhere")
    assert subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                          cwd=DATASETS.parent).stdout.splitlines()[0] == "None"
