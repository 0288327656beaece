"""Which kind of junk a WCXB line is (related headlines, comments, navigation, share), from the page's HTML.

Why: the labels say only content or junk, but users ask how much of each
kind of junk a filter keeps, above all the related and trending headline
lists of the junk tail (issue 29). The line text does not say which kind a
junk line is; the HTML around it does, in the class, id or tag of the
container it sits in. So each WCXB page's HTML is parsed, every element
whose class or id matches a kind's pattern (:data:`KIND_PATTERNS`), or that
is site chrome outside the article (:data:`CHROME_TAGS`), is rendered with
html-text exactly as :mod:`train.data.renderers` renders the page, and the
page's junk lines
whose text (:func:`predict.features.kernels.tokens.normalise`) equals one of that
container's lines take its kind. A line in several containers takes the
kind of the innermost: related stories in a footer are related, the menu
in a header with a "social" class is navigation. One exception: a
navigation element of one line (a ``menu-item``) is an item, not a
container, and its line keeps the kind of a container around it (a related
list built of menu items is related). On 200 article pages that moved 91
lines from navigation, most of them rightly (social links, related lists,
"Next Post"); letting every navigation element give way to any kind around
it moved 878, nearly all of them menu items wrongly. An element holding
half the page's content lines wraps the article, not junk, whatever its
class says.

The kinds are for measuring, never model inputs: content lines get none, and
training reads neither them nor the HTML.

Of the 110,744 junk lines of WCXB's 695 article pages, 3,605 are related
(on 273 pages), 4,309 comments (119 pages), 4,745 share (491 pages), 72,761
navigation (687 pages) and 25,324 get no kind (``python -m
train.data.junk_kinds``). Twenty lines of each kind drawn at random and read
by eye: all twenty comments lines stood in comment threads (texts, author
and date lines, reply links, the comment form); about seventeen related
lines belonged to a list of other stories, half of them the headlines and
the rest their cards' dates, reading times and "continue reading" links,
three were category links; fifteen share lines were social links,
newsletter and sign-up boxes or cookie notices, five were menu items under
a container with such a class; nineteen navigation lines were menus,
footers, sidebars and tables of contents, one an event list in a sidebar.
Headline lists that a page's classes do not name (a sidebar of articles, a
mega-menu of stories) stay navigation.

- :func:`line_kinds`: one page's kinds, from its HTML and its labelled lines.
- :func:`build_cache`: every page's kinds, cached outside the repository and
  checked like the renderings (:mod:`train.data.cache`); rebuilt when missing,
  damaged, or derived by other code (:func:`derivation_digest`) or from
  another ``dev.jsonl``.
- :func:`attach_junk_kinds`: each WCXB document's ``junk_kinds``.
- ``python -m train.data.junk_kinds``: builds the cache and prints how many
  junk lines of article pages each kind holds.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from collections import Counter
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from predict.features.kernels.tokens import normalise
from predict.model import file_sha256
from train.data.cache import cache_root, verified, write_verified
from train.data.documents import CONTENT, JUNK, LabelledDocument
from train.data.renderers import read_html
from train.data.sources import WCXB_DIR
from train.data.threads import ARTICLE
from train.extras import package_version, require

KIND_PATTERNS: dict[str, str] = {
    "related": r"related|trending|recommend|popular|most[-_]?(read|viewed|shared|commented)|more[-_]?(stories"
               r"|news|articles|posts|like)|more[-_](on|in|from)|read[-_]?(next|also)|also[-_]?read|you[-_]?may"
               r"[-_]?(also[-_]?)?like|recent[-_]?(posts|articles|stories|news|entries)|top[-_]?stories|latest"
               r"[-_]?(news|posts|stories|articles)|editors?[-_]?(pick|choice)|yarpp|outbrain|taboola|teaser"
               r"|(?<![a-z])rss|(internal|seo)[-_]?links|post[-_]?nav|nav[-_]?(previous|prev|next)"
               r"|(previous|prev|next)[-_]?(post|article|story)",
    "comments": r"comment|disqus|(?<![a-z])respond(?![a-z])|(?<![a-z])repl(y|ies)(?![a-z])|discussion"
                r"|(?<![a-z])responses(?![a-z])",
    "share": r"shar(e|ing)(?!d)|social|(?<![a-z])ads?(?![a-z])|(?<![a-z])ad[-_]?(slot|unit|wrap|box|block|zone"
             r"|container|banner)|advert|adsense|dfp|sponsor|newsletter|subscri|cookie|consent|gdpr|sign[-_]?up"
             r"|follow[-_]?us",
    "navigation": r"(?<![a-z])(sub|main|top|site|primary|mobile)?nav|menu|breadcrumb|sidebar|pagination"
                  r"|(?<![a-z])pager(?![a-z])|skip[-_]?(link|to)",
}
"""Each kind's pattern, searched in an element's lower-cased ``class`` and ``id``; on an element that matches
several, the first kind here wins. Prev/next links under an article (``post-navigation``) name other
stories, so they are related."""
CHROME_PATTERN = r"masthead|header|footer"
CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})
"""A class or id matching :data:`CHROME_PATTERN`, and these tags, are site chrome (kind ``navigation``)
wherever no ``<article>`` holds them: inside one they are the article's own header (its byline) and
footer, or a related story's card."""
WRAPPERS = frozenset({"html", "body"})
"""Tags never taken for a container: they hold the whole page, and a ``<body>``'s class often names what
the page has (``comments-open``, ``user-ads``)."""
WRAPS = 0.5
"""An element holding at least this share of the page's distinct content lines wraps the article, whatever
its class says (``unsponsored-post main-content``, a ``newsletter-post``), and is no container of junk."""
CHROME = "navigation"
"""The kind of site chrome."""
KINDS = tuple(KIND_PATTERNS)
CACHE_NAME = "junk-kinds.jsonl"
""":func:`build_cache` writes this file in :func:`train.data.cache.cache_root`."""

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_PATTERNS = {kind: re.compile(pattern) for kind, pattern in KIND_PATTERNS.items()}
_CHROME = re.compile(CHROME_PATTERN)


def derivation_digest() -> str:
    """A digest of this module's source, patterns and rules alike: a cache derived by other code is rebuilt."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def element_kind(element: HtmlElement) -> str | None:
    """The kind of junk an lxml element holds by its class, id or tag, or None."""
    if element.tag in WRAPPERS:
        return None
    names = f"{element.get('class', '')} {element.get('id', '')}".lower()
    for kind, pattern in _PATTERNS.items():
        if pattern.search(names):
            return kind
    if ((element.tag in CHROME_TAGS or _CHROME.search(names)) and element.tag != "article"
            and next(element.iterancestors("article"), None) is None):
        return CHROME
    return None


def line_kinds(html: str, lines: Sequence[str], labels: Sequence[int]) -> list[str | None]:
    """The kind of each junk line of a page (None where no container of a kind holds its text, and on
    content and unlabelled lines), from the page's HTML; ``lines`` are html-text's, as ``dev.jsonl`` has them."""
    import html_text

    tree = html_text.parse_html(html)
    try:  # the tree html_text.extract_text renders: cleaned, unless lxml's cleaner fails on it
        tree = html_text.cleaner.clean_html(tree)
    except AssertionError:
        pass
    content = {normalise(line) for line, label in zip(lines, labels, strict=True) if label == CONTENT} - {""}
    containers = []
    for element in tree.iter():
        if isinstance(element.tag, str) and (kind := element_kind(element)) is not None:
            keys = {normalise(line) for line in html_text.etree_to_text(element).splitlines()} - {""}
            if content and len(keys & content) >= WRAPS * len(content):
                continue
            depth = sum(1 for _ in element.iterancestors())
            containers.append((depth, kind, keys))
    found: dict[str, str] = {}
    for _, kind, keys in sorted(containers, key=lambda c: c[0]):  # inner containers override outer ones
        if kind == CHROME and len(keys) == 1 and next(iter(keys)) in found:
            continue  # a menu item is no container: its line keeps the kind around it
        found.update(dict.fromkeys(keys, kind))
    return [found.get(normalise(line)) if label == JUNK else None for line, label in zip(lines, labels, strict=True)]


def _page_kinds(task: tuple[str, Path, list[str], list[int]]) -> tuple[str, list[str | None] | None]:
    """One page's id and :func:`line_kinds`, or None where its HTML cannot be read or parsed."""
    page_id, html_path, lines, labels = task
    try:
        return page_id, line_kinds(read_html(html_path), lines, labels)
    except Exception:  # noqa: BLE001 - a page that fails is counted in the manifest, never stops the build
        return page_id, None


def cache_path(cache_dir: str | os.PathLike | None = None) -> Path:
    """The cached kinds: ``<cache_dir>/junk-kinds.jsonl``, by default in :func:`train.data.cache.cache_root`."""
    return Path(cache_dir or cache_root()) / CACHE_NAME


def _sound(path: Path, source: Path) -> dict | None:
    """The cache's manifest when the file matches it and this code derived it from ``source``."""
    manifest = verified(path)
    if manifest and manifest.get("derivation") == derivation_digest() and manifest.get("source") == file_sha256(source):
        return manifest
    return None


def article_counts(records: Iterable[dict], page_types: dict[str, str | None]) -> dict[str, list[int]]:
    """``{kind: [junk lines, pages]}``: how many junk lines of article pages each kind holds (``none``: no
    kind), and on how many pages, over ``records``."""
    lines = Counter({kind: 0 for kind in (*KINDS, "none")})
    pages: Counter = Counter()
    for record in records:
        if page_types.get(record["id"]) == ARTICLE:
            kinds = [kind or "none" for kind, label in zip(record["junk_kinds"], record["labels"]) if label == JUNK]
            lines.update(kinds)
            pages.update(set(kinds))
    return {kind: [n, pages[kind]] for kind, n in lines.items()}


def build_cache(*, wcxb_dir: str | os.PathLike = WCXB_DIR, cache_dir: str | os.PathLike | None = None,
                processes: int = 2, rebuild: bool = False, progress: bool = True) -> dict:
    """The kinds of every WCXB page's lines, derived and cached unless a sound cache is there (or ``rebuild``);
    returns the cache's manifest: pages that failed, the tools' versions, the article counts per kind
    (:func:`article_counts`).

    Records keep ``dev.jsonl``'s page order: ``{"id", "labels", "junk_kinds"}``. Raises
    :class:`train.extras.MissingExtra` when html-text is not installed.
    """
    source = Path(wcxb_dir) / "dev.jsonl"
    path = cache_path(cache_dir)
    if not rebuild and (manifest := _sound(path, source)):
        return manifest
    require([("html_text", "render", "the junk kinds of WCXB lines")])
    with open(source, encoding="utf-8") as stream:
        pages = [json.loads(row) for row in stream if row.strip()]
    html_dir = Path(wcxb_dir) / "dev" / "html"
    tasks = [(page["id"], html_dir / f"{page['id'].split('/')[-1]}.html.gz", page["lines"], page["labels"])
             for page in pages]
    with get_context("fork").Pool(max(1, min(processes, 2))) as pool:
        results = pool.imap(_page_kinds, tasks, chunksize=8)
        if progress:
            from tqdm import tqdm

            results = tqdm(results, total=len(tasks), desc="junk kinds", unit="page")
        found = dict(results)
    failed = sorted(page_id for page_id, kinds in found.items() if kinds is None)
    records = [{"id": page["id"], "labels": page["labels"],
                "junk_kinds": found[page["id"]] or [None] * len(page["lines"])} for page in pages]
    manifest = {"derivation": derivation_digest(), "source": file_sha256(source), "failed": failed,
                "tool": f"html-text {package_version('html-text')}, lxml {package_version('lxml')}",
                "article_junk_lines": article_counts(records, {page["id"]: page.get("page_type") for page in pages})}
    return write_verified(path, (json.dumps(record, ensure_ascii=False) for record in records), manifest)


def read_kinds(*, wcxb_dir: str | os.PathLike = WCXB_DIR, cache_dir: str | os.PathLike | None = None,
               processes: int = 2) -> dict[str, list[str | None]]:
    """``{page id: junk kinds}`` from the cache, built first where it is not sound (:func:`build_cache`)."""
    build_cache(wcxb_dir=wcxb_dir, cache_dir=cache_dir, processes=processes)
    with open(cache_path(cache_dir), encoding="utf-8") as stream:
        return {record["id"]: record["junk_kinds"] for record in map(json.loads, stream) if record}


def attach_junk_kinds(docs: Sequence[LabelledDocument], *, wcxb_dir: str | os.PathLike = WCXB_DIR,
                      cache_dir: str | os.PathLike | None = None) -> int:
    """Set the ``junk_kinds`` of each WCXB page of ``docs`` (matched by its source, the page id) and return
    how many got them; raises ``ValueError`` where a page's lines are not the ones its kinds were derived for."""
    by_id = read_kinds(wcxb_dir=wcxb_dir, cache_dir=cache_dir)
    attached = 0
    for doc in docs:
        kinds = by_id.get(doc.source)
        if kinds is None:
            continue
        if len(kinds) != len(doc.lines):
            raise ValueError(f"{doc.source}: {len(doc.lines)} lines but {len(kinds)} junk kinds; rebuild them "
                             "with 'python -m train.data.junk_kinds --rebuild'")
        doc.junk_kinds = kinds
        attached += 1
    return attached


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m train.data.junk_kinds``: build the cache if needed, print the junk lines of article pages
    per kind."""
    parser = argparse.ArgumentParser(prog="python -m train.data.junk_kinds", description=main.__doc__)
    parser.add_argument("--cache-dir", help="default $XDG_CACHE_HOME/junkfilter (~/.cache/junkfilter)")
    parser.add_argument("--processes", type=int, default=2, help="at most 2")
    parser.add_argument("--rebuild", action="store_true", help="derive again even where a cache exists")
    args = parser.parse_args(argv)
    try:
        manifest = build_cache(cache_dir=args.cache_dir, processes=args.processes, rebuild=args.rebuild)
    except (ImportError, OSError) as exc:
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return 1
    counts = manifest["article_junk_lines"]
    total = sum(n for n, _ in counts.values())
    print(f"junk lines of article pages: {total}; failed pages: {manifest['failed']}")
    for kind, (n, pages) in counts.items():
        print(f"  {kind:<11} {n:>7} lines ({n / max(total, 1):.1%}) on {pages} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
