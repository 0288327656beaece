"""Filtering a corpus on a Dask cluster: more machines than one, the model loaded once per worker.

Needs the optional extra: ``pip install .[dask]``. A corpus held as a
``dask.bag`` (document texts, or JSON records such as
``dask.bag.read_text("corpus-*.jsonl").map(json.loads)``) is cleaned partition
by partition on the cluster's workers, with the same batching, threshold and
cleaning as ``python -m predict --input-format jsonl``, so the results equal a
single-process run::

    import dask.bag as db
    from predict.bag import filter_bag

    clean = filter_bag(db.from_sequence(texts, npartitions=64)).compute()

Each worker process loads the model the first time one of its tasks needs it
and keeps it (a model file is checked against its card's sha256 as always);
only the model's path travels with the tasks. The path must be readable on
every worker: the packaged model is, wherever junkfilter is installed.

A Dask DataFrame text column is a bag away: ``filter_bag(frame["text"].to_bag())``.
"""
from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from predict.corpus.parallel import one_thread
from predict.corpus.records import RecordSettings, clean_texts, cleaned_record
from predict.corpus.stream import batches
from predict.model import DEFAULT_MODEL, JunkFilter, load_model

if TYPE_CHECKING:
    import dask.bag


def filter_bag(
    documents: dask.bag.Bag,
    model: str | Path | None = None,
    threshold: float | None = None,
    text_field: str | None = None,
    removed_field: str | None = None,
) -> dask.bag.Bag:
    """The cleaned documents of a bag, in the same order and partitions (lazy: call ``.compute()``).

    Elements are document texts (str), each cleaned to its kept lines joined
    by newlines; or, when ``text_field`` is given, JSON records (dicts) whose
    text field is cleaned (and ``removed_field``, if given, receives the
    removed lines). ``model`` is a model file (default: the packaged model);
    ``threshold`` cuts every document there (default: the model's own rule,
    see :mod:`predict.decision`). A document the model cannot score
    fails the computation with the model's error.
    """
    path = str(Path(model if model is not None else DEFAULT_MODEL).resolve())
    return documents.map_partitions(clean_partition, path, threshold, text_field, removed_field)


def clean_partition(
    documents: Iterable[str | dict],
    model_path: str,
    threshold: float | None = None,
    text_field: str | None = None,
    removed_field: str | None = None,
) -> list[str | dict]:
    """Clean one partition's documents (see :func:`filter_bag`) with this process's copy of the model."""
    junkfilter = worker_model(model_path)
    settings = RecordSettings(
        text_field=text_field or "text",
        removed_field=removed_field,
        threshold=threshold,
    )
    documents = list(documents)
    texts = documents if text_field is None else [record[text_field] for record in documents]
    cleaned = []
    with one_thread():
        for batch in batches(texts, len):
            for result in clean_texts(junkfilter, batch, settings):
                if isinstance(result, Exception):
                    raise result
                cleaned.append(result)
    if text_field is None:
        return [result.text for result in cleaned]
    return [cleaned_record(dict(record), result, settings) for record, result in zip(documents, cleaned)]


def worker_model(path: str) -> JunkFilter:
    """The model at ``path``, loaded once per process (each Dask worker process keeps its own).

    A lock makes the worker threads of one process wait for the first load
    instead of each loading the model too.
    """
    with _LOADING:
        return _loaded_model(path)


_LOADING = threading.Lock()


@lru_cache(maxsize=4)
def _loaded_model(path: str) -> JunkFilter:
    return load_model(path)
