"""End to end where corpora are big: a WET file through ``python -m predict``, beside datatrove's filters and trafilatura.

The corpus is WCXB's pages (the shared set whose HTML is at hand) as
html-text rendered them, written as Common Crawl writes a WET file (one
conversion record a page, each record its own gzip member; the pages cycle
when the file is larger than the set) in a temporary folder, never kept.
On it, in one run:

- ``python -m predict WET > JSONL`` with ``--jobs 1`` and ``--jobs 2``: CPU
  seconds of the command and its worker processes, so MB of WET (the WARC
  bytes, uncompressed) per second per core, and lines per second per core;
  and its peak RSS there and on a larger file of the same pages cycled (it
  should not grow with the file); and the start-up, its run on one record;
- on the same records, per core: the library scoring their lines as the
  command line does (the end-to-end rate over this one is what reading,
  decompressing and writing leave: target at least 0.8); datatrove's
  ``C4QualityFilter`` and ``GopherQualityFilter`` on the records as
  datatrove documents; trafilatura's ``extract`` on the HTML of each record's page.

Each method is run once on one record before it is timed (models, tokenizers
and imports loaded). datatrove's filters need the ``datatrove`` extra and
spaCy (their English word tokenizer); a method that cannot be imported is
left out with a note.
"""
from __future__ import annotations

import gzip
import os
import sys
import tempfile
import time
import uuid
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import cycle, islice
from pathlib import Path

from benchmarks import memory, throughput
from predict.corpus.warc import MissingModule, require_fastwarc
from predict.model import load_model
from predict.reading import split_lines
from train.data.sources import WCXB_JSONL, read_jsonl, shared_dir
from train.evaluate.anchors import html_path

END_TO_END_TARGET = 0.8  # end-to-end lines/s per core over the library's
FLAT_MEMORY_TARGET = 1.25  # peak RSS of the larger WET file / of the smaller one


@dataclass(frozen=True)
class Page:
    text: str
    html_path: Path


@dataclass(frozen=True)
class Corpus:
    """A WET file written from ``pages``: record k holds ``pages[order[k]]``."""

    path: Path
    order: list[int]
    wet_megabytes: float  # the WARC bytes, uncompressed
    lines: int


@dataclass(frozen=True)
class Row:
    name: str
    cpu_seconds: float
    wall_seconds: float
    lines_per_second: float
    megabytes_per_second: float
    note: str = ""


def wcxb_pages() -> list[Page]:
    """Every WCXB page with its HTML; ``FileNotFoundError`` without ``../shared``."""
    folder = shared_dir()
    if folder is None:
        raise FileNotFoundError("the shared corpora are not in ../shared beside the repository; the benchmark needs them")
    docs = read_jsonl(folder / WCXB_JSONL)
    return [Page("\n".join(doc.lines), path) for doc in docs if (path := html_path(folder, doc)) is not None]


def write_wet(pages: Sequence[Page], path: Path, megabytes: float) -> Corpus:
    """A gzipped WET file of at least ``megabytes`` MB of WARC data, one conversion record per page, cycling."""
    order: list[int] = []
    size = lines = 0
    with open(path, "wb") as handle:
        for index in cycle(range(len(pages))):
            if size >= megabytes * 1e6:
                break
            body = pages[index].text.encode("utf-8")
            head = (f"WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: https://wcxb.example/{index}\r\n"
                    f"WARC-Date: 2026-03-01T08:00:00Z\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
                    f"WARC-Identified-Content-Language: eng\r\nContent-Type: text/plain\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n").encode("ascii")
            record = head + body + b"\r\n\r\n"
            packer = zlib.compressobj(6, zlib.DEFLATED, 31)  # one gzip member per record, as Common Crawl's
            handle.write(packer.compress(record) + packer.flush())
            order.append(index)
            size += len(record)
            lines += len(split_lines(pages[index].text))
    return Corpus(path, order, size / 1e6, lines)


def end_to_end(corpus: Corpus, jobs: int, folder: Path) -> tuple[Row, float]:
    """``python -m predict --jobs N WET > JSONL``: its row, and its peak RSS in MB."""
    output = folder / f"clean-{jobs}.jsonl"
    with open(output, "wb") as handle:
        peak, cpu, wall = memory.run_measured(
            [sys.executable, "-m", "predict", "--jobs", str(jobs), str(corpus.path)], stdout=handle)
    with open(output, "rb") as handle:
        written = sum(1 for _ in handle)
    output.unlink()
    if written != len(corpus.order):
        raise RuntimeError(f"python -m predict wrote {written} records of {len(corpus.order)}")
    name = f"python -m predict --jobs {jobs}, {corpus.wet_megabytes:.1f} MB"
    return Row(name, cpu, wall, corpus.lines / cpu, corpus.wet_megabytes / cpu), peak


def timed(name: str, run: Callable[[list[str]], int], texts: list[str], corpus: Corpus) -> Row:
    """``run(texts)`` (after one warm-up record) timed in CPU seconds of this process; it returns how many it kept."""
    run(texts[:1])
    cpu, wall = time.process_time(), time.perf_counter()
    kept = run(texts)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return Row(name, cpu, wall, corpus.lines / cpu, corpus.wet_megabytes / cpu, f"{kept / len(texts):.0%} of records kept")


def library() -> Callable[[list[str]], int]:
    """The library, as the command line scores: each record's lines, in batches; counts records left with a line."""
    ours = throughput.OurFilter(load_model())

    def run(texts: list[str]) -> int:
        return sum(bool(mask.any()) for mask in ours.keep_documents([split_lines(text) for text in texts]))

    return run


def datatrove_filter(step_class: type) -> Callable[[list[str]], int]:
    """A datatrove filter step over the records as datatrove documents; counts the documents it keeps."""
    from datatrove.data import Document

    step = step_class()

    def run(texts: list[str]) -> int:
        return sum(1 for _ in step.run(Document(text=text, id=str(k)) for k, text in enumerate(texts)))

    return run


def trafilatura_on_html(pages: Sequence[Page], corpus: Corpus) -> Callable[[list[str]], int]:
    """trafilatura's ``extract`` on each record's page's HTML (read and decompressed before timing)."""
    import trafilatura

    html = {index: gzip.decompress(pages[index].html_path.read_bytes()).decode("utf-8", errors="replace")
            for index in set(corpus.order)}

    def run(texts: list[str]) -> int:
        return sum(bool(trafilatura.extract(html[index])) for index in islice(corpus.order, len(texts)))

    return run


def methods(pages: Sequence[Page], corpus: Corpus) -> list[tuple[str, Callable[[], Callable[[list[str]], int]]]]:
    """The methods run on the records, each as (name, what makes its run function)."""
    def c4():
        from datatrove.pipeline.filters import C4QualityFilter
        return datatrove_filter(C4QualityFilter)

    def gopher():
        from datatrove.pipeline.filters import GopherQualityFilter
        return datatrove_filter(GopherQualityFilter)

    return [("junkfilter library (the same records)", library), ("datatrove C4QualityFilter", c4),
            ("datatrove GopherQualityFilter", gopher), ("trafilatura on the HTML", lambda: trafilatura_on_html(pages, corpus))]


def report(sizes_mb: Sequence[float], verdict: Callable[[str, float, float, str], None]) -> int:
    """Measure and print the corpus figures (``verdict`` prints each against its target); 2 without ../shared or FastWARC."""
    try:
        require_fastwarc()
        pages = wcxb_pages()
    except (FileNotFoundError, MissingModule) as exc:
        print(f"benchmarks: error: {exc}", file=sys.stderr)
        return 2
    print(f"\nend to end on a WET file of WCXB pages (load average before: {_load()})")
    with tempfile.TemporaryDirectory(prefix="junkfilter-bench-") as name:
        folder = Path(name)
        small = write_wet(pages, folder / "crawl.warc.wet.gz", sizes_mb[0])
        large = write_wet(pages[: len(small.order)], folder / "crawl-larger.warc.wet.gz", sizes_mb[1])  # the same pages
        print(f"  {len(small.order)} records ({len(set(small.order))} pages), {small.lines} lines, "
              f"{small.wet_megabytes:.1f} MB of WET ({small.path.stat().st_size / 1e6:.1f} MB gzipped); "
              f"for memory, the same pages cycled to {large.wet_megabytes:.1f} MB")
        start_up, _ = end_to_end(write_wet(pages, folder / "one.warc.wet.gz", 1e-9), 1, folder)  # one record
        rows, peaks = [], []
        for corpus, jobs in ((small, 1), (small, 2), (large, 1)):
            row, peak = end_to_end(corpus, jobs, folder)
            rows.append(row)
            peaks.append(peak)
        texts = [pages[index].text for index in small.order]
        for method, make in methods(pages, small):
            try:
                rows.append(timed(method, make(), texts, small))
            except ImportError as exc:
                print(f"  note: {method} left out ({exc})")
    print("  per core: per CPU second, the command's worker processes included; MB: MB of WET, uncompressed")
    print(f"  {'method':<44} {'lines/s':>8} {'MB/s':>6} {'cpu s':>7} {'wall s':>7}")
    for row in rows:
        print(f"  {row.name:<44} {row.lines_per_second:>8.0f} {row.megabytes_per_second:>6.3f} "
              f"{row.cpu_seconds:>7.1f} {row.wall_seconds:>7.1f}  {row.note}")
    print(f"  start-up, python -m predict on a WET file of one record: {start_up.cpu_seconds:.1f} s CPU, "
          f"{start_up.wall_seconds:.1f} s wall")
    print(f"  peak RSS, --jobs 1: {peaks[0]:.1f} MB at {small.wet_megabytes:.1f} MB of WET, "
          f"{peaks[2]:.1f} MB at {large.wet_megabytes:.1f} MB (--jobs 2: {peaks[1]:.1f} MB, the largest process)")
    ours = rows[3].lines_per_second
    verdict("end to end vs library, --jobs 1", rows[0].lines_per_second / ours, END_TO_END_TARGET, ">=")
    steady = small.lines / (rows[0].cpu_seconds - start_up.cpu_seconds) / ours
    verdict("the same, less the start-up (one record's run)", steady, END_TO_END_TARGET, ">=")
    verdict("end to end vs library, --jobs 2 (per core)", rows[1].lines_per_second / ours, END_TO_END_TARGET, ">=")
    verdict("peak RSS, larger WET vs smaller", peaks[2] / peaks[0], FLAT_MEMORY_TARGET, "<=")
    print(f"  load average after: {_load()}")
    return 0


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())

