"""The filtering commands of the README and docs/corpora.md, run exactly as written, and what they print.

Every shell line of the README's "Filtering" and "Corpora" sections (the
preparation lines that copy the example pages included), the ``python -m
predict`` lines of its other shell blocks, every shell line of
``docs/corpora.md``, and the Python examples of those sections and of
``docs/corpora.md`` run in order (the README first: its lines make the files
``docs/corpora.md`` reads) in a temporary folder holding copies of
``datasets/`` and ``examples/`` (what "from the repository root" gives them),
with this checkout's packages on ``PYTHONPATH``. Each command must have a
check below that looks at what it printed or wrote; a command without a
check, or a check whose command left the documents, fails the test, so the
documents and this file move together.

Not run here: the set-up block's install (CI runs it), ``python -m train``
(minutes; ``tests/train/test_loop.py`` runs the walk-through) and ``--model
pinecrest``, which needs the model that training writes.
"""
from __future__ import annotations

import gzip
import importlib
import io
import json
import os
import re
import runpy
import shlex
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from predict.corpus.compression import have_pyarrow

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
CORPORA = REPO / "docs" / "corpora.md"
PAGE = REPO / "datasets" / "pairs" / "valleycourier-bridge-reopening.raw.txt"
PINECREST = REPO / "examples" / "pinecrest"
# the documents whose commands run, in the order they run, each with the sections whose every shell line runs
# (and whose Python examples run): in the README two, in docs/corpora.md all ("" begins every heading)
DOCUMENTS = ((README, ("Filtering", "Corpora")), (CORPORA, ("",)))
NEEDS_TRAINING = "--model pinecrest"
THRESHOLD = 0.5

RAW = PAGE.read_text(encoding="utf-8").splitlines()
ARTICLE = RAW[1:11]  # lines 2-11: the headline and the article


@dataclass
class Ran:
    command: str
    code: int
    out: str
    err: str


def sections(document: Path) -> list[tuple[str, str]]:
    """(heading, body) of every ``## `` section of ``document``."""
    parts = re.split(r"^## +(.+)$", document.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return list(zip(parts[1::2], parts[2::2]))


def blocks(body: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", body, flags=re.MULTILINE | re.DOTALL)


def documented_commands() -> list[str]:
    """The shell lines that run here, in the order they run."""
    commands = []
    for document, run_whole in DOCUMENTS:
        for heading, body in sections(document):
            whole = heading.startswith(run_whole)
            for block in blocks(body, "sh"):
                for line in filter(str.strip, block.splitlines()):
                    command = line.split("&& python -m predict ", 1)
                    if len(command) == 2:  # the set-up line: its filtering part
                        line = "python -m predict " + command[1]
                    if whole or (line.startswith("python -m predict") and NEEDS_TRAINING not in line):
                        commands.append(line)
    return commands


def python_examples() -> list[str]:
    return [code for document, run_whole in DOCUMENTS for heading, body in sections(document)
            if heading.startswith(run_whole) for code in blocks(body, "python")]


def python_example(naming: str) -> str:
    """The one Python example of those sections that holds ``naming``."""
    (code,) = [code for code in python_examples() if naming in code]
    return code


def installed(module: str) -> bool:
    """Whether an optional extra's ``module`` can be imported."""
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


def missing_extra(command: str) -> bool:
    """A command that needs an extra this environment lacks: Parquet (pyarrow) or WARC (fastwarc)."""
    return ("parquet" in command and not have_pyarrow()) or (".warc" in command and not installed("fastwarc"))


def kept_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def is_subsequence(part: list[str], whole: list[str]) -> bool:
    rest = iter(whole)
    return all(line in rest for line in part)


def labelled(name: str) -> list[tuple[bool, str]]:
    """(keep, line) of a corrected Pinecrest page, as a person labelled it."""
    text = (PINECREST / "corrected" / name).with_suffix(".labels").read_text(encoding="utf-8")
    marked = (re.fullmatch(r"([+-])\S* (.*)", line) for line in text.splitlines())
    return [(m[1] == "+", m[2]) for m in marked if m]


# --- what each command must have done -----------------------------------------


def made_the_inputs(tmp: Path, ran: Ran) -> None:
    assert kept_lines(tmp / "page.txt") == RAW
    assert sorted(p.name for p in (tmp / "scraped").glob("*.txt")) == sorted(
        p.name for p in (PINECREST / "pages").glob("*.txt"))


def made_the_corpus(tmp: Path, ran: Ran) -> None:
    corpus = records(tmp / "shards" / "corpus.jsonl")
    assert [r["url"] for r in corpus] == sorted(f"scraped/{p.name}" for p in (tmp / "scraped").glob("*.txt"))
    assert all(r["text"] == (tmp / r["url"]).read_text(encoding="utf-8") for r in corpus)


def compressed_it(tmp: Path, ran: Ran) -> None:
    shards = tmp / "shards"
    assert gzip.decompress((shards / "corpus.jsonl.gz").read_bytes()) == (shards / "corpus.jsonl").read_bytes()


def printed_the_article(tmp: Path, ran: Ran) -> None:
    assert ran.out.splitlines() == ARTICLE


def cleaned_every_page(tmp: Path, ran: Ran) -> None:
    agree = total = 0
    for page in sorted((tmp / "scraped").glob("*.txt")):
        kept = kept_lines(tmp / "clean" / page.name)
        truth = labelled(page.name)
        assert is_subsequence(kept, kept_lines(page)) and 0 < len(kept) < len(truth)
        lines = iter(kept)  # the page's labelled lines, in order, against what was kept
        pending = next(lines, None)
        for keep, line in truth:
            kept_it = line == pending
            if kept_it:
                pending = next(lines, None)
            agree += kept_it == keep
            total += 1
    # the packaged model keeps the site's colophon and drops most headlines: what the walk-through teaches it
    assert agree / total >= 0.75, f"{agree} of {total} lines as a person labelled them"


def listed_every_line(tmp: Path, ran: Ran) -> None:
    rows = [json.loads(line) for line in ran.out.splitlines()]
    assert [(r["path"], r["line"], r["text"]) for r in rows] == [
        ("page.txt", n, line) for n, line in enumerate(RAW, 1)]
    assert all(r["keep"] == (r["score"] >= THRESHOLD) and 0 <= r["score"] <= 1 for r in rows)
    assert [r["text"] for r in rows if r["keep"]] == ARTICLE


def drafted_labels(tmp: Path, ran: Ran) -> None:
    header, *lines = ran.out.splitlines()
    assert header == "# path: page.txt"
    parsed = [re.fullmatch(r"([+-])([01]\.[0-9]+)(?: (.*))?", line).groups("") for line in lines]
    assert [text for _, _, text in parsed] == RAW
    assert [text for mark, _, text in parsed if mark == "+"] == ARTICLE
    assert all((mark == "+") == (float(score) >= THRESHOLD) for mark, score, _ in parsed)


def kept_more(tmp: Path, ran: Ran) -> None:
    scored = [json.loads(line) for line in RESULTS["--format jsonl page.txt"].out.splitlines()]
    assert ran.out.splitlines() == [r["text"] for r in scored if r["score"] >= 0.3]
    assert is_subsequence(ARTICLE, ran.out.splitlines())


def listed_uncertain(count: int, folder: str) -> Callable[[Path, Ran], None]:
    def check(tmp: Path, ran: Ran) -> None:
        rows = [line.split("\t", 2) for line in ran.out.splitlines()]
        assert len(rows) == count
        distance = [abs(float(score) - THRESHOLD) for score, _, _ in rows]
        assert distance == sorted(distance)
        for _, where, text in rows:
            path, number = where.rsplit(":", 1)
            assert path.startswith(folder)
            assert kept_lines(tmp / path)[int(number) - 1] == text
    return check


def used_a_kept_version(tmp: Path, ran: Ran) -> None:
    assert ran.out.splitlines() == ARTICLE
    assert (REPO / "models" / "versions" / "junkfilter-0.11.1.joblib").is_file()


def cleaned_the_corpus(tmp: Path, ran: Ran) -> None:
    clean = records(tmp / "clean.jsonl")
    assert [r["url"] for r in clean] == [r["url"] for r in records(tmp / "shards" / "corpus.jsonl")]
    for record in clean:  # each record's text: what the text mode kept of that page
        assert record["text"].split("\n") == kept_lines(tmp / "clean" / Path(record["url"]).name)


def kept_the_removed_lines(tmp: Path, ran: Ran) -> None:
    audit = records(tmp / "audit.jsonl")
    assert [{k: v for k, v in r.items() if k != "junk"} for r in audit] == records(tmp / "clean.jsonl")
    for record, original in zip(audit, records(tmp / "shards" / "corpus.jsonl")):
        assert record["junk"]
        assert sorted(record["text"].split("\n") + record["junk"]) == sorted(
            line for line in original["text"].splitlines() if line.strip())


def streamed_compressed(tmp: Path, ran: Ran) -> None:
    assert gzip.decompress((tmp / "clean.jsonl.gz").read_bytes()) == (tmp / "clean.jsonl").read_bytes()


def cleaned_the_shards(tmp: Path, ran: Ran) -> None:
    assert (tmp / "clean-shards" / "corpus.jsonl").read_bytes() == (tmp / "clean.jsonl").read_bytes()
    assert gzip.decompress((tmp / "clean-shards" / "corpus.jsonl.gz").read_bytes()) == (tmp / "clean.jsonl").read_bytes()


def cleaned_the_crawl(tmp: Path, ran: Ran) -> None:
    pages = records(tmp / "pages.jsonl")  # the example WET file: the README's page, then the Pinecrest pages
    assert all(page["WARC-Record-ID"] and page["WARC-Target-URI"] for page in pages)
    assert pages[0]["WARC-Target-URI"].endswith("/bridge-reopening") and pages[0]["text"].split("\n") == ARTICLE
    assert len(pages) == 1 + len(list((tmp / "scraped").glob("*.txt")))
    for page in pages[1:]:  # each page's record: what the text mode kept of the same page
        name = page["WARC-Target-URI"].rsplit("/", 1)[1] + ".txt"
        assert page["text"].split("\n") == kept_lines(tmp / "clean" / name)


def made_the_table(tmp: Path, ran: Ran) -> None:
    import pyarrow.parquet as pq

    assert pq.read_table(tmp / "tables" / "corpus.parquet").to_pylist() == records(tmp / "shards" / "corpus.jsonl")


def cleaned_the_table(tmp: Path, ran: Ran) -> None:
    import pyarrow.parquet as pq

    assert pq.read_table(tmp / "clean-tables" / "corpus.parquet").to_pylist() == records(tmp / "clean.jsonl")


def drafted_the_site(tmp: Path, ran: Ran) -> None:
    for page in sorted((PINECREST / "pages").glob("*.txt")):
        draft = (tmp / "corrected" / page.name).with_suffix(".labels").read_text(encoding="utf-8")
        lines = [line for line in draft.splitlines() if line[:1] in "+-"]
        assert len(lines) == len(kept_lines(page))


def kept_the_markdown_article(tmp: Path, ran: Ran) -> None:
    page = (tmp / "examples" / "markdown" / "harbour-festival.md").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(page) if line.startswith("# "))  # the headline
    end = next(i for i, line in enumerate(page) if line.startswith("Share:"))  # the first line after the article
    paragraphs = [line for line in page[start:end] if len(line.split()) > 12]
    kept = ran.out.splitlines()
    assert set(kept) <= set(page[start:end]), "kept a menu, share or tail line"
    assert [line for line in kept if line in paragraphs] == paragraphs  # every paragraph, exactly as written
    assert page[start] in kept


def kept_the_wrapped_article(tmp: Path, ran: Ran) -> None:
    page = (tmp / "examples" / "wrapped" / "harbour-festival.txt").read_text(encoding="utf-8").splitlines()
    start = page.index("Harbour festival returns after three quiet summers")  # the headline
    end = next(i for i, line in enumerate(page) if line.startswith("Share:"))  # the first line after the article
    wrapped = [line for line in page[start:end] if len(line.split()) > 8]  # every line of every paragraph
    kept = ran.out.splitlines()
    assert set(kept) <= set(page[start:end]), "kept a menu, share or tail line"
    assert [line for line in kept if line in wrapped] == wrapped
    assert page[start] in kept


def copies_page(tmp: Path) -> tuple[list[str], list[str]]:
    """The example page that holds its article twice, and the article: its headline and paragraphs (its lines of
    15 words or more)."""
    page = (tmp / "examples" / "copies" / "riverside-library.txt").read_text(encoding="utf-8").splitlines()
    paragraphs = [line for line in page[: page.index("Republish this story")] if len(line.split()) >= 15]
    assert page.count(paragraphs[0]) == 2
    return page, [page[page.index(paragraphs[0]) - 1], *paragraphs]


def kept_the_article_once(tmp: Path, ran: Ran) -> None:
    assert ran.out.splitlines() == copies_page(tmp)[1]


def kept_both_copies(tmp: Path, ran: Ran) -> None:
    headline, *paragraphs = copies_page(tmp)[1]
    assert ran.out.splitlines() == [headline, *paragraphs, *paragraphs]  # the copy has no headline of its own


# (a piece of the command as the README or docs/corpora.md writes it, what it must have done), in the order they run
CHECKS: list[tuple[str, Callable[[Path, Ran], None]]] = [
    ("cp datasets/pairs/valleycourier-bridge-reopening.raw.txt page.txt", lambda tmp, ran: None),
    ("mkdir -p scraped shards && cp examples/pinecrest/pages/*.txt scraped/", made_the_inputs),
    ("> shards/corpus.jsonl", made_the_corpus),
    ("gzip -kf shards/corpus.jsonl", compressed_it),
    ("python -m predict datasets/pairs/valleycourier-bridge-reopening.raw.txt", printed_the_article),
    ("python -m predict page.txt ", printed_the_article),
    ("cat page.txt | python -m predict ", printed_the_article),
    ("python -m predict scraped/ --output-dir clean/", cleaned_every_page),
    ("--format jsonl page.txt", listed_every_line),
    ("--format labels page.txt", drafted_labels),
    ("--threshold 0.3 page.txt", kept_more),
    ("examples/markdown/harbour-festival.md", kept_the_markdown_article),
    ("examples/wrapped/harbour-festival.txt", kept_the_wrapped_article),
    ("predict examples/copies/riverside-library.txt", kept_the_article_once),
    ("--keep-copies examples/copies/riverside-library.txt", kept_both_copies),
    ("--uncertain 20 scraped/", listed_uncertain(20, "scraped/")),
    ("--model 0.11.1 page.txt", used_a_kept_version),
    ("--input-format jsonl shards/corpus.jsonl > clean.jsonl", cleaned_the_corpus),
    ("--jobs 2 shards/ --output-dir clean-shards/", cleaned_the_shards),
    ("examples/wet/crawl.warc.wet.gz > pages.jsonl", cleaned_the_crawl),
    ("--uncertain 10 examples/pinecrest/pages/", listed_uncertain(10, "examples/pinecrest/pages/")),
    ("--format labels --output-dir corrected/ examples/pinecrest/pages/", drafted_the_site),
    # docs/corpora.md
    ("--removed-field junk shards/corpus.jsonl > audit.jsonl", kept_the_removed_lines),
    ("zcat shards/corpus.jsonl.gz | python -m predict -i jsonl - | gzip > clean.jsonl.gz", streamed_compressed),
    ("'tables/corpus.parquet')", made_the_table),
    ("--input-format parquet tables/ --output-dir clean-tables/", cleaned_the_table),
]
RESULTS: dict[str, Ran] = {}


def check_for(command: str) -> tuple[str, Callable[[Path, Ran], None]]:
    matches = [(key, check) for key, check in CHECKS if key in command + " "]
    assert len(matches) == 1, f"documented command {command!r} needs exactly one check in CHECKS"
    return matches[0]


@pytest.fixture(scope="module")
def working_copy(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("readme")
    subprocess.run(["cp", "-r", str(REPO / "datasets"), str(REPO / "examples"), str(tmp)], check=True)
    return tmp


def environment() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def test_every_documented_command_has_a_check_and_every_check_a_command() -> None:
    commands = documented_commands()
    used = [check_for(command)[0] for command in commands]
    assert sorted(used) == sorted(key for key, _ in CHECKS)


def run(command: str, cwd: Path) -> Ran:
    done = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=cwd, env=environment(), check=False,
                          capture_output=True, text=True, timeout=60)
    return Ran(command, done.returncode, done.stdout, done.stderr)


def in_process(command: str, cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> Ran:
    """``python -m predict ARGS`` run as ``python -m`` runs it, in this process (no start-up cost)."""
    args = shlex.split(command, comments=True)[3:]
    monkeypatch.chdir(cwd)
    monkeypatch.setattr(sys, "argv", ["predict", *args])
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    try:
        runpy.run_module("predict", run_name="__main__", alter_sys=False)
        code = 0
    except SystemExit as done:
        code = done.code
    captured = capsys.readouterr()
    return Ran(command, code, captured.out, captured.err)


def plain(command: str) -> bool:
    """A ``python -m predict`` line that needs no shell and starts no worker processes."""
    words = shlex.split(command, comments=True)
    return words[:3] == ["python", "-m", "predict"] and not set("|<>&;").intersection(" ".join(words)) \
        and "--jobs" not in words


def test_documented_commands_run_as_written(working_copy: Path, monkeypatch, capsys) -> None:
    commands = documented_commands()
    for command in commands:  # in order: the first make the files the others read
        key, check = check_for(command)
        if missing_extra(command):
            continue  # the parquet or warc extra's commands, where it is not installed
        ran = RESULTS[key] = in_process(command, working_copy, monkeypatch, capsys) if plain(command) \
            else run(command, working_copy)
        assert ran.code == 0, f"{command}\nexit {ran.code}\n{ran.err}"
        assert "error" not in ran.err, f"{command}\n{ran.err}"
        check(working_copy, ran)


def test_readme_python_example_runs_as_written(working_copy: Path) -> None:
    api = python_example("load_model")
    if not (working_copy / "page.txt").exists():
        pytest.skip("needs the files the README's commands make (test_documented_commands_run_as_written)")
    report = "\nimport json\nprint(json.dumps({'clean': clean, 'scores': [float(s) for s in scores]}))"
    done = subprocess.run([sys.executable, "-c", api + report], cwd=working_copy, env=environment(),
                          capture_output=True, text=True, timeout=60, check=True)
    result = json.loads(done.stdout)
    assert result["clean"].splitlines() == ARTICLE
    assert [s >= THRESHOLD for s in result["scores"]] == [line in ARTICLE for line in RAW]


def test_corpora_dask_example_runs_as_written(working_copy: Path) -> None:
    dask = python_example("filter_bag")
    if not (working_copy / "clean.jsonl").exists():
        pytest.skip("needs the files the README's commands make (test_documented_commands_run_as_written)")
    pytest.importorskip("dask.bag")
    pytest.importorskip("distributed")
    (working_copy / "dask_example.py").write_text(dask, encoding="utf-8")
    subprocess.run([sys.executable, "dask_example.py"], cwd=working_copy, env=environment(),
                   capture_output=True, text=True, timeout=120, check=True)
    cleaned = [json.loads(line) for part in sorted((working_copy / "clean-dask").glob("*.jsonl"))
               for line in part.read_text(encoding="utf-8").splitlines()]
    assert cleaned == records(working_copy / "clean.jsonl")


def test_corpora_datatrove_example_runs_as_written(working_copy: Path, monkeypatch, capsys) -> None:
    """The datatrove pipeline, saved as a script and run with ``python``, keeps what ``python -m predict`` keeps."""
    pytest.importorskip("datatrove")
    pytest.importorskip("fastwarc", reason="the command line reads WET with fastwarc: pip install -e '.[warc]'")
    example = python_example("LocalPipelineExecutor")
    (working_copy / "datatrove_example.py").write_text(example, encoding="utf-8")
    done = subprocess.run([sys.executable, "datatrove_example.py"], cwd=working_copy, env=environment(),
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    wet = re.search(r"`python -m predict (examples/wet/\S+)` keeps", CORPORA.read_text(encoding="utf-8"))[1]
    output = re.search(r'JsonlWriter\("([^"]+)"\)', example)[1]
    cleaned = [json.loads(line) for path in sorted((working_copy / output).glob("*.jsonl.gz"))
               for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()]
    ran = in_process(f"python -m predict {wet}", working_copy, monkeypatch, capsys)
    assert ran.code == 0, ran.err
    command_line = [record for record in map(json.loads, ran.out.splitlines()) if record["text"].strip()]
    assert [(r["id"], r["text"]) for r in cleaned] == [(r["WARC-Record-ID"], r["text"]) for r in command_line]
    assert len(cleaned) == 7 and all(r["metadata"]["junkfilter_removed"] for r in cleaned)
