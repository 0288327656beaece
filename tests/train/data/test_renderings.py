"""Renderings of a page, their line labels and their cache (every sentence and page here written for these tests)."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from train.data import renderers, renderings
from train.data.renderers import HTML2TEXT_COLUMNS, render
from train.data.renderings import build_cache, cache_path, label_lines, read_rendered, strip_markdown
from train.data.sources import WCXB_DIR
from train.evaluate.ceilings import ceilings

TITLE = "Lighthouse keepers return to the northern cape"
BODY_1 = "The coastal trust has hired two keepers to live at the northern cape lighthouse again."
BODY_2 = "They will guide visitors up the spiral stair on weekends from April to September."
GOLD = f"{BODY_1}\n\nOpening hours\n\n{BODY_2}"
PAGE = f"""<html><head><title>{TITLE} | Cape Weekly</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article><h1>{TITLE}</h1>
<p>{BODY_1.replace("northern cape", '<a href="/cape">northern cape</a>')}</p>
<h2>Opening hours</h2><p>{BODY_2}</p></article>
<footer><p>Subscribe to our newsletter for weekly stories from the coast.</p></footer>
</body></html>"""


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("## Opening **hours**", "Opening hours"),
        ("  * [Home](https://example.org/a_(b))", "Home"),
        ("[![Cape logo](logo.png)](/)", "Cape logo"),
        ("#### **1\\. First _step_**", "First step"),
        ("> quoted snake_case text", "quoted snake_case text"),
        ("| Day | Hours |", "Day Hours"),
        ("```python", ""),
        ("3.5 metres of stair", "3.5 metres of stair"),
    ],
)
def test_strip_markdown_keeps_the_words_a_reader_sees(line: str, text: str) -> None:
    assert strip_markdown(line) == text


def test_long_lines_are_content_by_three_gram_overlap() -> None:
    edited = BODY_1.replace("two keepers", "a pair of keepers")
    unrelated = "Readers also liked these twelve photographs of storms over the harbour wall last night."
    assert label_lines([edited, unrelated], GOLD)[0] == [1, 0]


def test_short_lines_need_their_whole_text_and_gold_order() -> None:
    lines = ["Opening hours", BODY_1, "Opening hours", BODY_2, "Opening hours", "Home"]
    labels, kinds = label_lines(lines, GOLD)
    # the gold holds "Opening hours" once, between the two paragraphs
    assert labels == [0, 1, 1, 1, 0, 0]
    assert kinds == ["junk", "body", "body", "body", "junk", "junk"]


def test_short_lines_beyond_the_gold_order_still_get_unused_copies() -> None:
    gold = "Two keepers\n\nThe trust said the two keepers would start in the spring after training on the mainland."
    lines = ["The trust said the two keepers would start in the spring after training on the mainland.", "Two keepers"]
    assert label_lines(lines, gold)[0] == [1, 1]


def test_a_line_equal_to_the_title_is_a_title_and_content() -> None:
    labels, kinds = label_lines([f"# {TITLE}", BODY_1, "Cape Weekly"], GOLD, title=TITLE)
    assert labels == [1, 1, 0]
    assert kinds == ["title", "body", "junk"]


def test_markdown_marks_do_not_decide_a_line() -> None:
    lines = [f"* {BODY_2}", "* [News](/news)", f"**{BODY_1}**"]
    assert label_lines(lines, GOLD)[0] == [1, 0, 1]


def test_html_text_renders_one_block_per_line() -> None:
    pytest.importorskip("html_text")
    lines = render(PAGE, "html-text")
    assert lines[0] == f"{TITLE} | Cape Weekly"
    assert BODY_1 in lines and BODY_2 in lines and "Home" in lines


@pytest.mark.parametrize("rendering", ["markdownify", "inscriptis", "html2text"])
def test_renderings_keep_lines_as_the_tool_writes_them(rendering: str) -> None:
    pytest.importorskip(rendering)
    lines = render(PAGE, rendering)
    assert all(line.strip() for line in lines)
    labels, kinds = label_lines(lines, GOLD, title=TITLE)
    kept = " ".join(strip_markdown(line) for line, label in zip(lines, labels) if label)
    assert BODY_2 in kept and "Subscribe" not in kept and "newsletter" not in kept
    if rendering != "inscriptis":  # the markdown converters mark the heading
        assert f"# {TITLE}" in lines and "## Opening hours" in lines


def test_html2text_wrapped_breaks_paragraphs_as_its_command_line_does() -> None:
    pytest.importorskip("html2text")
    lines = render(PAGE, "html2text-wrapped")
    assert "September." in lines and "lighthouse again." in lines  # each body paragraph over two lines
    assert max(map(len, lines)) <= HTML2TEXT_COLUMNS
    assert render(PAGE, "html2text")[-2:] == [BODY_2, "Subscribe to our newsletter for weekly stories from the coast."]


def test_trafilatura_renders_the_main_text_it_extracts() -> None:
    pytest.importorskip("trafilatura")
    lines = render(PAGE, "trafilatura")
    assert BODY_1 in lines and BODY_2 in lines and "Home" not in lines
    assert label_lines(lines, GOLD, title=TITLE)[0] == [1] * len(lines)


def write_corpus(folder: Path) -> Path:
    pages = [
        {"id": "wcxb/0001", "domain": "cape.example", "page_type": "article", "title": TITLE, "gold": GOLD},
        {"id": "wcxb/0002", "domain": "other.example", "page_type": "listing", "title": "Empty", "gold": ""},
    ]
    (folder / "dev" / "html").mkdir(parents=True)
    with open(folder / "dev.jsonl", "w", encoding="utf-8") as out:
        for page in pages:
            out.write(json.dumps({**page, "lines": ["x"], "labels": [0], "kinds": ["junk"]}) + "\n")
    (folder / "dev" / "html" / "0001.html.gz").write_bytes(gzip.compress(PAGE.encode("utf-8")))
    (folder / "dev" / "html" / "0002.html.gz").write_bytes(gzip.compress(b"<p>Nothing here but a menu</p>"))
    return folder


def test_build_cache_writes_records_and_skips_crashing_pages(tmp_path: Path, monkeypatch) -> None:
    pytest.importorskip("html_text")
    corpus = write_corpus(tmp_path / "wcxb")

    def fragile(html: str) -> str:
        if "menu" in html:
            raise RecursionError("too deep")
        return renderers._html_text(html)

    monkeypatch.setitem(renderers.RENDERERS, "html-text", fragile)
    monkeypatch.setattr(renderings, "MIN_RENDERED", 0.5)  # one page of two may fail here
    stats = build_cache(["html-text"], wcxb_dir=corpus, cache_dir=tmp_path / "cache", processes=1, progress=False)
    assert stats["html-text"].rendered == 1 and stats["html-text"].failed == ["wcxb/0002"]
    records = read_rendered("html-text", tmp_path / "cache")
    assert [r["id"] for r in records] == ["wcxb/0001"]
    assert set(records[0]) >= {"id", "domain", "page_type", "lines", "labels", "kinds", "gold"}
    assert records[0]["kinds"][records[0]["lines"].index(TITLE)] == "title"
    figures = ceilings(records)
    assert figures["ceiling_articles"] > figures["keep_all_articles"]
    manifest = json.loads(cache_path("html-text", tmp_path / "cache").with_suffix(".stats.json").read_text())
    assert manifest["records"] == 1 and manifest["failed"] == ["wcxb/0002"] and manifest["tool"].startswith("html-text ")
    # a second call finds the cache and renders nothing
    assert build_cache(["html-text"], wcxb_dir=corpus, cache_dir=tmp_path / "cache", progress=False) == {}


def test_a_failing_tool_stops_the_build_and_caches_nothing(tmp_path: Path, monkeypatch) -> None:
    """Issue 33: a renderer that could not run once left an empty cache that training then used."""
    import time

    corpus = write_corpus(tmp_path / "wcxb")
    monkeypatch.setitem(renderers.RENDERERS, "html-text", lambda html: time.sleep(5) or html)
    monkeypatch.setitem(renderers.TOOLS, "html-text", ("json", "html-text", "render"))  # a stand-in tool
    with pytest.raises(ValueError, match="html-text rendered 0 of 2 pages: its tool is failing"):
        build_cache(["html-text"], wcxb_dir=corpus, cache_dir=tmp_path / "cache", processes=1, timeout=0.2,
                    progress=False)
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").iterdir())
    with pytest.raises(FileNotFoundError, match="not built"):
        read_rendered("html-text", tmp_path / "cache")


def test_a_missing_tool_is_named_with_its_install_command_before_any_work(tmp_path: Path, monkeypatch) -> None:
    from train.extras import MissingExtra

    monkeypatch.setitem(renderers.TOOLS, "markdownify", ("no_such_markdown_module", "markdownify", "render"))
    with pytest.raises(MissingExtra, match=r"markdownify rendering needs no_such_markdown_module.*"
                                           r"pip install -e \"\.\[render\]\""):
        build_cache(["markdownify"], wcxb_dir=tmp_path / "nowhere", cache_dir=tmp_path / "cache", progress=False)
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize("damage", ["empty", "edited", "no manifest"])
def test_a_damaged_cache_is_never_read_and_is_rebuilt(tmp_path: Path, monkeypatch, damage: str) -> None:
    corpus = write_corpus(tmp_path / "wcxb")
    monkeypatch.setitem(renderers.RENDERERS, "html-text", lambda html: "Some line of the page\nAnother line")
    monkeypatch.setitem(renderers.TOOLS, "html-text", ("json", "html-text", "render"))  # a stand-in tool
    build_cache(["html-text"], wcxb_dir=corpus, cache_dir=tmp_path / "cache", processes=1, progress=False)
    path = cache_path("html-text", tmp_path / "cache")
    if damage == "empty":
        path.write_text("")
    elif damage == "edited":
        path.write_text(path.read_text().replace("Another", "Other"))
    else:
        path.with_suffix(".stats.json").unlink()
    with pytest.raises(FileNotFoundError, match="--rebuild html-text"):
        read_rendered("html-text", tmp_path / "cache")
    assert set(build_cache(["html-text"], wcxb_dir=corpus, cache_dir=tmp_path / "cache", processes=1,
                           progress=False)) == {"html-text"}
    assert [r["id"] for r in read_rendered("html-text", tmp_path / "cache")] == ["wcxb/0001", "wcxb/0002"]


def test_the_cache_follows_xdg_cache_home(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("JUNKFILTER_RENDERINGS", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_path("markdownify") == tmp_path / "junkfilter" / "renderings" / "markdownify.jsonl"
    monkeypatch.setenv("JUNKFILTER_RENDERINGS", str(tmp_path / "elsewhere"))
    assert cache_path("markdownify") == tmp_path / "elsewhere" / "markdownify.jsonl"


@pytest.mark.skipif(not (WCXB_DIR / "dev.jsonl").is_file(), reason="needs ../shared/corpora/wcxb")
def test_labels_agree_with_the_shared_html_text_labels() -> None:
    agree = total = 0
    with open(WCXB_DIR / "dev.jsonl", encoding="utf-8") as stream:
        for _, row in zip(range(40), stream):
            record = json.loads(row)
            labels, _ = label_lines(record["lines"], record["gold"], record["title"])
            agree += sum(a == b for a, b in zip(labels, record["labels"]))
            total += len(labels)
    assert agree / total > 0.97
