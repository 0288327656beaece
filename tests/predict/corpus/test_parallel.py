"""``--jobs N``: the same output as one process, in the same order, without reading far ahead."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from predict.corpus.parallel import IN_FLIGHT_PER_JOB, ordered_map


def _square_after_a_pause(offset: int, item: int) -> tuple[int, int]:
    import time

    time.sleep(0.02 * (item % 3))  # later items often finish first
    return item * item + offset, os.getpid()


def test_results_come_in_input_order_from_several_processes() -> None:
    results = list(ordered_map(_square_after_a_pause, 1, range(12), jobs=2))
    assert [value for value, _ in results] == [i * i + 1 for i in range(12)]
    assert len({pid for _, pid in results} - {os.getpid()}) == 2


def test_the_input_is_read_only_a_few_items_ahead() -> None:
    read: list[int] = []

    def items():
        for item in range(40):
            read.append(item)
            yield item

    for value, _ in ordered_map(_square_after_a_pause, 0, items(), jobs=2):
        assert len(read) <= value ** 0.5 + 1 + IN_FLIGHT_PER_JOB * 2


def _fail_on_three(state: None, item: int) -> int:
    if item == 3:
        raise ValueError("three")
    return item


def test_an_error_in_a_worker_is_raised_in_order() -> None:
    seen = []
    with pytest.raises(ValueError, match="three"):
        for value in ordered_map(_fail_on_three, None, range(8), jobs=2):
            seen.append(value)
    assert seen == [0, 1, 2]


def test_one_job_runs_in_this_process() -> None:
    assert {pid for _, pid in ordered_map(_square_after_a_pause, 0, range(3), jobs=1)} == {os.getpid()}


def make_corpus(folder: Path, pages, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"{index:03}.txt"
        path.write_text(pages[index % len(pages)].text + f"Story {index} was filed by the newsroom.\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_many_files_with_jobs_give_the_one_process_output(run, pages, tmp_path, monkeypatch, fmt) -> None:
    from predict.corpus import stream as batch

    monkeypatch.setattr(batch, "BATCH_DOCS", 3)  # several batches, so several workers take part
    make_corpus(tmp_path / "corpus", pages, 14)
    (tmp_path / "corpus" / "binary.txt").write_bytes(b"\x00\x01")
    single = run("--format", fmt, str(tmp_path / "corpus"))
    parallel = run("--format", fmt, "--jobs", "2", str(tmp_path / "corpus"))
    assert parallel == single
    assert single.code == 1 and single.out  # binary.txt reported, the rest cleaned

    for jobs in ["1", "2"]:
        assert run("--jobs", jobs, "--output-dir", str(tmp_path / f"out{jobs}"), str(tmp_path / "corpus")).code == 1
    assert [p.read_bytes() for p in sorted((tmp_path / "out1").glob("*.txt"))] == \
        [p.read_bytes() for p in sorted((tmp_path / "out2").glob("*.txt"))]


def test_a_jsonl_stream_with_jobs_gives_the_one_process_output(run, pages, tmp_path, monkeypatch) -> None:
    from predict.corpus import stream as batch

    monkeypatch.setattr(batch, "BATCH_DOCS", 2)
    rows = [json.dumps({"n": i, "text": pages[i % len(pages)].text}) for i in range(15)]
    rows[6] = "{broken"
    stdin = "".join(row + "\n" for row in rows).encode()
    single = run("--input-format", "jsonl", stdin=stdin)
    parallel = run("--input-format", "jsonl", "--jobs", "2", stdin=stdin)
    assert parallel == single
    assert single.code == 1 and single.out.count("\n") == 14


@pytest.mark.parametrize("args, files, cpus, expected", [
    (["--jobs", "64"], 1, 2, 1),  # one small file: no worker pool at all
    (["--jobs", "64"], 3, 2, 2),  # never more workers than CPUs
    (["--jobs", "2"], 3, 8, 2),  # what was asked, when it can help
    (["-i", "jsonl", "--jobs", "64"], 1, 2, 2),  # one JSONL file is many batches of records
])
def test_jobs_are_capped_at_what_helps(run, page, tmp_path, monkeypatch, args, files, cpus, expected) -> None:
    from predict.corpus import records, stream

    used: list[int] = []
    for module in (stream, records):
        real = module.ordered_map
        monkeypatch.setattr(module, "ordered_map",
                            lambda function, state, items, jobs=1, real=real: used.append(jobs) or real(function, state, items, 1))
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cpus)), raising=False)
    jsonl = "jsonl" in args
    for k in range(files):
        text = json.dumps({"text": page.text}) + "\n" if jsonl else page.text
        (tmp_path / f"page{k}.{'jsonl' if jsonl else 'txt'}").write_text(text, encoding="utf-8")
    assert run(*args, str(tmp_path)).code == 0
    assert used == [expected]
