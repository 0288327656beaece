"""Cleaning a corpus on a Dask cluster gives what one process gives."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

db = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

from predict.bag import _loaded_model, filter_bag  # noqa: E402  (after the skip: needs the dask extra)


@pytest.fixture(scope="module")
def client():
    """Two workers in this process: quick to start, and each worker still runs its own tasks."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None, silence_logs=40
    ) as cluster, distributed.Client(cluster) as client:
        yield client


def corpus(pages) -> list[dict]:
    return [{"id": index, "text": pages[index % len(pages)].text, "lang": "en"} for index in range(9)]


def test_a_bag_of_records_is_cleaned_as_the_command_line_cleans_them(client, run, pages, model_path, tmp_path) -> None:
    records = corpus(pages)
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    single = [json.loads(row) for row in run("--input-format", "jsonl", "--removed-field", "dropped", str(path)).out.splitlines()]

    _loaded_model.cache_clear()
    bag = db.from_sequence(records, npartitions=4)
    cleaned = filter_bag(bag, model=model_path, text_field="text", removed_field="dropped").compute()
    assert cleaned == single
    assert _loaded_model.cache_info().misses == 1  # four tasks on two workers of one process: loaded once
    assert records == corpus(pages)  # the input records are not modified


def test_a_bag_of_texts_gives_the_kept_lines(client, pages, model_path) -> None:
    texts = [page.text for page in pages]
    cleaned = filter_bag(db.from_sequence(texts, npartitions=2), model=model_path).compute()
    assert cleaned == [page.kept_text.rstrip("\n") for page in pages]


def test_the_documented_example_runs_as_a_plain_script(pages, tmp_path) -> None:
    """The Dask example of ``docs/corpora.md``, saved as a file and run with ``python``, cleans the shards it names.

    Dask's default scheduler for bags spawns worker processes that import the
    script again: without a ``__main__`` guard, each would start the whole
    computation anew, and the run fails.
    """
    root = Path(__file__).resolve().parents[2]
    blocks = re.findall(r"```python\n(.*?)```", (root / "docs" / "corpora.md").read_text(encoding="utf-8"), re.DOTALL)
    (example,) = [block for block in blocks if "filter_bag(records" in block]
    (tmp_path / "example.py").write_text(example, encoding="utf-8")
    (tmp_path / "shards").mkdir()
    records = corpus(pages)[:4]
    (tmp_path / "shards" / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = subprocess.run([sys.executable, "example.py"], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "PYTHONPATH": str(root)})
    assert result.returncode == 0, result.stderr[-3000:]
    output = re.search(r'to_textfiles\("([^"]+)"\)', example)[1]  # the folder the example writes to
    cleaned = [json.loads(line) for path in sorted(tmp_path.glob(output))
               for line in path.read_text(encoding="utf-8").splitlines()]
    assert [record["id"] for record in cleaned] == [record["id"] for record in records]
    assert all(record["text"] != original["text"] for record, original in zip(cleaned, records))
