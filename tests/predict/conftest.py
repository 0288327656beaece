"""Fixtures for the predict tests: a small real model and pages to clean.

The model is a genuine scikit-learn pipeline over the line table, trained on
sentences written for these tests (the imaginary "Millbrook Courier"), saved
with its model card exactly as ``python -m train`` saves one, so the CLI
tests exercise real loading, sha256 checking and scoring.
"""
from __future__ import annotations

import hashlib
import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from predict.model import JunkFilter
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from predict.cli.main import main
from predict.features.table import make_table
from predict.features.words import LineWords
from train.release.save import save_model

CONTENT = [
    "The Millbrook town council voted on Tuesday to extend the riverside footpath by two miles.",
    "Councillors said the work would begin in the spring and should be finished before the summer fair.",
    "Residents of the east ward had asked for a safer route to the railway station for many years.",
    "The project is expected to cost about four hundred thousand pounds, according to the council.",
    "Most of the money will come from a regional fund that supports walking and cycling schemes.",
    "The mayor told the meeting that the footpath would also help the shops on the high street.",
    "Some farmers whose fields border the river raised concerns about litter and loose dogs.",
    "The council promised to install new bins and signs along the whole length of the path.",
    "A public consultation held last autumn drew more than six hundred written responses.",
    "Engineers will survey the flood defences near the old mill before any digging starts.",
    "The local wildlife trust said it would monitor the otters that have returned to the river.",
    "Volunteers from the rowing club offered to help clear brambles from the northern bank.",
    "The café on Rue Émile reopened its terrace after the council approved the new façade.",
    "Police said the road near the bridge would be closed for three weekends during the works.",
    "Bus services will be diverted through the market square while the road is closed.",
    "The head teacher of the primary school welcomed the plan and said pupils would walk to lessons.",
    "Shopkeepers on the high street said they hoped the path would bring more visitors in winter.",
    "The council will publish a detailed timetable for the works on its website next month.",
    "In a statement, the regional transport board said it was pleased to support the scheme.",
    "The last major repair of the riverside path was carried out almost twenty years ago.",
    "Officials said the new surface would be suitable for wheelchairs and pushchairs.",
    "The decision was passed by nine votes to two, with one councillor abstaining.",
]
JUNK = [
    "Trending now",
    "Share on Facebook",
    "Share on Twitter",
    "Also read: Ten gadgets you must buy",
    "Click here to subscribe",
    "Subscribe to our newsletter",
    "Home | News | Sport | Weather",
    "Advertisement",
    "Watch: Dog rides skateboard",
    "Meet the man who ate fifty eggs",
    "Top 10 celebrity weddings",
    "You may also like",
    "Read more",
    "Most popular",
    "Follow us on Instagram",
    "Sign in | Register",
    "Viral video: cat plays piano",
    "Sponsored content",
    "Photos: Stars at the gala",
    "Login",
]


def _fit_model():
    pipeline = make_pipeline(
        LineWords(ngram_range=(1, 2), min_df=1, max_features=None, sublinear_tf=True),
        LogisticRegression(C=20.0, max_iter=1000),
    )
    return pipeline.fit(make_table([CONTENT + JUNK]), [1] * len(CONTENT) + [0] * len(JUNK))


@pytest.fixture(scope="session")
def model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A trained model file with its sha256 model card beside it (threshold 0.5)."""
    path = tmp_path_factory.mktemp("model") / "m.joblib"
    save_model(_fit_model(), path, {"threshold": 0.5})
    return path


@dataclass(frozen=True)
class Page:
    """A scraped page: ``lines`` as a scraper saved them, ``content`` the lines to keep."""

    lines: list[str]
    content: list[str]

    @property
    def text(self) -> str:
        return "".join(line + "\n" for line in self.lines)

    @property
    def kept_text(self) -> str:
        return "".join(line + "\n" for line in self.content)


def make_page(first: int, count: int) -> Page:
    """A page with a junk header, ``count`` content lines from ``first`` on, and a junk tail."""
    content = CONTENT[first : first + count]
    junk = JUNK[first % len(JUNK) :] + JUNK[: first % len(JUNK)]
    return Page(lines=[junk[0], *content, *junk[1:4]], content=content)


def _snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="session")
def snapshot() -> Callable[[Path], dict[str, tuple[str, int]]]:
    """A function giving the sha256 and modification time of every file below a folder."""
    return _snapshot


@pytest.fixture
def paragraphs() -> list[str]:
    """Three paragraphs of an invented harbour story, each long enough to wrap over several lines."""
    return [
        "The harbour board met on Tuesday evening to discuss the new ferry timetable, which adds two early "
        "sailings on weekdays and moves the last boat of the night to half past eleven.",
        "Residents of the island said the change was long overdue, and several of them thanked the harbour "
        "master for listening to their complaints about the winter crossings.",
        "The board expects the first of the new sailings to leave the quay in the second week of March, "
        "weather and sea trials allowing, and will publish the fares before the end of the month.",
    ]


@pytest.fixture
def page() -> Page:
    return make_page(0, 6)


@pytest.fixture
def accented_page() -> Page:
    """A page whose content has non-ASCII letters (for encoding tests)."""
    page = make_page(10, 5)
    assert any(not line.isascii() for line in page.content)
    return page


@pytest.fixture
def pages() -> list[Page]:
    """Three different pages."""
    return [make_page(0, 5), make_page(5, 5), make_page(10, 5)]


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


@dataclass(frozen=True)
class Outcome:
    """What a run printed, stdout as raw bytes (to check it is UTF-8)."""

    code: int
    out: bytes
    err: str


@pytest.fixture(scope="session")
def invoke(model_path: Path) -> Callable[..., Outcome]:
    """Like ``run`` but without pytest's function-scoped capture, so hypothesis tests can call it."""

    def _invoke(*args: str, stdin: bytes = b"", model: Path | None = model_path) -> Outcome:
        out, err = io.BytesIO(), io.StringIO()
        stdout = io.TextIOWrapper(out, encoding="utf-8")
        saved = sys.stdin, sys.stdout, sys.stderr
        sys.stdin, sys.stdout, sys.stderr = io.TextIOWrapper(io.BytesIO(stdin)), stdout, err
        try:
            code = main([*args] if model is None else ["--model", str(model), *args])
            stdout.flush()
            return Outcome(code, out.getvalue(), err.getvalue())
        finally:
            sys.stdin, sys.stdout, sys.stderr = saved

    return _invoke


@pytest.fixture
def run(model_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run ``main`` in-process with the test model; ``stdin`` (bytes) feeds standard input."""

    def _run(*args: str, stdin: bytes = b"", model: Path | None = model_path) -> Result:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        argv = [*args] if model is None else ["--model", str(model), *args]
        code = main(argv)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


@pytest.fixture
def model_calls(monkeypatch) -> list[int]:
    """How many documents each call to ``JunkFilter.score_documents`` received, in order."""
    calls: list[int] = []
    score_documents = JunkFilter.score_documents

    def spy(self, documents):
        calls.append(len(documents))
        return score_documents(self, documents)

    monkeypatch.setattr(JunkFilter, "score_documents", spy)
    return calls
