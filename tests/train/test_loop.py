"""The whole retraining loop on an imaginary site: draft, correct, retrain, and the page comes out right.

The Pinecrest Ledger (``examples/pinecrest/``, written for this repository)
ends every page with a colophon in full sentences, a footer style the
packaged model has never seen, and writes short closing sentences that
models have dropped: on a later page the packaged model misjudges a line or
more. Labelling six pages and retraining on them plus ``datasets/`` must
teach the model to drop the colophon on that later page while keeping every
article sentence; the slow test checks that adding those pages does not
lower the grouped-CV figures on the public corpora.
"""
from __future__ import annotations

import argparse
import shlex
from dataclasses import replace
from pathlib import Path

import pytest

from predict.cli.main import main as predict_main
from predict.labels import format_labels, parse_labels
from predict.model import load_model
from train import cli as train_cli
from train.cli import build_parser, gather, main as train_main
from train.data import corpus
from train.data.corpus import DEFAULT_DATA, WEIGHTS, user_part
from train.data.sources import read_label_file, shared_dir
from train.fit import JunkFilterMethod
from train.recipe import MODEL_PARAMS, corpus_renderings
from train.release.compare import CURRENT, NEW, Incumbent, RecipeMethod, compare
from train.release.digests import digests
from train.report import cv_predictions, part_columns

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "pinecrest"
LATER = EXAMPLES / "later" / "07-fire-engine.labels"
PUBLIC = ("realpages", "wcxb", "snippets", "seed")


def footer(labels: list[int], lines: list[str]) -> list[str]:
    """The junk lines after the last article line: the site's colophon."""
    last = max(i for i, label in enumerate(labels) if label == 1)
    return lines[last + 1:]


def test_labelling_a_site_corrects_what_the_packaged_model_misjudges(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture) -> None:
    later = read_label_file(LATER)
    colophon = footer(later.labels, later.lines)
    article = [line for line, label in zip(later.lines, later.labels) if label == 1]
    assert len(colophon) == 4
    assert load_model().filter_lines(later.lines) != article, \
        "the packaged model already gets this page right: pick a page it misjudges"

    drafts = tmp_path / "drafts"
    assert predict_main(["--format", "labels", "--output-dir", str(drafts), str(EXAMPLES / "pages")]) == 0
    for draft in sorted(drafts.glob("*.labels")):  # the person's corrections: flip markers, name the site
        lines = parse_labels(draft.read_text(encoding="utf-8")).lines
        truth = read_label_file(EXAMPLES / "corrected" / draft.name)
        assert lines == truth.lines
        draft.write_text(format_labels(lines, truth.labels, meta={"domain": truth.domain}), encoding="utf-8")
    output = tmp_path / "models" / "pinecrest.joblib"
    code = train_main(["--data", str(DEFAULT_DATA), "--data", str(drafts), "--output", str(output), "--folds", "2",
                       "--no-shared", "--quiet"])  # quick: the site alone (the README's run adds ../shared)
    assert code == 0, capsys.readouterr().err

    assert load_model(output).filter_lines(later.lines) == article


def test_the_example_readme_says_what_the_packaged_model_does_on_the_site() -> None:
    """examples/pinecrest/README.md: colophon lines kept on every page to label; the headline kept on every page
    by the headline rule, dropped on some without it."""
    assert "keeps it as article\ntext" not in (EXAMPLES / "README.md").read_text(encoding="utf-8")  # 0.6.0's behaviour
    model = load_model()
    pages = [read_label_file(path) for path in sorted((EXAMPLES / "corrected").glob("*.labels"))]
    kept = [model.keep(page.lines).tolist() for page in pages]
    colophon_kept = [any(keep[len(page.lines) - 4:]) for page, keep in zip(pages, kept)]
    assert sum(colophon_kept) == len(pages), "update examples/pinecrest/README.md: colophon lines"
    without_rule = replace(model, keep_headline=False)
    headline_kept = [keep[page.labels.index(1)] for page, keep in zip(pages, kept)]
    headline_dropped = [not without_rule.keep(page.lines)[page.labels.index(1)] for page in pages]
    assert all(headline_kept) and any(headline_dropped), "update examples/pinecrest/README.md: headlines"


def walkthrough_args(*extra: str) -> argparse.Namespace:
    """The README walk-through's ``python -m train`` command, as ``python -m train`` parses it (run from the root)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Teaching it your site"):]
    (command,) = [line for line in section[:section.index("\n## ")].splitlines() if line.startswith("python -m train ")]
    folders = {"datasets/": ROOT / "datasets", "corrected/": EXAMPLES / "corrected"}  # what the cp step put there
    argv = [str(folders.get(arg, arg)) for arg in shlex.split(command)[3:]]
    return build_parser().parse_args([*argv, *extra])


def test_the_walkthrough_trains_the_site_model_on_the_shared_corpora_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """Teaching the model a site must not unteach it the web: the README's command keeps the public corpora,
    rendered as the packaged recipe says (rendering is stood in for: it takes minutes)."""
    if shared_dir() is None:
        pytest.skip("needs the shared corpora in ../shared")
    asked = []
    monkeypatch.setattr(corpus, "attach_renderings", lambda docs, names: asked.append(list(names)) or {})
    monkeypatch.setattr(corpus, "attach_junk_kinds", lambda docs, wcxb_dir: None)  # measured, never trained on
    parts = {part.name: part for part in gather(walkthrough_args("--composed", "0"))}
    assert asked == [corpus_renderings(MODEL_PARAMS)]  # the line model's renderings, then the ranker's
    assert set(PUBLIC) <= set(parts) and "user" in parts
    assert {doc.domain for doc in parts["user"].documents} >= {"pinecrestledger.example"}
    assert parts["user"].documents[0].weight > parts["realpages"].documents[0].weight  # a dozen pages among 1,400


def test_without_the_shared_corpora_a_site_model_says_it_knows_only_its_pages(monkeypatch: pytest.MonkeyPatch,
                                                                             capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setattr(train_cli, "shared_dir", lambda: None)
    assert [part.name for part in gather(walkthrough_args())] == ["user"]
    assert "only your data is trained on" in capsys.readouterr().err
    assert [part.name for part in gather(walkthrough_args("--no-shared"))] == ["user"]
    assert capsys.readouterr().err == ""  # asked for: no note


@pytest.mark.slow
def test_adding_the_site_does_not_lower_public_corpus_figures() -> None:
    """The walk-through's command against the packaged recipe without the site's pages, on the same 5 grouped folds
    and composed pages: the site model must be no worse on the public corpora, by ``python -m train``'s own rule.

    No worse: no F1 of any public column (each part and each rendering of it) lower by more than 0.005, one
    line of a small column, or twice the spread that resampling the column's pages gives the difference of
    the two models (:func:`~train.release.compare.compare`), whichever is more: a dozen pages among 2,650
    move a figure by chance as much as by what they teach.
    """
    if shared_dir() is None:
        pytest.skip("needs the shared corpora in ../shared")
    parts = gather(walkthrough_args())
    scored = {part.name: part.documents for part in parts if not part.train_only}
    train_only = [doc for part in parts if part.train_only for doc in part.documents]
    packaged = [user_part([DEFAULT_DATA]), *[part for part in parts if part.name != "user"]]
    known = frozenset(digests(doc for part in packaged for doc in part.documents))
    weights = {digest: WEIGHTS["user"] for digest in digests(packaged[0].documents)}
    methods = [(NEW, lambda: JunkFilterMethod(**MODEL_PARAMS)),
               (CURRENT, lambda: RecipeMethod(known, weights=weights, **MODEL_PARAMS))]
    docs, _ = part_columns(scored)
    predictions = cv_predictions(methods, docs, train_only=train_only, n_folds=5)
    without = Incumbent(Path("datasets/ and the public corpora"), {"version": "without the site"})
    comparison = compare(without, scored, predictions, "not recorded", [])
    public = [worse for worse in comparison.worse() if worse.split()[0].split("@")[0] in PUBLIC]
    assert public == [], comparison.report("with the site")
