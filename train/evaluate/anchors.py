"""Rows that are not line filters: the line labels themselves, and trafilatura given the page's HTML.

The labels are the ceiling of any filter of these lines: keeping exactly the
lines labelled content still misses what the line rendering split or merged.
trafilatura reading the original HTML is what a user who has the HTML would
pick: the anchor to beat, not a text-only peer. Its output is text, not a
choice of lines, so it is scored by word F1 on the pages whose HTML is in
``../shared`` (WCXB's), against the same gold text.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from train.data.cache import cache_root
from train.data.documents import CONTENT, LabelledDocument
from train.metrics import word_text_scores

LABELS, TRAFILATURA_HTML = "line-labels", "trafilatura-html"
WCXB_HTML = "corpora/wcxb/dev/html"


def label_masks(docs: Sequence[LabelledDocument]) -> list[np.ndarray]:
    """Keep exactly the lines labelled content."""
    return [np.asarray(doc.labels) == CONTENT for doc in docs]


def html_path(shared: Path, doc: LabelledDocument) -> Path | None:
    """The original HTML of a WCXB page (``wcxb/0003`` → ``…/wcxb/dev/html/0003.html.gz``), if there is one."""
    if not doc.source.startswith("wcxb/"):
        return None
    path = shared / WCXB_HTML / f"{doc.source.split('/', 1)[1]}.html.gz"
    return path if path.is_file() else None


def trafilatura_texts(shared: Path, docs: Sequence[LabelledDocument],
                      log: Callable[[str], None] = lambda message: None) -> dict[str, str]:
    """trafilatura's ``extract`` of each page's HTML, by document source, cached per trafilatura version in
    :func:`train.data.cache.cache_root`."""
    import trafilatura

    paths = {doc.source: path for doc in docs if (path := html_path(shared, doc)) is not None}
    if not paths:
        return {}
    key = hashlib.sha256(json.dumps(sorted(paths)).encode()).hexdigest()[:12]
    cache = cache_root() / f"trafilatura-{trafilatura.__version__}-{key}.json"
    if cache.is_file():
        return json.loads(cache.read_text(encoding="utf-8"))
    log(f"{TRAFILATURA_HTML}: extracting {len(paths)} pages (cached in {cache})")
    texts = {}
    for source, path in paths.items():
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        texts[source] = trafilatura.extract(html) or ""
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(".tmp")
    tmp.write_text(json.dumps(texts), encoding="utf-8")
    tmp.replace(cache)
    return texts


def trafilatura_html_figures(shared: Path, docs: Sequence[LabelledDocument],
                             log: Callable[[str], None] = lambda message: None) -> dict[str, float]:
    """Word F1 of trafilatura on the original HTML, over the documents that have it."""
    texts = trafilatura_texts(shared, docs, log)
    with_html = [doc for doc in docs if doc.source in texts]
    return word_text_scores(with_html, [texts[doc.source] for doc in with_html])
