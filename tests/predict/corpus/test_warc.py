"""WARC and WET input (``predict/corpus/warc.py``): one JSONL record per WARC record, faults named by record.

The WET files are written here by hand (WARC is a simple text format: a
header block, the payload, two line breaks; Common Crawl gzips each record as
its own member) from the test pages, so every byte of a truncation or a
corruption is placed on purpose. Tests that read WARC need FastWARC (the
``warc`` extra) and skip without it; rendering HTML needs html-text.
"""
from __future__ import annotations

import bz2
import gzip
import io
import json
import re
import sys
import uuid
import zlib
from pathlib import Path

import pytest

from predict.corpus.inputs import (
    InputError,
    content_format,
    expand_inputs,
    named_format,
)
from predict.corpus.warc import WarcReader

try:
    import fastwarc.warc  # noqa: F401
except ImportError:
    HAVE_FASTWARC = False
else:
    HAVE_FASTWARC = True

needs_fastwarc = pytest.mark.skipif(not HAVE_FASTWARC, reason="reading WARC needs fastwarc: pip install -e '.[warc]'")
LEFT = "only the records before it could be read"


def warc_record(kind: str, body: bytes, headers: dict[str, str] | None = None) -> bytes:
    """One WARC/1.0 record: its header block (Content-Length last), the block, and the two closing line breaks."""
    lines = ["WARC/1.0", f"WARC-Type: {kind}", *(f"{name}: {value}" for name, value in (headers or {}).items()),
             f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + body + b"\r\n\r\n"


def record_id(number: int) -> str:
    return f"<urn:uuid:{uuid.UUID(int=number)}>"


def conversion(number: int, text: str, language: str | None = "eng") -> bytes:
    """A WET conversion record of page ``number``, as Common Crawl writes one."""
    headers = {
        "WARC-Target-URI": f"https://millbrook.example/story/{number}",
        "WARC-Date": f"2026-03-{number % 28 + 1:02}T08:00:00Z",
        "WARC-Record-ID": record_id(number),
        "WARC-Refers-To": record_id(1000 + number),
        "Content-Type": "text/plain",
    }
    if language is not None:
        headers["WARC-Identified-Content-Language"] = language
    return warc_record("conversion", text.encode("utf-8"), headers)


WARCINFO = warc_record("warcinfo", b"software: a test of junkfilter\r\nformat: WARC File Format 1.0\r\n",
                       {"WARC-Record-ID": record_id(0), "Content-Type": "application/warc-fields"})


def member(data: bytes) -> bytes:
    """``data`` as one gzip member."""
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)
    return packer.compress(data) + packer.flush()


def write_wet(path: Path, records: list[bytes]) -> Path:
    """A WET file: each record a gzip member when the name ends in .gz, else plain."""
    path.write_bytes(b"".join(member(r) if path.suffix == ".gz" else r for r in records))
    return path


def wet_records(pages) -> list[bytes]:
    """A warcinfo record, then one conversion record per page (record ``k + 2`` holds page ``k``)."""
    return [WARCINFO, *(conversion(k + 1, page.text) for k, page in enumerate(pages))]


def parse(output: str) -> list[dict]:
    return [json.loads(row) for row in output.splitlines()]


def text_mode(run, page_text: str, path: Path) -> list[str]:
    """What ``python -m predict`` keeps of the page as a text file."""
    path.write_text(page_text, encoding="utf-8")
    result = run(str(path))
    assert result.code == 0
    return result.out.splitlines()


# --- which files are WARC ---------------------------------------------------------


@pytest.mark.parametrize("name, input_format", [
    ("CC-MAIN-20260101-00000.warc.wet.gz", "warc"), ("crawl.warc.wet", "warc"), ("crawl.warc.gz", "warc"),
    ("CRAWL.WARC", "warc"), ("crawl.warc.bz2", "warc"), ("notes.warc.txt", "text"), ("crawl.wet.gz", None),
])
def test_a_warc_files_name_says_so(name: str, input_format: str | None) -> None:
    assert named_format(name) == input_format


def test_a_file_named_otherwise_is_warc_when_its_decompressed_content_starts_as_warc(pages, tmp_path) -> None:
    segment = write_wet(tmp_path / "segment.wet.gz", wet_records(pages))
    plain = write_wet(tmp_path / "segment-plain", wet_records(pages))
    (tmp_path / "page.html").write_text(pages[0].text, encoding="utf-8")
    (tmp_path / "named.txt").write_bytes(plain.read_bytes())  # its name says text: read as text
    assert [content_format(str(path)) for path in (segment, plain, tmp_path / "page.html")] == ["warc", "warc", "text"]
    sources, problems = expand_inputs([str(segment), str(tmp_path / "named.txt")], None)
    assert problems == []
    assert [s.input_format for s in sources] == ["warc", "text"]


def test_a_folder_reads_its_warc_files(pages, tmp_path) -> None:
    for name in ["a.warc.wet.gz", "b/c.warc", "d.warc.gz"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        write_wet(tmp_path / name, wet_records(pages))
    sources, problems = expand_inputs([str(tmp_path)], None)
    assert problems == []
    assert [(s.relative.as_posix(), s.input_format) for s in sources] == [
        ("a.warc.wet.gz", "warc"), ("b/c.warc", "warc"), ("d.warc.gz", "warc")]


# --- what comes out -----------------------------------------------------------------


@needs_fastwarc
def test_each_record_keeps_what_the_text_mode_keeps_of_its_page(run, pages, accented_page, tmp_path) -> None:
    every = [*pages, accented_page]
    wet = write_wet(tmp_path / "crawl.warc.wet.gz", wet_records(every))
    result = run(str(wet))
    assert (result.code, result.err) == (0, "")
    records = parse(result.out)
    assert [list(record) for record in records] == [
        ["WARC-Record-ID", "WARC-Target-URI", "WARC-Date", "WARC-Identified-Content-Language", "text"]] * len(every)
    assert [r["WARC-Record-ID"] for r in records] == [record_id(k + 1) for k in range(len(every))]
    assert records[0]["WARC-Target-URI"] == "https://millbrook.example/story/1"
    assert records[0]["WARC-Date"] == "2026-03-02T08:00:00Z"
    for k, (record, page) in enumerate(zip(records, every)):
        kept = text_mode(run, page.text, tmp_path / f"page-{k}.txt")
        assert record["text"].splitlines() == kept
        assert kept == page.content  # the test model keeps each page's content, and only it


@needs_fastwarc
def test_plain_gzip_bzip2_stdin_and_unnamed_wet_files_give_the_same_records(run, pages, tmp_path) -> None:
    records = wet_records(pages)
    plain = write_wet(tmp_path / "crawl.warc.wet", records)
    expected = run(str(plain))
    assert (expected.code, expected.err) == (0, "")
    assert len(parse(expected.out)) == len(pages)
    packed = write_wet(tmp_path / "crawl.warc.wet.gz", records)
    (tmp_path / "crawl.warc.bz2").write_bytes(bz2.compress(plain.read_bytes()))
    (tmp_path / "part-00001").write_bytes(packed.read_bytes())
    for args, stdin in [([str(packed)], b""), ([str(tmp_path / "crawl.warc.bz2")], b""),
                        ([str(tmp_path / "part-00001")], b""), (["-i", "warc", "-"], packed.read_bytes()),
                        (["-i", "warc"], plain.read_bytes())]:
        result = run(*args, stdin=stdin)
        assert (result.code, result.err, result.out) == (0, "", expected.out), args


@needs_fastwarc
def test_the_language_is_carried_where_the_header_has_it(run, pages, tmp_path) -> None:
    wet = write_wet(tmp_path / "crawl.warc.wet",
                    [conversion(1, pages[0].text, "fra,eng"), conversion(2, pages[1].text, None)])
    first, second = parse(run(str(wet)).out)
    assert first["WARC-Identified-Content-Language"] == "fra,eng"
    assert "WARC-Identified-Content-Language" not in second


@needs_fastwarc
def test_text_field_names_the_output_field_and_removed_field_keeps_the_rest(run, page, tmp_path) -> None:
    wet = write_wet(tmp_path / "crawl.warc.wet.gz", [conversion(1, page.text)])
    result = run("--text-field", "body", "--removed-field", "junk", str(wet))
    assert (result.code, result.err) == (0, "")
    [record] = parse(result.out)
    assert list(record)[-2:] == ["body", "junk"]
    assert record["body"] == "\n".join(page.content)
    assert record["junk"] == [line for line in page.lines if line not in page.content]


@needs_fastwarc
@pytest.mark.parametrize("option", ["--text-field", "--removed-field"])
def test_a_warc_header_for_a_field_name_is_a_usage_error(run, page, tmp_path, option) -> None:
    wet = write_wet(tmp_path / "crawl.warc.wet", [conversion(1, page.text)])
    result = run(option, "WARC-Date", str(wet))
    assert (result.code, result.out) == (2, "")
    assert result.err == ("predict: error: --" + option[2:] + " WARC-Date is a WARC header that WARC input writes; "
                          "choose another name (see --help)\n")


@needs_fastwarc
def test_messages_name_a_record_by_its_id_or_url(run, page, tmp_path) -> None:
    wet = write_wet(tmp_path / "crawl.warc.wet.gz", [WARCINFO, conversion(1, page.text)])
    warning = f"{sum(len(line) > 90 for line in page.lines)} line(s) longer than 90 characters were scored on " \
        "their beginning only"
    by_id = run("--max-line-chars", "90", str(wet))
    assert by_id.err == f'predict: warning: {wet}: record 2 (WARC-Record-ID "{record_id(1)}"): {warning}' \
        " (see --max-line-chars); they are output whole\n"
    by_url = run("--max-line-chars", "90", "--id-field", "WARC-Target-URI", str(wet))
    assert f'{wet}: record 2 (WARC-Target-URI "https://millbrook.example/story/1"): {warning}' in by_url.err
    other = run("--id-field", "id", str(wet))
    assert other.code == 2
    assert other.err == "predict: error: --id-field id is not a header WARC input writes; pass WARC-Record-ID or " \
        "WARC-Target-URI (see --help)\n"


def crawl_records(pages) -> list[bytes]:
    """A crawl's WARC: per page a request, an HTML response and a metadata record; one image response."""
    records = [WARCINFO]
    for k, page in enumerate(pages, start=1):
        html = "<html><body>" + "".join(f"<p>{line}</p>" for line in page.lines) + "</body></html>"
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html.encode("utf-8")
        uri = {"WARC-Target-URI": f"https://millbrook.example/story/{k}", "WARC-Date": "2026-03-01T08:00:00Z"}
        records += [
            warc_record("request", b"GET /story HTTP/1.1\r\nHost: millbrook.example\r\n\r\n",
                        {**uri, "WARC-Record-ID": record_id(100 + k),
                         "Content-Type": "application/http; msgtype=request"}),
            warc_record("response", http,
                        {**uri, "WARC-Record-ID": record_id(k), "Content-Type": "application/http; msgtype=response"}),
            warc_record("metadata", b"fetchTimeMs: 120\r\n",
                        {**uri, "WARC-Record-ID": record_id(200 + k), "Content-Type": "application/warc-fields"}),
        ]
    image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n" + bytes(range(256))
    records.append(warc_record("response", image, {"WARC-Target-URI": "https://millbrook.example/logo.png",
                                                   "WARC-Record-ID": record_id(300),
                                                   "Content-Type": "application/http; msgtype=response"}))
    return records


@needs_fastwarc
def test_html_responses_of_a_warc_are_skipped_with_a_count_and_other_records_silently(run, pages, tmp_path) -> None:
    crawl = write_wet(tmp_path / "crawl.warc.gz", crawl_records(pages))
    result = run(str(crawl))
    assert (result.code, result.out) == (0, "")
    assert result.err == (f"predict: note: {crawl}: skipped 3 HTML response record(s); pass --render-html to render "
                          "them to text with html-text and clean them\n")


@needs_fastwarc
def test_render_html_cleans_what_html_text_renders_of_each_page(run, pages, tmp_path) -> None:
    html_text = pytest.importorskip("html_text")
    crawl = write_wet(tmp_path / "crawl.warc.gz", crawl_records(pages))
    result = run("--render-html", str(crawl))
    assert (result.code, result.err) == (0, "")
    records = parse(result.out)
    assert [r["WARC-Record-ID"] for r in records] == [record_id(k) for k in (1, 2, 3)]  # the image is not a page
    for k, (record, page) in enumerate(zip(records, pages)):
        rendered = html_text.extract_text("<html><body>" + "".join(f"<p>{line}</p>" for line in page.lines)
                                          + "</body></html>")
        assert record["text"].splitlines() == text_mode(run, rendered, tmp_path / f"rendered-{k}.txt")
        assert [line for line in record["text"].splitlines() if line] == page.content  # html-text: paragraphs apart


def test_render_html_applies_to_warc_input_only(run, page) -> None:
    result = run("--render-html", stdin=page.text.encode("utf-8"))
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("predict: error: --render-html applies to WARC input") and result.err.count("\n") == 1


def test_without_fastwarc_a_warc_run_is_one_usage_error_naming_the_install(run, page, tmp_path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "fastwarc", None)  # as if not installed
    monkeypatch.setitem(sys.modules, "fastwarc.warc", None)
    wet = write_wet(tmp_path / "crawl.warc.wet.gz", [conversion(1, page.text)])
    result = run(str(wet), str(wet.with_name("other.warc")))
    assert (result.code, result.out) == (2, "")
    assert result.err == ("predict: error: reading WARC needs the fastwarc module: run 'pip install -e \".[warc]\"' "
                          "(or 'pip install fastwarc') (see --help)\n")


@needs_fastwarc
def test_render_html_without_html_text_is_one_usage_error_naming_the_install(run, page, tmp_path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "html_text", None)  # as if not installed
    wet = write_wet(tmp_path / "crawl.warc.gz", crawl_records([page]))
    result = run("--render-html", str(wet))
    assert (result.code, result.out) == (2, "")
    assert result.err == ("predict: error: --render-html needs the html-text module: run 'pip install -e \".[render]\"' "
                          "(or 'pip install html-text') (see --help)\n")


def test_text_and_warc_inputs_cannot_be_mixed(run, page, tmp_path) -> None:
    text = tmp_path / "page.txt"
    text.write_text(page.text, encoding="utf-8")
    wet = write_wet(tmp_path / "crawl.warc.wet", [conversion(1, page.text)])
    result = run(str(wet), str(text))
    assert (result.code, result.out) == (2, "")
    assert result.err == (f"predict: error: {text} is read as text but {wet} as WARC; clean them in separate runs, "
                          "or pass --input-format to read every input one way (see --help)\n")


# --- faults: the message, the exit code, and every record before the fault ------------------


def big_pages(pages, count: int) -> list[str]:
    """``count`` page texts of about 90 KB each (more than one of FastWARC's 64 KB reads), each different."""
    return [pages[k % len(pages)].text + "".join(f"{line} (part {k}.{n})\n" for n in range(400)
                                                 for line in pages[k % len(pages)].content[:2]) for k in range(count)]


@needs_fastwarc
@pytest.mark.parametrize("size", ["small", "big"])
@pytest.mark.parametrize("where", [0.1, 0.5, 0.9])
def test_a_truncated_gzip_member_is_named_by_record_and_no_record_before_it_is_lost(
    run, pages, tmp_path, size, where
) -> None:
    texts = [page.text for page in pages] * 2 if size == "small" else big_pages(pages, 6)
    records = [WARCINFO, *(conversion(k + 1, text) for k, text in enumerate(texts))]
    members = [member(record) for record in records]
    whole = write_wet(tmp_path / "whole.warc.wet.gz", records)
    clean = parse(run(str(whole)).out)
    cut = 5  # records[cut] is record 6 of the file: the member it is in is cut short
    wet = tmp_path / "cut.warc.wet.gz"
    wet.write_bytes(b"".join(members[:cut]) + members[cut][: int(len(members[cut]) * where)])
    result = run(str(wet))
    assert result.code == 1
    error = re.fullmatch(rf"predict: error: {re.escape(str(wet))}: record (\d+): (.*); {LEFT}\n", result.err)
    assert error, result.err
    assert int(error[1]) == cut + 1
    assert error[2] == "the gzip data ends early: the file is truncated"
    assert parse(result.out) == clean[: cut - 1]  # the 4 conversion records before it, all of them


LAYOUTS = {"gzip members": member, "bzip2 streams": bz2.compress, "plain": lambda record: record}


@needs_fastwarc
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("kind", ["wet", "crawl"])
def test_a_file_cut_anywhere_gives_every_whole_record_then_an_error_naming_the_next(pages, layout, kind) -> None:
    """Every cut position of a small WET file: no record that is whole before the cut is lost, none is read silently.

    (A crawl's WARC, read with --render-html, too: its pages are its records 3, 6 and 9.)
    """
    if kind == "crawl":
        pytest.importorskip("html_text")
    records = wet_records(pages) if kind == "wet" else crawl_records(pages)
    parts = [LAYOUTS[layout](record) for record in records]
    pages_at = [2, 3, 4] if kind == "wet" else [3, 6, 9]  # the records that give a page's text
    data = b"".join(parts)
    ends = [sum(map(len, parts[:k])) for k in range(len(parts) + 1)]
    for cut in range(len(data) + 1):
        reader = WarcReader("cut.warc.wet", None, render_html=kind == "crawl")
        numbers, fault = [], None
        try:
            for number, _ in reader.records(io.BytesIO(data[:cut])):
                numbers.append(number)
        except InputError as exc:
            fault = str(exc)
        whole = sum(end <= cut for end in ends[1:])
        if cut in ends:
            assert (numbers, fault) == ([n for n in pages_at if n <= whole], None), cut
            continue
        error = re.fullmatch(rf"cut\.warc\.wet: record (\d+): .*; {LEFT}", fault or "")
        assert error, (cut, fault)
        assert int(error[1]) in (whole + 1, whole + 2), (cut, fault)  # +2: a record whole but its closing line breaks
        assert numbers == [n for n in pages_at if n < int(error[1])], (cut, fault)


@needs_fastwarc
def test_a_file_cut_inside_a_records_text_says_how_much_of_it_there_is(run, pages, tmp_path) -> None:
    records = wet_records(pages)
    wet = tmp_path / "cut.warc.wet"
    wet.write_bytes(b"".join(records[:3]) + records[3][:-200])
    result = run(str(wet))
    length = len(pages[2].text.encode())
    assert result.code == 1
    assert result.err == (f"predict: error: {wet}: record 4: ends early, after {length - 196} of its {length} bytes: "
                          f"the file is truncated; {LEFT}\n")
    assert parse(result.out) == parse(run(str(write_wet(tmp_path / "whole.warc.wet", records[:3]))).out)


@needs_fastwarc
@pytest.mark.parametrize("size", ["small", "big"])
def test_a_corrupt_gzip_member_is_named_by_record_and_no_record_before_it_is_lost(run, pages, tmp_path, size) -> None:
    texts = [page.text for page in pages] * 2 if size == "small" else big_pages(pages, 6)
    records = [WARCINFO, *(conversion(k + 1, text) for k, text in enumerate(texts))]
    members = [member(record) for record in records]
    clean = parse(run(str(write_wet(tmp_path / "whole.warc.wet.gz", records))).out)
    bad = bytearray(members[4])  # record 5
    bad[20:40] = b"\xff" * 20
    wet = tmp_path / "corrupt.warc.wet.gz"
    wet.write_bytes(b"".join([*members[:4], bytes(bad), *members[5:]]))
    result = run(str(wet))
    assert result.code == 1
    assert re.fullmatch(rf"predict: error: {re.escape(str(wet))}: record 5: the gzip data is damaged \(.*\); {LEFT}\n",
                        result.err), result.err
    assert parse(result.out) == clean[:3]


@needs_fastwarc
def test_under_output_dir_the_records_before_a_fault_are_written_and_the_output_retried(run, pages, tmp_path) -> None:
    records = wet_records(pages)
    members = [member(record) for record in records]
    shards, out = tmp_path / "shards", tmp_path / "out"
    shards.mkdir()
    (shards / "cut.warc.wet.gz").write_bytes(b"".join(members[:3]) + members[3][:40])
    write_wet(shards / "whole.warc.wet.gz", records)
    result = run("--output-dir", str(out), str(shards))
    assert result.code == 1
    assert result.err.startswith(f"predict: error: {shards / 'cut.warc.wet.gz'}: record 4: ")
    assert "predict: note: 1 of 2 outputs in " in result.err
    whole = gzip.decompress((out / "whole.jsonl.gz").read_bytes()).decode("utf-8")
    assert gzip.decompress((out / "cut.jsonl.gz").read_bytes()).decode("utf-8") == "".join(whole.splitlines(True)[:2])
    again = run("--output-dir", str(out), str(shards))
    assert again.code == 1 and "record 4: " in again.err  # not recorded complete: retried, and reported again
    assert "skipped 1 of 2 inputs whose output" in again.err


@needs_fastwarc
def test_a_file_that_is_not_warc_is_one_error_at_record_1(run, page, tmp_path) -> None:
    fake = tmp_path / "fake.warc.gz"
    fake.write_bytes(gzip.compress(page.text.encode("utf-8")))
    result = run(str(fake))
    assert (result.code, result.out) == (1, "")
    assert result.err == (f"predict: error: {fake}: record 1: cannot be read (Invalid WARC header): the file is "
                          f"damaged, or not WARC; {LEFT}\n")


@needs_fastwarc
@pytest.mark.parametrize("data", [b"", gzip.compress(b"")], ids=["empty", "empty-gzip"])
def test_an_empty_wet_file_gives_no_records_a_note_and_exit_0(run, tmp_path, data) -> None:
    wet = tmp_path / "empty.warc.wet.gz"
    wet.write_bytes(data)
    result = run(str(wet))
    assert (result.code, result.out) == (0, "")
    assert result.err == f"predict: note: {wet}: holds no WARC records; nothing to clean\n"
    out = tmp_path / "out"
    assert run("--output-dir", str(out), str(wet)).code == 0
    assert gzip.decompress((out / "empty.jsonl.gz").read_bytes()) == b""
    assert "skipped 1 of 1 inputs" in run("--output-dir", str(out), str(wet)).err  # complete: resumed like any other


@needs_fastwarc
def test_a_record_over_the_size_limit_is_skipped_without_reading_it(run, pages, tmp_path) -> None:
    huge = "".join(f"{pages[0].content[0]} ({n})\n" for n in range(400))
    wet = write_wet(tmp_path / "crawl.warc.wet.gz",
                    [WARCINFO, conversion(1, pages[0].text), conversion(2, huge), conversion(3, pages[1].text)])
    result = run("--max-file-mb", "0.01", str(wet))
    assert result.code == 1
    assert [r["WARC-Record-ID"] for r in parse(result.out)] == [record_id(1), record_id(3)]
    assert result.err == \
        f"predict: error: {wet}: record 3: is over the size limit (see --max-file-mb); record skipped\n"


# --- --output-dir: names, compression, resuming, --jobs -----------------------------------


@needs_fastwarc
def test_output_dir_names_each_output_after_its_wet_file_and_resumes(run, pages, tmp_path) -> None:
    shards, out = tmp_path / "shards", tmp_path / "out"
    shards.mkdir()
    write_wet(shards / "CC-MAIN-part.1.warc.wet.gz", wet_records(pages))
    write_wet(shards / "crawl.warc", wet_records(pages[:2]))
    result = run("--output-dir", str(out), str(shards))
    assert (result.code, result.err) == (0, "")
    written = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert written == ["CC-MAIN-part.1.jsonl.gz", "crawl.jsonl"]
    expected = run(str(shards / "CC-MAIN-part.1.warc.wet.gz")).out
    assert gzip.decompress((out / "CC-MAIN-part.1.jsonl.gz").read_bytes()).decode("utf-8") == expected
    assert (out / "crawl.jsonl").read_text(encoding="utf-8") == run(str(shards / "crawl.warc")).out
    again = run("--output-dir", str(out), str(shards))
    assert (again.code, again.err) == (0, f"predict: note: skipped 2 of 2 inputs whose output in {out} is complete "
                                          "from an earlier run; pass --force to redo them\n")
    assert run("--output-dir", str(out), "--text-field", "body", str(shards)).err == ""  # other settings: redone


@needs_fastwarc
def test_jobs_give_the_same_records(run, pages, tmp_path) -> None:
    wet = write_wet(tmp_path / "crawl.warc.wet.gz", wet_records(pages * 3))
    single = run(str(wet))
    assert (single.code, single.err) == (0, "")
    assert run("--jobs", "2", str(wet)).out == single.out
