"""Finding what to label: the lines whose scores sit closest to the threshold, over all inputs."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from predict.cli.uncertain import UncertainLine, most_uncertain, render_uncertain
from predict.corpus.inputs import Source
from predict.corpus.stream import Document


def document(name: str, scores: list[float]) -> Document:
    lines = [f"{name} line {k + 1}" for k in range(len(scores))]
    return Document(Source(name, Path(name)), lines, np.array(scores), np.array(scores) >= 0.5, sha256="", clipped=0)


def test_closest_to_the_threshold_first_over_all_documents() -> None:
    docs = [document("a.txt", [0.95, 0.45, 0.1]), document("b.txt", [0.62, 0.02]), document("c.txt", [])]
    found = most_uncertain(iter(docs), 3, threshold=lambda doc: 0.5)
    assert [(line.path, line.number, line.score) for line in found] == [("a.txt", 2, 0.45), ("b.txt", 1, 0.62),
                                                                        ("a.txt", 3, 0.1)]
    assert found[0].text == "a.txt line 2"


def test_the_threshold_is_the_decision_boundary() -> None:
    found = most_uncertain([document("a.txt", [0.9, 0.45, 0.25])], 1, threshold=lambda doc: 0.2)
    assert found[0].number == 3


def test_each_document_is_measured_against_its_own_cut() -> None:
    docs = [document("a.txt", [0.9, 0.4]), document("b.txt", [0.3, 0.05])]
    cuts = {"a.txt": 0.5, "b.txt": 0.25}
    found = most_uncertain(docs, 1, threshold=lambda doc: cuts[doc.source.shown])
    assert (found[0].path, found[0].number) == ("b.txt", 1)


def test_blank_lines_are_never_listed() -> None:
    page = Document(Source("a.txt", Path("a.txt")), ["Menu", "", "The pier reopens in May.", "  "],
                    np.array([0.3, 0.5, 0.75, 0.5]), np.array([False, True, True, True]), sha256="", clipped=0)
    found = most_uncertain([page], 5, threshold=lambda doc: 0.5)
    assert [line.number for line in found] == [1, 3]


def test_ties_keep_input_order_and_n_may_exceed_the_lines() -> None:
    docs = [document("a.txt", [0.75, 0.25]), document("b.txt", [0.25])]
    found = most_uncertain(docs, 10, threshold=lambda doc: 0.5)
    assert [(line.path, line.number) for line in found] == [("a.txt", 1), ("a.txt", 2), ("b.txt", 1)]


def test_listing_is_one_tab_separated_line_each() -> None:
    text = render_uncertain([UncertainLine("pages/a.txt", 7, "Read the\tfull story", 0.4567)])
    assert text == "0.457\tpages/a.txt:7\tRead the\tfull story\n"


def test_cli_lists_the_n_least_certain_lines_of_all_inputs(run, pages, tmp_path: Path) -> None:
    for k, page in enumerate(pages):
        (tmp_path / f"p{k}.txt").write_text(page.text, encoding="utf-8")
    scored = [json.loads(row) for row in run("--format", "jsonl", str(tmp_path)).out.splitlines()]
    closest = sorted(scored, key=lambda r: abs(r["score"] - 0.5))[:4]
    result = run("--uncertain", "4", str(tmp_path))
    assert result.code == 0 and result.err == ""
    listed = [row.split("\t") for row in result.out.splitlines()]
    assert [(f"{r['score']:.3f}", f"{r['path']}:{r['line']}", r["text"]) for r in closest] == \
        [tuple(row) for row in listed]


def test_cli_uncertain_is_a_listing_not_an_output_format(run, page, tmp_path: Path) -> None:
    for extra in (["--output-dir", str(tmp_path / "out")], ["--format", "jsonl"]):
        result = run("--uncertain", "3", *extra, stdin=page.text.encode())
        assert result.code == 2 and "--uncertain" in result.err
    assert run("--uncertain", "0", stdin=page.text.encode()).code == 2
