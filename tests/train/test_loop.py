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

from pathlib import Path

import pytest

from predict.cli.main import main as predict_main
from predict.labels import format_labels, parse_labels
from predict.model import load_model
from train.cli import MODEL_PARAMS, main as train_main
from train.data.corpus import DEFAULT_DATA, shared_parts, user_part
from train.data.sources import read_label_file, shared_dir
from train.fit import JunkFilterMethod
from train.release.compare import CURRENT, NEW, Baseline, Comparison, RecipeMethod
from train.release.digests import digests
from train.report import cv_table

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "pinecrest"
LATER = EXAMPLES / "later" / "07-fire-engine.labels"
PUBLIC = ("realpages", "snippets", "seed")


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
                       "--quiet"])
    assert code == 0, capsys.readouterr().err

    assert load_model(output).filter_lines(later.lines) == article


@pytest.mark.slow
def test_adding_the_site_does_not_lower_public_corpus_figures() -> None:
    """Both recipes on the same 5 grouped folds: datasets/ + public corpora, with and without the site's pages.

    Composed pages are left out of both recipes to keep this to about five minutes.
    """
    if shared_dir() is None:
        pytest.skip("needs the shared corpora in ../shared")
    old = [user_part([DEFAULT_DATA]), *shared_parts(0, seed=0)]
    scored = {part.name: part.documents for part in old}
    scored["user"] = scored["user"] + user_part([EXAMPLES / "corrected"]).documents
    known = frozenset(digests(doc for part in old for doc in part.documents))
    methods = [(NEW, lambda: JunkFilterMethod(**MODEL_PARAMS)), (CURRENT, lambda: RecipeMethod(known, **MODEL_PARAMS))]
    table = cv_table(methods, scored, n_folds=5)
    public = {recipe: {part: table[recipe][part] for part in PUBLIC} for recipe in (NEW, CURRENT)}
    without = Baseline(Path("datasets/ and the public corpora"), {"version": "without the site"})
    comparison = Comparison(without, "both recipes refit on the same folds", public[CURRENT], public[NEW], None, ())
    assert comparison.worse() == [], comparison.report("with the site")
