"""junkfilter as a datatrove step: the junk lines of every document of a pipeline removed.

datatrove (the library behind FineWeb) runs a corpus as a pipeline of steps,
readers → filters and formatters → writers, on one machine, on Slurm or on
Ray. In its model a formatter rewrites a document's text but cannot drop the
document; a filter keeps or drops documents, counts each reason for dropping,
hands what it drops to an optional exclusion writer, and may rewrite the
text of what it keeps (datatrove's own C4 filter removes lines). junkfilter
keeps a document's content lines, and a document left with none has nothing
to pass on, so it is a filter, :class:`JunkLineFilter`::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from predict.integrations.datatrove import JunkLineFilter

    LocalPipelineExecutor([WarcReader("crawl/"), JunkLineFilter(), JsonlWriter("clean/")]).run()

Documents are cleaned ``batch_size`` at a time (datatrove's batching; within
a batch the command line's byte limit per model call holds too) by the call
``python -m predict`` cleans JSON Lines and WET records with,
:func:`predict.corpus.records.clean_texts`: the same line breaks, the same
threshold, the same kept lines. A document's ``text`` becomes its kept lines
joined by newlines; its ``metadata`` gets the number of lines kept and
removed (``junkfilter_lines_kept``, ``junkfilter_lines_removed``) and the
removed lines themselves (under ``removed_key``; None: not recorded); the
step's stats add up ``lines_kept``, ``lines_removed`` and ``lines_clipped``
(lines scored on their first ``max_line_chars`` characters only). A document
left with no content, or that the model cannot score, is dropped with its
text as it came, counted as ``dropped_no_content`` (``dropped_unscorable``)
and given to the exclusion writer if there is one.

The model is loaded when the step is made, so a missing or damaged model
fails there and not in every task; each process that runs the pipeline
(datatrove's workers) loads it once, when it first cleans a batch: only its
path travels with the pipeline. Those processes are datatrove's: like Dask
workers they keep glibc's default allocator settings
(:mod:`predict.corpus.allocator`).

Needs the optional extra: ``pip install -e ".[datatrove]"`` (datatrove with
its ``io`` extra, which its WARC reader and JSON Lines writer need).
"""
from __future__ import annotations

from pathlib import Path

from predict.bag import worker_model
from predict.corpus.parallel import one_thread
from predict.corpus.records import Cleaned, RecordSettings, clean_texts
from predict.corpus.stream import BATCH_DOCS, Limits, batches, unscorable
from predict.reading import split_lines
from predict.store.locations import resolve_model

INSTALL = ("predict.integrations.datatrove needs datatrove: run 'pip install -e \".[datatrove]\"' "
           "(or 'pip install \"datatrove[io]\" regex')")

try:
    from datatrove.data import Document
    from datatrove.pipeline.filters.base_filter import BaseFilter
    from datatrove.pipeline.writers.disk_base import DiskWriter
    from loguru import logger  # datatrove's logger
except ImportError as exc:
    raise ImportError(INSTALL, name=exc.name) from exc

__all__ = ["JunkLineFilter"]

KEPT_KEY = "junkfilter_lines_kept"
REMOVED_COUNT_KEY = "junkfilter_lines_removed"
NO_CONTENT, UNSCORABLE = "no_content", "unscorable"
"""The reasons a document is dropped, counted by datatrove as ``dropped_<reason>``."""


class JunkLineFilter(BaseFilter):
    """Keep each document's content lines (``python -m predict``'s choice); drop a document left with none.

    Args:
        model: a model file or a name ``--model`` takes (default: the packaged model).
        threshold: cut every document at this score (default None: the model's own rule,
            see :mod:`predict.decision`).
        removed_key: the metadata key that receives a document's removed lines
            (default ``"junkfilter_removed"``; None: not recorded).
        batch_size: documents cleaned per batch (default 64, the command line's ``BATCH_DOCS``).
        max_line_chars: lines are scored on their first this many characters and kept whole
            (default 100,000, the command line's ``--max-line-chars``).
        exclusion_writer: a datatrove writer that receives the documents dropped, as they came.
    """

    name = "🧹 junkfilter"

    def __init__(
        self,
        model: str | Path | None = None,
        threshold: float | None = None,
        removed_key: str | None = "junkfilter_removed",
        batch_size: int = BATCH_DOCS,
        max_line_chars: int = Limits.max_line_chars,
        exclusion_writer: DiskWriter | None = None,
    ) -> None:
        super().__init__(exclusion_writer, batch_size)
        resolved = resolve_model(model)
        self.model_path = str(resolved.resolve()) if resolved.is_file() else model  # else load_model says why
        self.removed_key = removed_key
        self.settings = RecordSettings(threshold=threshold, max_line_chars=max_line_chars)
        worker_model(self.model_path)  # a model that cannot load fails here, before any task starts

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        """One document: see :meth:`filter_batch`."""
        return self.filter_batch([doc])[0]

    def filter_batch(self, batch: list[Document]) -> list[bool | tuple[bool, str]]:
        """Clean a batch of documents in as few model calls as the command line makes; True for each one kept."""
        model = worker_model(self.model_path)
        results: list[bool | tuple[bool, str]] = []
        with one_thread():
            for part in batches(batch, lambda doc: len(doc.text)):
                cleaned = clean_texts(model, [doc.text for doc in part], self.settings)
                results += [self._update(doc, result) for doc, result in zip(part, cleaned)]
        return results

    def _update(self, doc: Document, cleaned: Cleaned | Exception) -> bool | tuple[bool, str]:
        """Write a cleaned document's text, metadata and stats; whether it is kept, or why not."""
        if isinstance(cleaned, Exception):
            logger.warning(f"{unscorable(f'document {doc.id}', cleaned)}; dropped")
            return False, UNSCORABLE
        removed = len(cleaned.removed)
        kept = len(split_lines(doc.text)) - removed
        doc.metadata[KEPT_KEY] = kept
        doc.metadata[REMOVED_COUNT_KEY] = removed
        if self.removed_key is not None:
            doc.metadata[self.removed_key] = cleaned.removed
        self.stat_update("lines_kept", value=kept)
        self.stat_update("lines_removed", value=removed)
        if cleaned.clipped:
            self.stat_update("lines_clipped", value=cleaned.clipped)
        if not cleaned.text.strip():
            return False, NO_CONTENT
        doc.text = cleaned.text
        return True
