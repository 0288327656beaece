"""The benchmark's documents: the real pages of the shared realpages set, repeated.

Every method is timed on the same documents. Real scraped pages (navigation,
article, junk tail) give realistic line lengths and document sizes; repeating
them reaches the few hundred thousand lines over which timings are stable.
The text is third-party: it is read from ``../shared`` at run time and only
ever written to temporary files, never into the repository.
"""
from __future__ import annotations

import json
from itertools import cycle
from pathlib import Path

from train.data.sources import read_jsonl, shared_dir

REALPAGES = "corpora/realpages/dev.jsonl"


def real_pages() -> list[list[str]]:
    """The lines of every realpages page; ``FileNotFoundError`` when ``../shared`` is absent."""
    folder = shared_dir()
    if folder is None:
        raise FileNotFoundError("the shared corpora are not in ../shared beside the repository; the benchmark needs them")
    return [doc.lines for doc in read_jsonl(folder / REALPAGES)]


def repeated(pages: list[list[str]], min_lines: int) -> list[list[str]]:
    """Whole pages, cycling through ``pages``, until there are at least ``min_lines`` lines."""
    documents: list[list[str]] = []
    total = 0
    for lines in cycle(pages):
        if total >= min_lines:
            return documents
        documents.append(lines)
        total += len(lines)
    return documents


def utf8_megabytes(documents: list[list[str]]) -> float:
    """The size of the documents as text files (UTF-8, a newline after every line), in MB."""
    return sum(len(line.encode("utf-8")) + 1 for lines in documents for line in lines) / 1e6


def write_jsonl_corpus(pages: list[list[str]], path: Path, megabytes: float) -> int:
    """A JSONL corpus of at least ``megabytes`` MB (one record per page, cycling); returns the record count."""
    limit = megabytes * 1e6
    written = 0
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        for index, lines in enumerate(cycle(pages)):
            if written >= limit:
                return count
            row = json.dumps({"id": f"page-{index}", "text": "\n".join(lines)}, ensure_ascii=False) + "\n"
            handle.write(row)
            written += len(row.encode("utf-8"))
            count += 1
    return count
