"""Loading a model safely and using it: sha256 checks, clear errors, order-keeping filtering."""
from __future__ import annotations

import json
import shutil
import textwrap
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import BaseEstimator

from predict.features.table import texts_of
from predict.model import DEFAULT_MODEL, JunkFilter, ModelError, card_path, file_sha256, load_model, read_card
from predict.store.locations import kept_versions
from train.release.save import save_model


class FullStopScore(BaseEstimator):
    """A stand-in model: a line is content exactly when it ends with a full stop."""

    def predict_proba(self, X) -> np.ndarray:
        p = np.array([0.9 if text.endswith(".") else 0.2 for text in texts_of(X)])
        return np.column_stack([1 - p, p])


PAGE = "Menu\nThe pier reopens in May.\nTrending now\nBoats will sail twice a day.\nShare\n"


@pytest.fixture
def copied(model_path: Path, tmp_path: Path) -> Path:
    """A copy of the test model and its card in a folder of the test's own."""
    target = tmp_path / "copy.joblib"
    shutil.copyfile(model_path, target)
    shutil.copyfile(card_path(model_path), card_path(target))
    return target


def test_loads_a_model_checked_against_its_card(model_path: Path) -> None:
    model = load_model(model_path)
    assert isinstance(model, JunkFilter)
    assert model.card["model_sha256"] == file_sha256(model_path)
    assert model.threshold == 0.5


def test_threshold_comes_from_the_card(tmp_path: Path) -> None:
    path = tmp_path / "strict.joblib"
    save_model(FullStopScore(), path, {"threshold": 0.95})
    assert load_model(path).threshold == 0.95
    assert load_model(path).filter_text(PAGE) == ""


class UnsureScore(BaseEstimator):
    """A stand-in model unsure of every line: 0.4 each."""

    def predict_proba(self, X) -> np.ndarray:
        p = np.full(len(texts_of(X)), 0.4)
        return np.column_stack([1 - p, p])


LISTING = ["Walnut desk, oak legs", "Reading lamp in brass", "Garden bench for two"]


def test_the_page_rule_comes_from_the_card_and_keeps_more_of_an_unsure_page(tmp_path: Path) -> None:
    path = tmp_path / "rule.joblib"
    save_model(UnsureScore(), path, {"threshold": 0.5, "uncertain_page_f1": 0.6})
    model = load_model(path)
    assert model.uncertain_page_f1 == 0.6
    assert model.filter_lines(LISTING) == LISTING
    assert model.page_threshold(LISTING, model.score_lines(LISTING)) < 0.4


def test_a_threshold_given_cuts_every_page_there() -> None:
    model = JunkFilter(UnsureScore(), uncertain_page_f1=0.6)
    assert model.filter_lines(LISTING, threshold=0.5) == []
    assert model.keep_scored(LISTING, np.full(3, 0.4), threshold=0.5).tolist() == [False] * 3
    assert JunkFilter(UnsureScore()).filter_lines(LISTING) == []  # a card without the rule: as before


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not found.*python -m train"):
        load_model(tmp_path / "absent.joblib")


def test_tampered_file_is_refused(copied: Path) -> None:
    copied.write_bytes(copied.read_bytes() + b"\0")
    with pytest.raises(ModelError, match="does not match the sha256"):
        load_model(copied)


def test_file_without_card_is_refused_unless_verification_is_off(copied: Path) -> None:
    card_path(copied).unlink()
    with pytest.raises(ModelError, match="no model card"):
        load_model(copied)
    model = load_model(copied, verify=False)
    assert model.card == {} and model.threshold == 0.5


def test_the_command_line_never_suggests_an_option_it_does_not_accept(copied: Path, capsys) -> None:
    """``verify=False`` is a ``load_model`` argument; no command takes it, so no message the commands print names it."""
    from predict.cli.main import main

    card_path(copied).unlink()
    assert main(["--model", str(copied), "-"]) == 3
    message = capsys.readouterr().err
    assert "no model card" in message and "python -m train" in message and "verify" not in message


def test_card_without_sha256_is_refused(copied: Path) -> None:
    card_path(copied).write_text(json.dumps({"threshold": 0.5}), encoding="utf-8")
    with pytest.raises(ModelError, match="no model card with a sha256"):
        load_model(copied)


def test_unreadable_card_is_reported(copied: Path) -> None:
    card_path(copied).write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="unreadable"):
        read_card(copied)
    with pytest.raises(ModelError, match="unreadable"):
        load_model(copied)


def test_truncated_file_is_reported_when_not_verified(copied: Path) -> None:
    copied.write_bytes(copied.read_bytes()[:100])
    with pytest.raises(ModelError, match="could not be loaded.*retrain"):
        load_model(copied, verify=False)


def test_object_that_cannot_score_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notamodel.joblib"
    save_model({"weights": [1, 2, 3]}, path, {})
    with pytest.raises(ModelError, match="not a junkfilter model"):
        load_model(path)


def test_filter_text_keeps_article_lines_in_order() -> None:
    model = JunkFilter(FullStopScore())
    assert model.filter_text(PAGE) == "The pier reopens in May.\nBoats will sail twice a day.\n"
    assert model.keep(PAGE.splitlines()).tolist() == [False, True, False, True, False]
    assert model.filter_lines(PAGE.splitlines(), threshold=0.1) == PAGE.splitlines()


def test_filter_text_of_nothing_kept_or_empty_text() -> None:
    model = JunkFilter(FullStopScore())
    assert model.filter_text("") == ""
    assert model.filter_text("Menu\nShare") == ""


def test_scores_many_documents_at_once_including_empty_ones() -> None:
    scores = JunkFilter(FullStopScore()).score_documents([["Menu", "It rained."], [], ["Sport"]])
    assert [s.tolist() for s in scores] == [[0.2, 0.9], [], [0.2]]
    assert JunkFilter(FullStopScore()).score_documents([[], []])[1].shape == (0,)


COPIED = ["Menu", "The pier reopens in May.", "Boats will sail twice a day.", "Share",
          "The pier reopens in May.", "Boats will sail twice a day.", "Footer"]


def test_predict_and_predict_proba_agree_with_keep_scored_and_score_documents(model_path: Path, pages) -> None:
    """scikit-learn's shapes over documents, the same decisions as ``keep``: page rule and copies included."""
    for model, documents in [(load_model(model_path), [page.lines for page in pages] + [[]]),
                             (JunkFilter(FullStopScore()), [COPIED, PAGE.splitlines(), ["Share"]]),
                             (JunkFilter(UnsureScore(), uncertain_page_f1=0.6), [LISTING, []])]:
        proba, masks = model.predict_proba(documents), model.predict(documents)
        scores = model.score_documents(documents)
        assert len(proba) == len(masks) == len(documents)
        for lines, p, mask, s in zip(documents, proba, masks, scores):
            assert p.shape == (len(lines), 2) and mask.shape == (len(lines),) and mask.dtype == bool
            assert p[:, 1].tolist() == s.tolist() and np.allclose(p.sum(axis=1), 1.0)
            assert mask.tolist() == model.keep_scored(lines, s).tolist() == model.keep(lines).tolist()
        assert [m.tolist() for m in model.predict(documents, threshold=0.95)] == \
            [model.keep(lines, threshold=0.95).tolist() for lines in documents]
    kept = load_model(model_path).predict([page.lines for page in pages])
    assert [[line for line, k in zip(page.lines, mask) if k] for page, mask in zip(pages, kept)] == \
        [page.content for page in pages]
    assert JunkFilter(FullStopScore()).predict([COPIED])[0].tolist() == [False, True, True] + [False] * 4  # copy
    assert JunkFilter(UnsureScore(), uncertain_page_f1=0.6).predict([LISTING])[0].all()  # the page rule


def test_repr_is_one_short_line_that_names_the_version() -> None:
    model = load_model()
    shown = repr(model)
    assert len(repr(model.card)) > 1000  # what a dataclass repr printed
    assert len(shown) < 200 and "\n" not in shown and str(model) == shown
    assert shown == (f"JunkFilter(version={model.card['version']!r}, threshold={model.threshold!r}, "
                     f"uncertain_page_f1={model.uncertain_page_f1!r}, unwrap=True, drop_copies=True, "
                     "keep_metadata=False, keep_headline=True)")
    assert repr(JunkFilter(FullStopScore(), drop_copies=False)) == ("JunkFilter(estimator=FullStopScore, threshold=0.5, "
                                                                     "uncertain_page_f1=None, unwrap=True, "
                                                                     "drop_copies=False, keep_metadata=False, "
                                                                     "keep_headline=True)")


def test_score_is_score_lines_so_it_does_not_clash_with_scikit_learns_score() -> None:
    """scikit-learn's ``score(X, y)`` returns a metric; the old ``score(lines)`` is gone, with a pointer."""
    model = JunkFilter(FullStopScore())
    assert not hasattr(model, "score")
    with pytest.raises(AttributeError, match=r"score_lines\(lines\) since predict 0\.4\.0"):
        model.score(["The pier reopens in May."])
    with pytest.raises(AttributeError, match="has no attribute 'scores'"):
        _ = model.scores


def test_a_hard_wrapped_paragraph_is_scored_as_one_and_its_lines_kept_as_they_came(paragraphs) -> None:
    lines = ["Menu", "Trending now", ""]
    for paragraph in paragraphs * 2:
        lines += [*textwrap.wrap(paragraph, 72), ""]
    lines += ["Share"]
    model = JunkFilter(FullStopScore(), drop_copies=False)  # the paragraphs twice (lines enough to find the width)
    kept = model.filter_lines(lines)
    assert kept == lines[3:-2]  # every line of every paragraph and the blank lines between them
    assert kept[:3] == textwrap.wrap(paragraphs[0], 72)[:3]
    line_by_line = replace(model, unwrap=False).filter_lines(lines)
    assert [line for line in line_by_line if line] == [line for line in kept if line.endswith(".")]


def test_blank_lines_are_kept_only_between_kept_lines() -> None:
    model = JunkFilter(FullStopScore())
    text = "Menu\n\nThe pier reopens in May.\n\nBoats will sail twice a day.\n\nShare\n"
    assert model.filter_text(text) == "The pier reopens in May.\n\nBoats will sail twice a day.\n"
    assert model.score_lines(text.splitlines()).tolist() == [0.2, 0.2, 0.9, 0.9, 0.9, 0.2, 0.2]


@pytest.mark.parametrize("version", sorted(kept_versions(DEFAULT_MODEL)))
def test_every_kept_version_still_filters_a_page(version: str) -> None:
    """``--model 0.11.0`` and ``--restore`` promise that a kept model runs on today's code (same features)."""
    lines = ["Harbour Gazette", "The ferry pier reopens in May after a winter of repairs.",
             "Boats will sail twice a day, the harbour master said on Tuesday.", "Share", "Updated 18:45"]
    scores = load_model(version).score_lines(lines)
    assert scores.shape == (len(lines),) and ((scores >= 0) & (scores <= 1)).all()


def test_trained_model_filters_an_unseen_page(gazette_model, unseen_page) -> None:
    model = JunkFilter(gazette_model)
    text = "".join(line + "\n" for line in unseen_page.lines)
    article = [line for line, label in zip(unseen_page.lines, unseen_page.labels) if label == 1]
    assert model.filter_text(text) == "".join(line + "\n" for line in article)


def test_model_from_another_scikit_learn_minor_is_refused_before_loading(copied: Path) -> None:
    card = json.loads(card_path(copied).read_text(encoding="utf-8"))
    card["libraries"] = {"scikit-learn": "1.0.2"}
    card_path(copied).write_text(json.dumps(card), encoding="utf-8")
    with pytest.raises(ModelError, match=r"scikit-learn 1\.0\.2 but .* installed; install scikit-learn==1\.0\.2 or retrain"):
        load_model(copied)


def test_model_from_another_scikit_learn_patch_release_loads(copied: Path) -> None:
    import sklearn

    major, minor = sklearn.__version__.split(".")[:2]
    card = json.loads(card_path(copied).read_text(encoding="utf-8"))
    card["libraries"] = {"scikit-learn": f"{major}.{minor}.999"}
    card_path(copied).write_text(json.dumps(card), encoding="utf-8")
    assert load_model(copied).keep(PAGE.splitlines()).any()


def test_skops_model_loads_without_a_card_and_is_checked_when_it_has_one(model_path: Path, tmp_path: Path) -> None:
    trusted = load_model(model_path)
    path = tmp_path / "travelling.skops"
    save_model(trusted.estimator, path, {"threshold": 0.5})
    assert load_model(path).score_lines(PAGE.splitlines()).tolist() == trusted.score_lines(PAGE.splitlines()).tolist()
    path.write_bytes(path.read_bytes() + b"\0")
    with pytest.raises(ModelError, match="does not match the sha256"):
        load_model(path)
    card_path(path).unlink()
    path.write_bytes(path.read_bytes()[:-1])
    assert load_model(path).card == {}


def test_skops_model_with_untrusted_types_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "stranger.skops"
    save_model(FullStopScore(), path, {})  # a class junkfilter does not know, like anyone else's code
    with pytest.raises(ModelError, match=r"not loaded: it names types junkfilter does not trust \(.*FullStopScore\)"):
        load_model(path)



def test_a_skops_card_saved_under_the_old_shared_name_is_still_read(tmp_path: Path) -> None:
    """Before each file had its own card, ``mine.skops``'s card was ``mine.json``: still its card if it names the file."""
    model = tmp_path / "mine.skops"
    card = save_model(FullStopScore(), model, {"threshold": 0.5})
    assert card_path(model) == tmp_path / "mine.skops.json"
    card_path(model).rename(tmp_path / "mine.json")
    assert read_card(model) == card
    (tmp_path / "mine.json").write_text(json.dumps({**card, "model_file": "mine.joblib"}), encoding="utf-8")
    assert read_card(model) == {}  # the card of another file


@pytest.mark.parametrize("call", [
    lambda model: model.score_lines("The pier reopens in May."),
    lambda model: model.keep("The pier reopens in May."),
    lambda model: model.filter_lines("The pier reopens in May."),
    lambda model: model.score_documents(["Menu", "The pier reopens in May."]),
    lambda model: model.score_documents("The pier reopens in May."),
    lambda model: model.predict("Menu\nThe pier reopens in May.\n"),
    lambda model: model.predict(["Menu\nThe pier reopens in May.\n"]),  # a page: its lines, please
    lambda model: model.predict(["Menu", "The pier reopens in May."]),  # lines are not documents
    lambda model: model.predict_proba("Menu\nThe pier reopens in May.\n"),
    lambda model: model.predict_proba(["Menu\nThe pier reopens in May.\n"]),
])
def test_a_string_where_lines_are_expected_is_a_type_error(call) -> None:
    """A ``str`` iterates as characters: scored, each character would be a line."""
    with pytest.raises(TypeError, match="must be a sequence of"):
        call(JunkFilter(FullStopScore()))
    assert JunkFilter(FullStopScore()).score_lines(["The pier reopens in May."]).tolist() == [0.9]


FRONT_MATTER = ["---", "title: The pier reopens", "meta-description: The pier reopens in May after repairs.", "---"]


def test_a_metadata_block_is_never_scored_and_dropped_unless_kept() -> None:
    """Issue 29: a converter's front matter holds well-formed sentences (a meta description) that a line
    model keeps; it is not the page's text. The lines after it score as if it were not there."""
    model = load_model()
    page = ["The pier reopens in May.", "Boats will sail twice a day from the harbour steps.", "Share"]
    scores = model.score_lines([*FRONT_MATTER, *page])
    assert scores[:4].tolist() == [0.0] * 4
    np.testing.assert_allclose(scores[4:], model.score_lines(page))
    keep = model.keep([*FRONT_MATTER, *page])
    assert not keep[:4].any() and keep[4:].tolist() == model.keep(page).tolist()
    kept = replace(model, keep_metadata=True).keep([*FRONT_MATTER, *page])
    assert kept[:4].all() and kept[4:].tolist() == keep[4:].tolist()
    assert JunkFilter(FullStopScore()).predict([[*FRONT_MATTER, *page]])[0].tolist() == \
        [False] * 4 + [True, True, False]
