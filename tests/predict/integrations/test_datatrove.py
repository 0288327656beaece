"""The datatrove step (``predict/integrations/datatrove.py``): a real pipeline, WET in, JSON Lines out.

Each pipeline is that of ``docs/corpora.md``, run by datatrove's ``LocalPipelineExecutor``:
datatrove's own ``WarcReader``, :class:`JunkLineFilter`, datatrove's
``JsonlWriter``. What it keeps is checked against ``python -m predict`` on the
same WET file and against the Python API (``JunkFilter.predict``). The WET
files are written here with warcio, the library datatrove's reader uses,
with Common Crawl's headers; the test's own records also carry
``WARC-Identified-Payload-Type: text/plain``: without it (Common Crawl's WET
records have none) datatrove's reader asks libmagic whether a record is
text, and libmagic takes some real pages for code (10 of the 1,000 below)
and datatrove skips them, while the command line cleans every conversion record.

Needs the ``datatrove`` extra (skipped without it); comparing with the
command line needs FastWARC (the ``warc`` extra); the real pages, ``../shared``.
"""
from __future__ import annotations

import gzip
import io
import json
import uuid
from pathlib import Path

import pytest

pytest.importorskip("datatrove")
pytest.importorskip("warcio")

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import WarcReader
from datatrove.pipeline.writers import JsonlWriter
from warcio.archiveiterator import ArchiveIterator
from warcio.warcwriter import WARCWriter

from predict.corpus.stream import BATCH_DOCS
from predict.integrations.datatrove import JunkLineFilter
from predict.model import JunkFilter, ModelError, load_model
from train.data.sources import read_jsonl, shared_dir

REPO = Path(__file__).resolve().parents[3]
EXAMPLE_WET = REPO / "examples" / "wet" / "crawl.warc.wet.gz"
EXAMPLE_PAGES = [REPO / "datasets" / "pairs" / "valleycourier-bridge-reopening.raw.txt",
                 *sorted((REPO / "examples" / "pinecrest" / "pages").glob("*.txt"))]
try:
    import fastwarc.warc  # noqa: F401
except ImportError:
    HAVE_FASTWARC = False
else:
    HAVE_FASTWARC = True
needs_fastwarc = pytest.mark.skipif(not HAVE_FASTWARC, reason="the command line reads WET with fastwarc: "
                                                              "pip install -e '.[warc]'")
needs_shared = pytest.mark.skipif(shared_dir() is None, reason="needs the shared corpora in ../shared")
ALL_JUNK = "Trending now\nShare on Facebook\nSubscribe to our newsletter\nAdvertisement\n"


def record_id(number: int) -> str:
    return f"<urn:uuid:{uuid.UUID(int=number)}>"


def write_wet(path: Path, texts: list[str], urls: list[str] | None = None, payload_type: bool = True) -> Path:
    """A gzipped WET file as Common Crawl writes one: a warcinfo record, then a conversion record per text.

    Record ``k + 1`` (a ``WARC-Record-ID`` of ``record_id(k + 1)``) holds text ``k``. ``payload_type``:
    each record says it is ``text/plain``, so datatrove's reader does not ask libmagic.
    """
    urls = urls or [f"https://millbrook.example/story/{k}" for k in range(1, len(texts) + 1)]
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warc_record(
            "", "warcinfo", payload=io.BytesIO(b"software: junkfilter's tests\r\n"),
            warc_content_type="application/warc-fields",
            warc_headers_dict={"WARC-Record-ID": record_id(0), "WARC-Date": "2026-03-01T08:00:00Z"}))
        for number, (text, url) in enumerate(zip(texts, urls), start=1):
            headers = {"WARC-Record-ID": record_id(number), "WARC-Refers-To": record_id(100_000 + number),
                       "WARC-Date": "2026-03-01T08:00:00Z", "WARC-Identified-Content-Language": "eng"}
            if payload_type:
                headers["WARC-Identified-Payload-Type"] = "text/plain"
            writer.write_record(writer.create_warc_record(
                url, "conversion", payload=io.BytesIO(text.encode("utf-8")), warc_content_type="text/plain",
                warc_headers_dict=headers))
    return path


def run_pipeline(crawl: Path, out: Path, **options) -> tuple[list[dict], dict, list[dict]]:
    """The documented pipeline over the WET files below ``crawl``: the records written, the step's stats, the excluded."""
    excluded = out.parent / f"{out.name}-excluded"
    step = JunkLineFilter(exclusion_writer=JsonlWriter(str(excluded)), **options)
    stats = LocalPipelineExecutor([WarcReader(str(crawl)), step, JsonlWriter(str(out))],
                                  logging_dir=str(out.parent / f"{out.name}-logs")).run()
    return read_output(out), stats.stats[1].to_dict()["stats"], read_output(excluded)


def read_output(folder: Path) -> list[dict]:
    return [json.loads(line) for path in sorted(folder.glob("*.jsonl.gz"))
            for line in gzip.open(path, "rt", encoding="utf-8")]


def total(stats: dict, name: str) -> int:
    value = stats.get(name, 0)
    return value["total"] if isinstance(value, dict) else value


def api_kept(model: JunkFilter, texts: list[str]) -> list[list[str]]:
    """The kept lines of each text through the Python API: ``predict`` on documents of lines, a batch at a time."""
    documents = [text.split("\n") for text in texts]
    kept = []
    for start in range(0, len(documents), BATCH_DOCS):
        batch = documents[start : start + BATCH_DOCS]
        kept += [[line for line, keep in zip(lines, mask) if keep] for lines, mask in zip(batch, model.predict(batch))]
    return kept


def cli_records(invoke, wet: Path, model: Path | None) -> list[dict]:
    """``python -m predict WET`` (in this process): one JSON record per conversion record."""
    done = invoke(str(wet), model=model)
    assert done.code == 0, done.err
    return [json.loads(line) for line in done.out.decode("utf-8").splitlines()]


def kept_by_id(records: list[dict], id_field: str) -> dict[str, list[str]]:
    return {record[id_field]: record["text"].split("\n") for record in records if record["text"].strip()}


# --- our own pages, the test model ---------------------------------------------


def test_a_pipeline_keeps_each_records_content_and_records_what_it_removed(pages, model_path, tmp_path) -> None:
    texts = [page.text for page in pages] + [ALL_JUNK]
    records, stats, excluded = run_pipeline(write_wet(tmp_path / "crawl" / "a.warc.wet.gz", texts),
                                            tmp_path / "clean", model=str(model_path))

    assert [record["id"] for record in records] == [record_id(k) for k in range(1, len(pages) + 1)]
    assert [record["text"] for record in records] == [page.kept_text.rstrip("\n") for page in pages]
    assert [record["text"].split("\n") for record in records] == api_kept(load_model(model_path), texts[:-1])
    for record, page in zip(records, pages):
        junk = [line for line in page.lines if line not in page.content]
        assert record["metadata"]["junkfilter_removed"] == junk
        assert record["metadata"]["junkfilter_lines_kept"] == len(page.content)
        assert record["metadata"]["junkfilter_lines_removed"] == len(junk)
        assert record["metadata"]["url"].startswith("https://millbrook.example/story/")
    # the all-junk page: dropped, counted under its reason, handed to the exclusion writer as it came
    assert [(record["id"], record["text"]) for record in excluded] == [(record_id(len(texts)), ALL_JUNK)]
    assert excluded[0]["metadata"]["filter_reason"] == "no_content"
    assert excluded[0]["metadata"]["junkfilter_lines_kept"] == 0
    assert (total(stats, "total"), total(stats, "forwarded"), total(stats, "dropped")) == (len(texts), len(pages), 1)
    assert total(stats, "dropped_no_content") == 1
    assert total(stats, "lines_kept") == sum(len(page.content) for page in pages)
    assert total(stats, "lines_removed") == sum(len(page.lines) - len(page.content) for page in pages) + 4


def test_documents_are_scored_in_batches_not_one_at_a_time(pages, model_path, model_calls) -> None:
    documents = [Document(text=pages[k % len(pages)].text, id=str(k)) for k in range(5)]
    kept = list(JunkLineFilter(model=model_path)(iter(documents)))
    assert len(kept) == 5 and model_calls[-1:] == [5]
    model_calls.clear()
    list(JunkLineFilter(model=model_path, batch_size=2)(iter(documents)))
    assert model_calls == [2, 2, 1]


def test_removed_key_none_keeps_the_counts_and_not_the_lines(page, model_path) -> None:
    [doc] = JunkLineFilter(model=model_path, removed_key=None)(iter([Document(text=page.text, id="1")]))
    assert "junkfilter_removed" not in doc.metadata
    assert doc.metadata["junkfilter_lines_removed"] == len(page.lines) - len(page.content)


def test_a_document_the_model_cannot_score_is_dropped_and_counted(pages, model_path, monkeypatch) -> None:
    score_documents = JunkFilter.score_documents

    def failing(self, documents):
        if any("POISON" in line for lines in documents for line in lines):
            raise ValueError("cannot score this")
        return score_documents(self, documents)

    monkeypatch.setattr(JunkFilter, "score_documents", failing)
    step = JunkLineFilter(model=model_path)
    documents = [Document(text=pages[0].text, id="a"), Document(text="POISON\n" + pages[1].text, id="b")]
    assert [doc.id for doc in step(iter(documents))] == ["a"]
    assert total(step.stats.to_dict()["stats"], "dropped_unscorable") == 1


def test_a_model_that_cannot_load_fails_when_the_step_is_made(tmp_path) -> None:
    with pytest.raises(ModelError, match="not found"):
        JunkLineFilter(model=tmp_path / "missing.joblib")


@needs_fastwarc
def test_the_pipeline_keeps_what_the_command_line_keeps(invoke, pages, model_path, tmp_path) -> None:
    texts = [page.text for page in pages] * 3 + [ALL_JUNK]
    wet = write_wet(tmp_path / "crawl" / "a.warc.wet.gz", texts)
    records, _, _ = run_pipeline(wet.parent, tmp_path / "clean", model=str(model_path))
    cli = cli_records(invoke, wet, model_path)
    assert kept_by_id(records, "id") == kept_by_id(cli, "WARC-Record-ID")
    assert len(records) == len(texts) - 1


def test_the_example_wet_file_holds_the_example_pages() -> None:
    """``examples/wet/crawl.warc.wet.gz`` (the datatrove example of ``docs/corpora.md`` reads it) was written by
    ``write_wet(EXAMPLE_WET, texts, urls, payload_type=False)``: Common Crawl's headers exactly."""
    with open(EXAMPLE_WET, "rb") as handle:
        records = [(r.rec_headers.get_header("WARC-Target-URI"), r.content_stream().read().decode("utf-8"))
                   for r in ArchiveIterator(handle) if r.rec_type == "conversion"]
    assert records == list(zip(example_urls(), [page.read_text(encoding="utf-8") for page in EXAMPLE_PAGES]))


def example_urls() -> list[str]:
    return ["https://valleycourier.example/news/bridge-reopening",
            *(f"https://pinecrestledger.example/{page.stem}" for page in EXAMPLE_PAGES[1:])]


# --- real pages, the packaged model ----------------------------------------------


def real_texts(count: int) -> list[str]:
    """``count`` distinct real pages: realpages, then snippet pages (many languages), then WCXB's."""
    texts: list[str] = []
    for name in ("realpages", "snippets", "wcxb"):
        texts += ["\n".join(doc.lines) for doc in read_jsonl(shared_dir() / "corpora" / name / "dev.jsonl")]
        if len(texts) >= count:
            return texts[:count]
    raise AssertionError(f"the shared corpora hold fewer than {count} pages")


@needs_shared
@needs_fastwarc
def test_a_wet_file_of_1000_real_pages_keeps_the_same_lines_through_the_pipeline_the_command_line_and_the_api(
        invoke, tmp_path) -> None:
    """Issue 30's check: 1,000 distinct real pages (240,336 lines), each cleaned three ways (about 30 s)."""
    texts = real_texts(1000)
    wet = write_wet(tmp_path / "crawl" / "real.warc.wet.gz", texts)
    records, stats, excluded = run_pipeline(wet.parent, tmp_path / "clean")
    cli = kept_by_id(cli_records(invoke, wet, None), "WARC-Record-ID")
    api = {record_id(k): lines for k, lines in enumerate(api_kept(load_model(), texts), start=1)
           if "\n".join(lines).strip()}
    pipeline = kept_by_id(records, "id")
    assert len(pipeline) + len(excluded) == len(texts)
    assert pipeline == cli
    assert pipeline == api
    assert total(stats, "lines_kept") + total(stats, "lines_removed") == sum(len(text.split("\n")) for text in texts)
