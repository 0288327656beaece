"""The headline ranker: fitted on the pages that name their headline, saved and loaded with the line model."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from predict.decision import ranked_headlines
from predict.features.table import make_table
from predict.model import load_model
from predict.stages.headline import WithHeadline
from train.data.documents import CONTENT, JUNK, TITLE_KIND, LabelledDocument
from train.fit import fit_estimator
from train.headline import add_headline_ranker, candidate_table, fit_headline_ranker, headline_pages, main
from train.recipe import MODEL_PARAMS
from train.release.save import save_model

HEADLINES = [
    "Second ferry will join the island winter timetable",
    "Town library to open its doors on Sunday afternoons",
    "Village orchard gives its first large apple harvest",
    "Old river bridge closed after engineers find cracks",
]


def titled(page: LabelledDocument, k: int) -> LabelledDocument:
    """``page`` as a scraper gives it with its ``<title>`` on top and its headline above the article."""
    headline = HEADLINES[k % len(HEADLINES)]
    lines = [f"{headline} | Larchfield Gazette", page.lines[0], headline, *page.lines[1:]]
    labels = [JUNK, JUNK, CONTENT, *page.labels[1:]]
    kinds = ["junk", "junk", TITLE_KIND, *("body" if label == CONTENT else "junk" for label in page.labels[1:])]
    return replace(page, lines=lines, labels=labels, kinds=kinds)


@pytest.fixture(scope="module")
def titled_pages(gazette) -> list[LabelledDocument]:
    return [titled(page, k) for k, page in enumerate(gazette(8))]


def test_the_pages_that_name_their_headline_are_trained_on_in_each_rendering(titled_pages) -> None:
    page = replace(titled_pages[0], renderings={"markdownify": titled_pages[1], "lynx": titled_pages[2]})
    composed = replace(titled_pages[3], synthetic=True)
    listing = replace(titled_pages[4], page_type="listing")
    untitled = replace(titled_pages[5], kinds=None)
    chosen = headline_pages([page, composed, listing, untitled], ["markdownify"], page_weight=3.0)
    assert chosen == [(page, 3.0), (titled_pages[1], 1.0)]


def test_a_page_as_labelled_weighs_page_weight_times_a_rendering_of_it(titled_pages) -> None:
    """Weighing a page 3 times is fitting the ranker on it three times over (the trees' fit is weighted)."""
    page = replace(titled_pages[0], renderings={"lynx": titled_pages[1]})
    lines = fit_estimator(titled_pages)
    weighted, _ = fit_headline_ranker(lines, [page, *titled_pages[2:]], ["lynx"], page_weight=3.0)
    thrice, _ = fit_headline_ranker(lines, [page, page, page, replace(titled_pages[1], renderings={}),
                                            *(p for p in titled_pages[2:] for _ in range(3))], [], page_weight=1.0)
    X, _, _ = candidate_table(lines, titled_pages)
    np.testing.assert_allclose(weighted.predict_proba(X), thrice.predict_proba(X), atol=1e-9)


def test_a_model_fitted_with_the_ranker_finds_each_pages_headline_and_loads_with_it(titled_pages, tmp_path) -> None:
    model = fit_estimator(titled_pages, headline_ranker=True)
    assert isinstance(model, WithHeadline)
    X, y, page_of = candidate_table(model.lines, titled_pages)
    assert (np.bincount(page_of, weights=y) == 1).all()
    assert y.sum() == len(titled_pages)  # one headline a page among its candidates
    for page in titled_pages:  # with only the article kept, the ranker adds the headline
        article = np.array([kind == "body" for kind in page.kinds])
        assert ranked_headlines([(page.lines, article, article * 0.9)], model.headline_ranker) == [2]
    for suffix in (".joblib", ".skops"):
        path = tmp_path / f"m{suffix}"
        save_model(model, path, {"threshold": 0.5})
        loaded = load_model(path)
        assert loaded.headline_ranker is not None
        np.testing.assert_array_equal(loaded.headline_ranker.predict_proba(X), model.headline_ranker.predict_proba(X))
        page = titled_pages[0].lines
        np.testing.assert_array_equal(loaded.score_lines(page), model.lines.predict_proba(make_table([page]))[:, 1])


def test_without_pages_that_name_a_headline_the_line_model_comes_alone(gazette) -> None:
    assert not isinstance(fit_estimator(gazette(8), headline_ranker=True), WithHeadline)


def test_a_trained_model_gets_a_ranker_as_its_next_version_with_its_line_model_unchanged(titled_pages,
                                                                                          tmp_path) -> None:
    path = tmp_path / "site.joblib"
    lines = fit_estimator(titled_pages)
    save_model(lines, path, {"version": "0.1.0", "command": "python -m train --data pages/", "params": {}})
    card = add_headline_ranker(load_model(path), path, titled_pages, "python -m train.headline --model site")
    assert card["version"] == "0.2.0" and card["command"] == "python -m train.headline --model site"
    assert card["params"]["headline_ranker"] is True
    assert card["params"]["headline_page_weight"] == MODEL_PARAMS["headline_page_weight"]  # today's ranker recipe
    assert card["headline_ranker"]["line_model"]["version"] == "0.1.0"
    assert card["headline_ranker"]["pages"] == len(titled_pages)
    assert (tmp_path / "versions" / "site-0.1.0.joblib").is_file()  # the model it replaced is kept
    installed = load_model(path)
    assert installed.headline_ranker is not None
    again = add_headline_ranker(installed, path, titled_pages, "python -m train.headline --model site")
    assert again["version"] == "0.3.0" and again["headline_ranker"]["line_model"]["version"] == "0.1.0"
    page = titled_pages[0].lines
    np.testing.assert_array_equal(installed.score_lines(page), lines.predict_proba(make_table([page]))[:, 1])


def test_without_labelled_headlines_nothing_is_installed(gazette, tmp_path) -> None:
    path = tmp_path / "site.joblib"
    save_model(fit_estimator(gazette(8)), path, {"version": "0.1.0"})
    with pytest.raises(ValueError, match="headline line is labelled"):
        add_headline_ranker(load_model(path), path, gazette(8), "python -m train.headline")
    assert load_model(path).card["version"] == "0.1.0"


def test_the_command_says_what_is_wrong_in_one_line(tmp_path, monkeypatch, capsys) -> None:
    assert main(["--no-such-option"]) == 2
    assert "--no-such-option" in capsys.readouterr().err
    import train.data.corpus

    monkeypatch.setattr(train.data.corpus, "shared_dir", lambda: None)  # a user's machine: no ../shared
    assert main(["--output", str(tmp_path / "m.joblib")]) == 1
    assert not (tmp_path / "m.joblib").exists()
    error = capsys.readouterr().err.strip()
    assert "shared corpora are not at" in error and len(error.splitlines()) == 1
