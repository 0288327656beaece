"""The WCXB pages in each tool's rendering, labelled by line against the gold text, and cached.

Training and scoring on other renderings (:mod:`train.data.renderers`: the
tools) needs each page's lines exactly as each tool writes them, labelled
the way ``corpora/wcxb/dev.jsonl`` in the shared corpora labels html-text's.

- :func:`label_lines`: each line against the gold ``main_content``, on its text
  with markdown marks removed (:func:`strip_markdown`). The corpora README's
  rule: a line of more than ``SHORT_WORDS`` words is content when at least
  half of its word 3-grams occur in the gold; a shorter one only where its
  whole text stands in the gold (fewer than four words: a whole gold
  paragraph), and no more often than the gold holds it. Which of a repeated
  line's occurrences get the gold's copies follows the gold's order: the
  longest chain of lines in page order whose gold positions rise (a table of
  contents repeats the headings before the article does); copies the chain
  leaves unused go to the other occurrences in page order. A line equal to the
  page title is kind ``title`` (content, left out of body scores). On
  html-text's lines this agrees with ``dev.jsonl`` on 98.0% of its content
  lines and 99.6% of its junk lines, and finds 93% of its title lines.
- :func:`build_cache`: every page of every rendering, rendered and labelled in
  at most two processes, as records shaped like ``dev.jsonl``'s (readable by
  :func:`train.data.sources.read_jsonl`), cached outside the repository. A page
  that a renderer crashes on or takes longer than ``timeout`` seconds over is
  skipped and counted. :func:`read_rendered` reads a rendering's cache back.

``python -m train.evaluate.ceilings`` builds the caches and prints each
rendering's ceiling (:mod:`train.evaluate.ceilings`).
"""
from __future__ import annotations

import json
import os
import re
import signal
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context
from pathlib import Path

import numpy as np

from predict.features.kernels.tokens import normalise
from train.data.alignment import MIN_OVERLAP, MIN_TOKENS, SHINGLE, word_shingles
from train.data.cache import cache_root, manifest_path, verified, write_verified
from train.data.documents import CONTENT, JUNK, TITLE_KIND
from train.data.renderers import (
    RENDERERS,
    read_html,
    render,
    require_renderers,
    tool_version,
)
from train.data.sources import WCXB_DIR

CACHE_SUBDIR = "renderings"
""":func:`build_cache` writes ``<rendering>.jsonl`` in this folder of :func:`train.data.cache.cache_root`;
``JUNKFILTER_RENDERINGS`` names another folder."""
SHORT_WORDS = 12
"""Lines of up to this many words are matched whole against the gold, longer ones by 3-gram overlap."""
TIMEOUT = 30.0
"""Seconds one renderer may spend on one page before the page is skipped."""
MIN_RENDERED = 0.9
"""The share of pages a rendering must render for its cache to be written: below it the tool is broken."""


_MARKS = [
    (re.compile(r"^\s*(```|~~~).*$"), ""),  # a code fence and its language
    (re.compile(r"^\s*\[[^\]]+\]:\s+\S+.*$"), ""),  # a reference link's definition
    (re.compile(r"!\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)"), r"\1"),  # ![alt](src), first: it may sit in a link
    (re.compile(r"!?\[([^\]]*)\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\])"), r"\1"),  # [text](url), [text][ref]
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])"), r"\1"),  # backslash escapes
    (re.compile(r"[*`|~]+|(?<!\w)_+|_+(?!\w)"), " "),  # emphasis, bullets, code, table pipes
    (re.compile(r"^(\s*>)+"), ""),  # block quotes
    (re.compile(r"^\s*#{1,6}(\s+|$)"), ""),  # ATX headings
    (re.compile(r"^\s*(?:[-+]\s+|\d{1,9}[.)](?:\s+|$))+"), ""),  # list bullets and numbers
]


def strip_markdown(line: str) -> str:
    """A line's text without markdown marks (headings, bullets, list numbers, emphasis, link targets,
    table pipes, code fences), whitespace collapsed: what :func:`label_lines` compares with the gold."""
    for pattern, replacement in _MARKS:
        line = pattern.sub(replacement, line)
    return " ".join(line.split())


def _gold_positions(gold: str) -> tuple[list[str], dict[str, list[int]], dict[tuple[str, ...], int]]:
    """The gold's words, where each whole gold paragraph starts, and where each 3-gram first occurs."""
    tokens: list[str] = []
    paragraphs: dict[str, list[int]] = defaultdict(list)
    for paragraph in gold.split("\n"):
        words = normalise(strip_markdown(paragraph)).split()
        if words:
            paragraphs[" ".join(words)].append(len(tokens))
            tokens.extend(words)
    first: dict[tuple[str, ...], int] = {}
    for i in range(len(tokens) - SHINGLE + 1):
        first.setdefault(tuple(tokens[i : i + SHINGLE]), i)
    return tokens, paragraphs, first


def _occurrences(words: list[str], tokens: list[str], starts: dict[str, list[int]]) -> list[int]:
    return [i for i in starts.get(words[0], ()) if tokens[i : i + len(words)] == words]


def _rising_chain(candidates: list[tuple[int, int, int]]) -> list[int]:
    """Indices of the heaviest chain of ``(line, gold position, weight)`` candidates (sorted by line)
    with both the line and the gold position strictly rising: a weighted longest increasing subsequence."""
    ranks = {p: r for r, p in enumerate(sorted({c[1] for c in candidates}), start=1)}
    tree = [(0, -1)] * (len(ranks) + 1)  # Fenwick tree of the best (weight, candidate) ending below a rank
    best, previous = [0] * len(candidates), [-1] * len(candidates)
    start = 0
    while start < len(candidates):
        end = start
        while end < len(candidates) and candidates[end][0] == candidates[start][0]:
            end += 1
        for c in range(start, end):  # query every candidate of a line before any of them is added
            r, found = ranks[candidates[c][1]] - 1, (0, -1)
            while r > 0:
                found, r = (tree[r] if tree[r][0] > found[0] else found), r - (r & -r)
            best[c], previous[c] = found[0] + candidates[c][2], found[1]
        for c in range(start, end):
            r = ranks[candidates[c][1]]
            while r < len(tree):  # on a tie the earlier candidate stays
                tree[r], r = ((best[c], c) if best[c] > tree[r][0] else tree[r]), r + (r & -r)
        start = end
    chain, c = [], (int(np.argmax(best)) if best else -1)
    while c >= 0:
        chain.append(c)
        c = previous[c]
    return chain


def label_lines(lines: Sequence[str], gold: str, title: str = "") -> tuple[list[int], list[str]]:
    """Labels (1 content, 0 junk) and kinds (``title``, ``body``, ``junk``) of rendered lines against
    the gold text, by the rule in the module docstring."""
    tokens, paragraphs, first = _gold_positions(gold)
    starts: dict[str, list[int]] = defaultdict(list)
    for i, word in enumerate(tokens):
        starts[word].append(i)
    keys = [normalise(strip_markdown(line)) for line in lines]
    labels = [JUNK] * len(lines)
    spare: dict[str, int] = {}  # how often the gold holds each short line
    candidates: list[tuple[int, int, int]] = []  # (line, gold position, words): short lines and long anchors
    short: set[int] = set()
    for li, key in enumerate(keys):
        words = key.split()
        if not words:
            continue
        if len(words) <= SHORT_WORDS:
            whole = paragraphs.get(key, []) if len(words) < MIN_TOKENS else _occurrences(words, tokens, starts)
            spare.setdefault(key, len(whole))
            candidates.extend((li, p, len(words)) for p in whole)
            short.add(li)
            continue
        grams = word_shingles(words)
        hits = sorted(first[g] for g in grams if g in first)
        if len(hits) >= MIN_OVERLAP * len(grams):
            labels[li] = CONTENT
            candidates.append((li, hits[len(hits) // 2], len(words)))
    for c in _rising_chain(candidates):
        li = candidates[c][0]
        if li in short:
            labels[li] = CONTENT
            spare[keys[li]] -= 1
    for li in sorted(short):  # copies the chain left unused go to the other occurrences, in page order
        if labels[li] == JUNK and spare[keys[li]] > 0:
            labels[li] = CONTENT
            spare[keys[li]] -= 1
    title_key = normalise(title)
    kinds = []
    for li, key in enumerate(keys):
        if title_key and key == title_key:
            labels[li] = CONTENT
        kinds.append(TITLE_KIND if title_key and key == title_key else "body" if labels[li] == CONTENT else "junk")
    return labels, kinds


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


_Outcome = tuple[str, "dict | None", float]
"""How rendering one page went: ``rendered``, ``failed`` or ``timed_out``; its record; the renderer's seconds."""


def _render_page(task: tuple[dict, Path, tuple[str, ...], float]) -> tuple[str, dict[str, _Outcome]]:
    """One page in every wanted rendering: its id and each rendering's :data:`_Outcome`."""
    meta, html_path, renderings, timeout = task
    html = read_html(html_path)
    previous = signal.signal(signal.SIGALRM, _alarm)
    results = {}
    try:
        for rendering in renderings:
            began = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                lines = render(html, rendering)
                outcome = "rendered"
            except _Timeout:
                lines, outcome = None, "timed_out"
            except Exception:  # noqa: BLE001 - a renderer's crash skips the page, never the build
                lines, outcome = None, "failed"
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            seconds = time.perf_counter() - began
            record = None
            if lines is not None:
                labels, kinds = label_lines(lines, meta["gold"], meta.get("title", ""))
                record = {**meta, "rendering": rendering, "lines": lines, "labels": labels, "kinds": kinds}
            results[rendering] = (outcome, record, seconds)
    finally:
        signal.signal(signal.SIGALRM, previous)
    return meta["id"], results


@dataclass
class BuildStats:
    """What building one rendering's cache did: pages rendered, skipped, and the renderer's time."""

    rendered: int = 0
    failed: list[str] = field(default_factory=list)
    timed_out: list[str] = field(default_factory=list)
    render_seconds: float = 0.0
    timeout: float = TIMEOUT


def cache_path(rendering: str, cache_dir: str | os.PathLike | None = None) -> Path:
    """The cached records of one rendering: ``<cache_dir>/<rendering>.jsonl``."""
    folder = Path(cache_dir or os.environ.get("JUNKFILTER_RENDERINGS") or cache_root() / CACHE_SUBDIR)
    return folder / f"{rendering}.jsonl"


def wcxb_pages(wcxb_dir: str | os.PathLike = WCXB_DIR) -> list[dict]:
    """The WCXB pages' fields from ``dev.jsonl``, without its html-text ``lines``, ``labels`` and ``kinds``."""
    with open(Path(wcxb_dir) / "dev.jsonl", encoding="utf-8") as stream:
        records = [json.loads(row) for row in stream if row.strip()]
    return [{k: v for k, v in record.items() if k not in ("lines", "labels", "kinds")} for record in records]


def build_cache(
    renderings: Iterable[str] = tuple(RENDERERS),
    *,
    wcxb_dir: str | os.PathLike = WCXB_DIR,
    cache_dir: str | os.PathLike | None = None,
    processes: int = 2,
    timeout: float = TIMEOUT,
    rebuild: bool = False,
    progress: bool = True,
) -> dict[str, BuildStats]:
    """Render and label every WCXB page for each rendering without a sound cache (all if ``rebuild``).

    A cache is sound when its manifest (``<rendering>.stats.json``: the skipped
    pages, timing, the tool's version, the record count and the file's sha256)
    matches it (:func:`train.data.cache.verified`). Each page's HTML is read
    once for all renderings; records keep ``dev.jsonl``'s page order. Raises
    :class:`train.extras.MissingExtra` before any work when a tool is not
    installed, and ``ValueError``, writing nothing for that rendering, when a
    tool renders less than :data:`MIN_RENDERED` of the pages.
    """
    renderings = list(renderings)
    require_renderers(renderings)
    wanted = tuple(r for r in dict.fromkeys(renderings) if rebuild or not verified(cache_path(r, cache_dir)))
    if not wanted:
        return {}
    html_dir = Path(wcxb_dir) / "dev" / "html"
    pages = wcxb_pages(wcxb_dir)
    tasks = [(page, html_dir / f"{page['id'].split('/')[-1]}.html.gz", wanted, timeout) for page in pages]
    stats = {r: BuildStats(timeout=timeout) for r in wanted}
    records: dict[str, dict[str, dict]] = {r: {} for r in wanted}
    with get_context("fork").Pool(max(1, min(processes, 2))) as pool:
        results = pool.imap_unordered(_render_page, tasks, chunksize=4)
        if progress:
            from tqdm import tqdm

            results = tqdm(results, total=len(tasks), desc=f"rendering {', '.join(wanted)}", unit="page")
        for page_id, page_results in results:
            for rendering, (outcome, record, seconds) in page_results.items():
                entry = stats[rendering]
                entry.render_seconds += seconds
                if record is None:
                    getattr(entry, outcome).append(page_id)
                else:
                    entry.rendered += 1
                    records[rendering][record["id"]] = record
    broken = [rendering for rendering in wanted if stats[rendering].rendered < MIN_RENDERED * len(pages)]
    for rendering in wanted:
        done, entry = records[rendering], stats[rendering]
        if rendering in broken:
            continue
        entry.failed.sort()
        entry.timed_out.sort()
        rows = (json.dumps(done[page["id"]], ensure_ascii=False) for page in pages if page["id"] in done)
        write_verified(cache_path(rendering, cache_dir), rows, {**asdict(entry), "tool": tool_version(rendering)})
    if broken:
        counts = "; ".join(f"{name} rendered {stats[name].rendered} of {len(pages)} pages" for name in broken)
        raise ValueError(f"{counts}: its tool is failing, so nothing was cached for it (run 'python -m "
                         f"train.evaluate.ceilings {' '.join(broken)}' to see which pages fail)")
    return stats


def read_rendered(rendering: str, cache_dir: str | os.PathLike | None = None) -> list[dict]:
    """One rendering's cached records, checked against their manifest (build them with :func:`build_cache`).

    Raises ``FileNotFoundError`` when the cache is missing, empty or does not match its manifest.
    """
    path = cache_path(rendering, cache_dir)
    if not verified(path):
        raise FileNotFoundError(f"{path}: not built, or not what its manifest {manifest_path(path).name} "
                                f"records; run 'python -m train.evaluate.ceilings --rebuild {rendering}'")
    with open(path, encoding="utf-8") as stream:
        return [json.loads(row) for row in stream if row.strip()]
