"""Kinds of junk lines from a page's HTML (the page and every sentence here written for these tests)."""
from __future__ import annotations

import gzip
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from train.data.augment import cropped_copies
from train.data.cache import manifest_path
from train.data.documents import CONTENT, JUNK, LabelledDocument
from train.data.junk_kinds import (
    KINDS,
    attach_junk_kinds,
    build_cache,
    cache_path,
    line_kinds,
)
from train.data.renderers import render
from train.data.sources import WCXB_DIR

pytest.importorskip("html_text")

TITLE = "Night ferry to the islands returns for the summer"
BODY = [
    "The harbour board confirmed on Monday that the night ferry will sail again from the first week of June.",
    "Islanders had asked for the late crossing since the service was cut three winters ago.",
    "Tickets go on sale next week at the harbour office and on the board's website.",
]
PAGE = f"""<html><head><title>{TITLE} | Harbour Post</title></head>
<body class="single has-comments share-bar">
<header class="site-header"><nav class="main-nav"><ul>
  <li class="menu-item"><a href="/">Home</a></li><li class="menu-item"><a href="/local">Local news</a></li>
</ul></nav></header>
<div class="breadcrumb"><a href="/">Home</a> <a href="/ferries">Ferries</a></div>
<main class="content sidebar-right">
<article><header><h1>{TITLE}</h1><p>By the harbour desk</p></header>
<p>{BODY[0]}</p><div class="ad-slot">Advertisement</div><p>{BODY[1]}</p><p>{BODY[2]}</p>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Email this story</a></div>
</article>
<section id="comments" class="comments-area"><h2>2 comments</h2>
  <div class="comment-body"><p>Finally, I can visit my sister without staying the night in town.</p>
  <a class="comment-reply-link" href="#">Reply</a></div>
</section>
</main>
<footer class="site-footer">
  <div class="related-posts"><h3>You may also like</h3><ul>
    <li class="menu-item"><a href="/a">Lighthouse keeper retires after forty years</a></li>
    <li><a href="/b">Seal pups spotted on the north beach</a></li></ul></div>
  <p><a href="/about">About us</a> <a href="/contact">Contact</a></p>
  <div class="newsletter"><p>Get the harbour news every Friday</p></div>
</footer></body></html>"""
EXPECTED = {
    f"{TITLE} | Harbour Post": None,  # the <title>: in no container
    "Home": "navigation",
    "Local news": "navigation",
    "Home Ferries": "navigation",
    "By the harbour desk": None,  # the article's own header is no site chrome
    "Advertisement": "share",
    "Share on Facebook Email this story": "share",
    "2 comments": "comments",
    "Finally, I can visit my sister without staying the night in town.": "comments",
    "Reply": "comments",
    "You may also like": "related",
    "Lighthouse keeper retires after forty years": "related",  # in a footer; a menu item, but of a related list
    "Seal pups spotted on the north beach": "related",
    "About us Contact": "navigation",
    "Get the harbour news every Friday": "share",
}


def labelled_page() -> tuple[list[str], list[int]]:
    """The page's html-text lines, labelled: the title and body are content, the rest junk."""
    lines = render(PAGE, "html-text")
    labels = [CONTENT if line == TITLE or line in BODY else JUNK for line in lines]
    return lines, labels


def test_each_junk_line_takes_the_kind_of_its_innermost_container() -> None:
    lines, labels = labelled_page()
    kinds = dict(zip(lines, line_kinds(PAGE, lines, labels)))
    for line, kind in EXPECTED.items():
        assert kinds[line] == kind, line
    # content lines have no kind, though the <body>'s and <main>'s classes name kinds: they wrap the article
    assert all(kinds[line] is None for line in [TITLE, *BODY])


def test_only_junk_lines_get_kinds() -> None:
    lines, _ = labelled_page()
    everything_junk = line_kinds(PAGE, lines, [JUNK] * len(lines))
    assert set(everything_junk) - {None} <= set(KINDS)
    assert line_kinds(PAGE, lines, [CONTENT] * len(lines)) == [None] * len(lines)


def fake_wcxb(folder: Path) -> Path:
    """A WCXB folder of two pages like the shared one: ``dev.jsonl`` and the gzipped HTML."""
    lines, labels = labelled_page()
    (folder / "dev" / "html").mkdir(parents=True)
    records = []
    for number, page_type in ((1, "article"), (2, "listing")):
        (folder / "dev" / "html" / f"{number:04d}.html.gz").write_bytes(gzip.compress(PAGE.encode("utf-8")))
        records.append({"id": f"wcxb/{number:04d}", "domain": f"site{number}.example", "page_type": page_type,
                        "title": TITLE, "lines": lines, "labels": labels, "gold": "\n".join(BODY)})
    (folder / "dev.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return folder


def documents(folder: Path) -> list[LabelledDocument]:
    rows = [json.loads(row) for row in (folder / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    return [LabelledDocument(r["lines"], r["labels"], source=r["id"], page_type=r["page_type"]) for r in rows]


def test_kinds_are_cached_checked_and_attached(tmp_path: Path) -> None:
    wcxb, cache = fake_wcxb(tmp_path / "wcxb"), tmp_path / "cache"
    manifest = build_cache(wcxb_dir=wcxb, cache_dir=cache, processes=1, progress=False)
    assert manifest["failed"] == []
    expected = [kind for kind in EXPECTED.values() if kind is not None]
    counts = manifest["article_junk_lines"]  # the article page only, not the listing
    assert {kind: counts[kind] for kind in KINDS} == {kind: [expected.count(kind), 1] for kind in KINDS}
    assert counts["none"] == [2, 1]  # the <title> and the byline
    docs = documents(wcxb)
    assert attach_junk_kinds(docs, wcxb_dir=wcxb, cache_dir=cache) == 2
    lines, labels = labelled_page()
    assert docs[0].junk_kinds == line_kinds(PAGE, lines, labels)
    assert build_cache(wcxb_dir=wcxb, cache_dir=cache, progress=False) == manifest  # sound: not rebuilt


def test_a_damaged_or_stale_cache_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wcxb, cache = fake_wcxb(tmp_path / "wcxb"), tmp_path / "cache"
    build_cache(wcxb_dir=wcxb, cache_dir=cache, processes=1, progress=False)
    path = cache_path(cache)
    path.write_text(path.read_text(encoding="utf-8").replace("related", "share"), encoding="utf-8")
    docs = documents(wcxb)
    attach_junk_kinds(docs, wcxb_dir=wcxb, cache_dir=cache)
    assert "related" in docs[0].junk_kinds  # the damaged file was derived again
    first = json.loads(manifest_path(path).read_text(encoding="utf-8"))
    monkeypatch.setattr("train.data.junk_kinds.derivation_digest", lambda: "other code")
    assert build_cache(wcxb_dir=wcxb, cache_dir=cache, processes=1, progress=False)["derivation"] == "other code"
    assert first["derivation"] != "other code"


def test_kinds_for_other_lines_are_refused(tmp_path: Path) -> None:
    wcxb, cache = fake_wcxb(tmp_path / "wcxb"), tmp_path / "cache"
    docs = documents(wcxb)
    docs[0] = replace(docs[0], lines=docs[0].lines[1:], labels=docs[0].labels[1:])
    with pytest.raises(ValueError, match="junk kinds; rebuild"):
        attach_junk_kinds(docs, wcxb_dir=wcxb, cache_dir=cache)


def test_a_document_keeps_its_junk_kinds_line_for_line() -> None:
    with pytest.raises(ValueError, match="3 lines but 2 junk kinds"):
        LabelledDocument(["a", "b", "c"], [0, 1, 0], junk_kinds=["navigation", None])
    lines = [f"line {i}" for i in range(12)]
    doc = LabelledDocument(lines, [JUNK] * 12, junk_kinds=["related" if i % 2 else None for i in range(12)])
    (copy, *_), _ = cropped_copies([doc], 1, 0.5)
    assert copy.junk_kinds == [doc.junk_kinds[lines.index(line)] for line in copy.lines]


@pytest.mark.skipif(not (WCXB_DIR / "dev.jsonl").is_file(), reason="needs ../shared/corpora/wcxb")
def test_shared_article_pages_get_kinds_on_junk_lines_only() -> None:
    found = []
    with open(WCXB_DIR / "dev.jsonl", encoding="utf-8") as stream:
        for _, row in zip(range(30), stream):
            record = json.loads(row)
            html = gzip.decompress((WCXB_DIR / "dev" / "html" / f"{record['id'].split('/')[-1]}.html.gz")
                                   .read_bytes()).decode("utf-8", errors="replace")
            kinds = line_kinds(html, record["lines"], record["labels"])
            assert all(kind is None for kind, label in zip(kinds, record["labels"]) if label != JUNK)
            found.extend(kind for kind in kinds if kind is not None)
    assert set(found) == set(KINDS)
    assert np.mean([kind == "navigation" for kind in found]) > 0.5  # menus and footers are most junk lines
