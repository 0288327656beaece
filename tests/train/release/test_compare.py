"""Compare before replacing: same folds for both recipes, a verdict with reasons, added data scored apart."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from predict.model import read_card
from train.baselines import C4LineRule, KeepAll
from train.release import compare as compare_module
from train.release.compare import (ADDED, CURRENT, NEW, TOLERANCE, Comparison, Incumbent, RecipeMethod, compare,
                                   find_incumbent, paired_spread, recorded_weights, refit_method, tolerances)
from train.data.documents import LabelledDocument
from train.fit import JunkFilterMethod
from train.release.digests import digests
from train.release.save import save_model
from train.report import cv_predictions

QUICK = {"context": False, "decoder": False}  # the model without its slow stages: enough to tell data apart


def comparison(current: dict | None, new: dict, missing: tuple[str, ...] = ()) -> Comparison:
    return Comparison(Incumbent(Path("models/m.joblib"), {"version": "0.1.0"}), "test", current, new, None, missing)


def test_new_model_is_worse_only_beyond_the_tolerance() -> None:
    current = {"user": {"line_f1": 0.80}, "realpages": {"body_f1": 0.90, "line_f1": 0.70}}
    slightly = comparison(current, {"user": {"line_f1": 0.80 - TOLERANCE / 2},
                                    "realpages": {"body_f1": 0.91, "line_f1": 0.70 - TOLERANCE / 2}})
    assert slightly.worse() == [] and slightly.reasons() == []
    clearly = comparison(current, {"user": {"line_f1": 0.75}, "realpages": {"body_f1": 0.95, "line_f1": 0.9}})
    assert clearly.worse() == ["user line_f1 0.750 < 0.800"]
    assert clearly.reasons() == ["it is worse on held-out folds (user line_f1 0.750 < 0.800)"]


def test_every_f1_of_every_column_is_checked_not_only_the_headline() -> None:
    """Issue 33: a model went in with WCXB line F1 -0.010 because only body F1 was compared there, and a
    model trained without a rendering had no rendering column to fall in."""
    current = {"wcxb": {"body_f1": 0.82, "line_f1": 0.76, "word_f1": 0.83, "word_f1_listing": 0.65, "ece": 0.01},
               "wcxb@markdownify": {"body_f1": 0.80, "word_f1": 0.78}}
    new = {"wcxb": {"body_f1": 0.83, "line_f1": 0.75, "word_f1": 0.83, "word_f1_listing": 0.62, "ece": 0.09},
           "wcxb@markdownify": {"body_f1": 0.80, "word_f1": 0.70}}
    assert comparison(current, new).worse() == ["wcxb line_f1 0.750 < 0.760", "wcxb word_f1_listing 0.620 < 0.650",
                                                "wcxb@markdownify word_f1 0.700 < 0.780"]  # calibration is not F1


def test_a_small_column_tolerates_one_lines_worth_but_not_more() -> None:
    pages = [LabelledDocument(["Story line one.", "Story line two.", "Menu"], [1, 1, 0], kinds=["title", "body", "junk"]),
             LabelledDocument([f"Paragraph {k} of the story." for k in range(30)], [1] * 30)]
    small = tolerances({"user": pages, "one page": pages[:1]})
    assert small == {"user": {"line_f1": pytest.approx(1 / 31)}, "one page": {"line_f1": 1.0}}  # titles not scored
    current = {"user": {"line_f1": 0.95}}
    one_line = Comparison(Incumbent(Path("m.joblib"), {}), "test", current, {"user": {"line_f1": 0.92}}, None, (), small)
    assert one_line.worse() == [] and one_line.tolerance("user", "line_f1") > TOLERANCE
    two_lines = Comparison(Incumbent(Path("m.joblib"), {}), "test", current, {"user": {"line_f1": 0.91}}, None, (), small)
    assert two_lines.worse() == ["user line_f1 0.910 < 0.950"]
    snippets = LabelledDocument(["a"], [-1], with_snippets=["x"] * 400, without_snippets=["y"])
    assert tolerances({"snippets": [snippets]}) == {"snippets": {"snippet_f1": TOLERANCE}}  # large: the default


def test_the_spread_of_a_difference_grows_with_the_pages_where_two_models_disagree() -> None:
    """Paired resampling: identical masks never differ, a model that differs on a few pages differs by chance too."""
    pages = [LabelledDocument([f"The story of day {n}.", f"Menu {n}", "Share"], [1, 0, 0]) for n in range(40)]
    columns = {"story": pages, "one": pages[:1]}
    good = [np.array([True, False, False]) for _ in pages]
    sloppy = [np.array([True, n % 10 == 0, False]) for n in range(40)]  # keeps a menu line on 4 pages of 40
    masks = {"story": good, "one": good[:1]}
    assert paired_spread(columns, masks, masks) == {"story": {"line_f1": 0.0}, "one": {"line_f1": 0.0}}
    spread = paired_spread(columns, masks, {"story": sloppy, "one": sloppy[:1]}, resamples=300)
    assert 0.01 < spread["story"]["line_f1"] < 0.05  # 4 pages of 40 drive a 0.05 difference
    assert spread["one"] == {"line_f1": 0.0}  # one page: nothing to resample
    assert paired_spread(columns, masks, {"story": sloppy, "one": sloppy[:1]}, resamples=300) == spread  # seeded


def test_the_spread_covers_word_f1_per_page_type() -> None:
    pages = [LabelledDocument([f"The story of day {n} in the valley.", f"Menu {n}"], [1, 0], gold=f"The story of day {n} in the valley.",
                              page_type="article" if n % 2 else "listing") for n in range(20)]
    good = [np.array([True, False]) for _ in pages]
    sloppy = [np.array([True, n % 4 == 0]) for n in range(20)]  # a menu line on listings only
    spread = paired_spread({"wcxb": pages}, {"wcxb": good}, {"wcxb": sloppy}, resamples=200)["wcxb"]
    assert {"body_f1", "line_f1", "word_f1", "word_f1_article", "word_f1_listing"} <= set(spread)
    assert spread["word_f1_article"] == 0.0 < spread["word_f1_listing"]


def test_no_figures_or_missing_training_parts_also_stop_a_replacement() -> None:
    assert comparison(None, {"user": {"line_f1": 0.9}}).reasons() == ["it cannot be compared on held-out folds: test"]
    assert comparison({"user": {"line_f1": 0.8}}, {"user": {"line_f1": 0.9}}, ("realpages",)).reasons() == \
        ["it was not trained on realpages, which the current model was trained on"]


def test_a_baseline_was_trained_on_its_parts_and_their_renderings() -> None:
    old_card = {"sources": [{"name": "user"}, {"name": "wcxb", "renderings": ["markdownify", "inscriptis"]}]}
    assert Incumbent(Path("m.joblib"), old_card).trained_on == ["user", "wcxb", "wcxb@markdownify", "wcxb@inscriptis"]
    card = {"sources": [{"name": "wcxb", "renderings": {"markdownify": {"pages": 639}, "inscriptis": {"pages": 0}}}]}
    assert Incumbent(Path("m.joblib"), card).trained_on == ["wcxb", "wcxb@markdownify"]  # none attached: not trained


def test_report_and_card_show_both_side_by_side() -> None:
    both = comparison({"user": {"line_f1": 0.8}}, {"user": {"line_f1": 0.9}})
    lines = both.report("0.2.0").splitlines()
    assert lines[0] == "compared with models/m.joblib (version 0.1.0): test"
    assert [line.split() for line in lines[1:4]] == [["method", "user:line_f1"], ["new", "0.2.0", "0.900"],
                                                     ["current", "0.1.0", "0.800"]]
    assert lines[-1].startswith("verdict: may replace it: not worse")
    card = both.as_card("0.2.0")
    assert card["figures"] == {"new 0.2.0": {"user": {"line_f1": 0.9}}, "current 0.1.0": {"user": {"line_f1": 0.8}}}
    assert card["against"]["version"] == "0.1.0" and card["reasons"] == []
    assert card["tolerance"] == TOLERANCE and card["tolerances"] == {}
    assert "nan" not in both.report("0.2.0")


def test_baseline_is_the_model_to_replace_else_the_packaged_one(tmp_path: Path, monkeypatch) -> None:
    packaged = tmp_path / "packaged.joblib"
    monkeypatch.setattr(compare_module, "DEFAULT_MODEL", packaged)
    assert find_incumbent(tmp_path / "mine.joblib") is None
    save_model({}, packaged, {"version": "0.4.0"})
    assert find_incumbent(tmp_path / "mine.joblib").version == "0.4.0"
    save_model({}, tmp_path / "mine.joblib", {"version": "0.1.0", "training_documents": ["ab"]})
    assert find_incumbent(tmp_path / "mine.joblib").documents == frozenset({"ab"})


def test_recipe_method_trains_only_on_the_documents_its_recipe_lists(gazette) -> None:
    pages = gazette(6, sites=3)
    recipe = RecipeMethod(frozenset(digests(pages[:4])), **QUICK).fit(pages)
    same = JunkFilterMethod(**QUICK).fit(pages[:4])
    other = JunkFilterMethod(**QUICK).fit(pages)
    lines = [page.lines for page in gazette(8)[6:]]
    np.testing.assert_array_equal(np.concatenate(recipe.score_documents(lines)),
                                  np.concatenate(same.score_documents(lines)))
    assert not np.array_equal(np.concatenate(recipe.score_documents(lines)),
                              np.concatenate(other.score_documents(lines)))


def test_refit_only_when_the_card_has_no_figures_for_these_folds(gazette) -> None:
    pages = gazette(4)
    card = {"training_documents": digests(pages), "evaluation": {"fingerprint": "f1"},
            "cross_validation": {NEW: {"user": {"line_f1": 0.9}}}, "params": QUICK}
    assert refit_method(None, "f1", {"user": pages}) is None
    assert refit_method(Incumbent(Path("m.joblib"), card), "f1", {"user": pages}) is None
    assert refit_method(Incumbent(Path("m.joblib"), card), "f2", {"user": gazette(8)[4:]}) is None  # none of its documents
    label, make = refit_method(Incumbent(Path("m.joblib"), card), "f2", {"user": pages})
    assert label == CURRENT and make().params == QUICK


def test_the_current_recipe_is_refit_at_the_part_weights_its_card_records(gazette) -> None:
    pages = gazette(6, sites=3)
    parts = {"user": pages[:4], "other": pages[4:]}
    card = {"training_documents": digests(pages), "params": QUICK,
            "sources": [{"name": "user", "weight": 3.0}, {"name": "other", "weight": 1.0}]}
    weights = recorded_weights(card, parts)
    assert weights == {digest: 3.0 for digest in digests(pages[:4])}  # "other" is at its recorded weight already
    _, make = refit_method(Incumbent(Path("m.joblib"), card), "f2", parts)
    recipe = make().fit(pages)
    lines = [page.lines for page in gazette(8)[6:]]
    at_recorded = JunkFilterMethod(**QUICK).fit([replace(page, weight=3.0) for page in pages[:4]] + pages[4:])
    np.testing.assert_array_equal(np.concatenate(recipe.score_documents(lines)),
                                  np.concatenate(at_recorded.score_documents(lines)))
    at_this_run = JunkFilterMethod(**QUICK).fit(pages)
    assert not np.array_equal(np.concatenate(recipe.score_documents(lines)),
                              np.concatenate(at_this_run.score_documents(lines)))
    assert all(page.weight == 1.0 for page in pages)  # this run's documents are left as they are


@pytest.fixture
def incumbent(gazette, gazette_model, tmp_path: Path) -> Incumbent:
    """A real model file whose card says it was trained on the first four gazette pages."""
    path = tmp_path / "current.joblib"
    save_model(gazette_model, path, {"version": "0.3.0", "training_documents": digests(gazette(4)),
                                     "sources": [{"name": "user"}, {"name": "realpages"}]})
    return Incumbent(path, read_card(path))


def test_compare_scores_added_documents_apart_and_the_current_file_on_them(gazette, incumbent: Incumbent) -> None:
    pages = gazette(6, sites=3)
    stand_ins = [(NEW, KeepAll), (CURRENT, C4LineRule)]
    predictions = cv_predictions(stand_ins, pages, n_folds=3)
    result = compare(incumbent, {"user": pages}, predictions, "fingerprint", ["user"])
    assert result.how == "both recipes fit on the same training part of each held-out fold"
    assert list(result.new) == ["user", ADDED] and list(result.current) == ["user", ADDED]
    assert result.new[ADDED]["line_f1"] == pytest.approx(2 * 5 / 12 / (5 / 12 + 1), abs=1e-4)  # keep-all, 2 pages
    assert result.current[ADDED]["line_f1"] == 1.0
    assert 0.0 <= result.current_file["line_f1"] <= 1.0 and "ece" in result.current_file
    assert result.missing == ("realpages",)
    assert set(result.tolerances) == {"user", ADDED}
    assert result.tolerances["user"]["line_f1"] >= tolerances({"user": pages})["user"]["line_f1"]  # or twice the spread


def test_compare_has_a_column_for_each_rendering_and_refits_when_the_card_lacks_one(gazette, incumbent: Incumbent) -> None:
    pages = [replace(page, renderings={"shouting": replace(page, lines=[line.upper() for line in page.lines])})
             if k % 2 else page for k, page in enumerate(gazette(6, sites=3))]
    predictions = cv_predictions([(NEW, KeepAll), (CURRENT, C4LineRule)], pages, n_folds=3)
    card = {**incumbent.card, "training_documents": digests(pages), "evaluation": {"fingerprint": "same"},
            "cross_validation": {NEW: {"user": {"line_f1": 0.5}}}}
    assert Incumbent(incumbent.path, card).recorded("same", ["user", "user@shouting"]) is None  # so it is refit
    result = compare(Incumbent(incumbent.path, card), {"user": pages}, predictions, "same", ["user"])
    assert list(result.new) == ["user", "user@shouting"] and "both recipes fit" in result.how
    assert result.new["user@shouting"]["line_f1"] == pytest.approx(2 * 5 / 12 / (5 / 12 + 1), abs=1e-4)


def test_compare_uses_the_cards_own_figures_on_the_same_folds(gazette, incumbent: Incumbent) -> None:
    card = {**incumbent.card, "training_documents": digests(gazette(6, sites=3)), "evaluation": {"fingerprint": "same"},
            "cross_validation": {NEW: {"user": {"line_f1": 0.5}}}}
    predictions = cv_predictions([(NEW, C4LineRule)], gazette(6, sites=3), n_folds=3)
    result = compare(Incumbent(incumbent.path, card), {"user": gazette(6, sites=3)}, predictions, "same",
                     ["user", "realpages"])
    assert result.current == {"user": {"line_f1": 0.5}} and result.current_file is None
    assert "its own figures from its card" in result.how and result.reasons() == []
