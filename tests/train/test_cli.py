"""``python -m train`` end to end on a folder of small .labels files (no shared corpora)."""
from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from predict import load_model
from predict.labels import format_labels
from predict.model import ModelError, card_path, file_sha256
from predict.store import locations
from train.cli import main


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def run(*argv: str) -> Run:
    """``python -m train ARGV --no-shared``: these tests train on their own pages only, whether ../shared is here or not."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*argv, "--no-shared"])
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="module")
def data(gazette, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six labelled pages from three sites, one .labels file each, plus a README that is skipped."""
    folder = tmp_path_factory.mktemp("data")
    for k, doc in enumerate(gazette(6, sites=3)):
        (folder / f"page{k}.labels").write_text(format_labels(doc.lines, doc.labels, meta={"domain": doc.domain}),
                                                encoding="utf-8")
    (folder / "README.md").write_text("Pages written for the tests.\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def trained(data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, Path]:
    output = tmp_path_factory.mktemp("model") / "gazette.joblib"
    return run(str(data), "--output", str(output), "--folds", "2", "--composed", "0", "--quiet"), output


def test_writes_a_model_and_its_card(trained: tuple[Run, Path]) -> None:
    result, output = trained
    assert result.code == 0, result.err
    assert result.err == ""  # --quiet
    card = json.loads(card_path(output).read_text(encoding="utf-8"))
    assert card["model_sha256"] == file_sha256(output)
    assert card["threshold"] == 0.5 and card["seed"] == 0


def test_card_names_the_training_files_with_sha256(trained: tuple[Run, Path], data: Path) -> None:
    _, output = trained
    (source,) = json.loads(card_path(output).read_text(encoding="utf-8"))["sources"]
    assert source["name"] == "user" and source["documents"] == 6 and source["lines"] == source["labelled_lines"] == 72
    labels_files = sorted(data.glob("*.labels"))
    assert all(source["files"][str(path)] == file_sha256(path) for path in labels_files)


def test_card_and_stdout_carry_cross_validated_figures(trained: tuple[Run, Path]) -> None:
    result, output = trained
    cv = json.loads(card_path(output).read_text(encoding="utf-8"))["cross_validation"]
    assert list(cv) == ["keep-all", "c4-line-rule", "junkfilter"]
    assert all(0.0 <= cv[method]["user"]["line_f1"] <= 1.0 for method in cv)
    assert "ece" in cv["junkfilter"]["user"]
    assert result.out.splitlines()[0].split()[:2] == ["method", "user:line_f1"]


def test_trained_model_loads_and_filters(trained: tuple[Run, Path], unseen_page) -> None:
    model = load_model(trained[1])
    assert model.keep(unseen_page.lines).tolist() == [bool(label) for label in unseen_page.labels]


def test_same_data_without_cv_gives_the_same_model_file(trained: tuple[Run, Path], data: Path,
                                                        tmp_path: Path) -> None:
    output = tmp_path / "again.joblib"
    result = run(str(data), "--output", str(output), "--no-cv", "--composed", "0")
    assert result.code == 0, result.err
    assert "fitting the final model" in result.err and result.out == ""
    assert output.read_bytes() == trained[1].read_bytes()
    assert json.loads(card_path(output).read_text(encoding="utf-8"))["cross_validation"] is None


def test_missing_data_fails_with_one_line(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nowhere"), "--output", str(tmp_path / "m.joblib"), "--quiet")
    assert result.code == 1
    assert result.err.startswith("train: error:") and "nowhere" in result.err
    assert result.err.count("\n") == 1
    assert not (tmp_path / "m.joblib").exists()


def test_file_that_is_not_training_data_fails(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Remember to label the sport pages.\n", encoding="utf-8")
    result = run(str(notes), "--output", str(tmp_path / "m.joblib"), "--quiet")
    assert result.code == 1 and "notes.txt" in result.err and ".labels" in result.err


@pytest.mark.parametrize("argv", [["--folds", "two"], ["--no-such-option"], ["--composed"]])
def test_bad_arguments_are_usage_errors(argv: list[str]) -> None:
    result = run(*argv)
    assert result.code == 2
    assert result.err.startswith("train: error:") and "--help" in result.err


def test_fewer_than_two_folds_is_a_usage_error(data: Path, tmp_path: Path) -> None:
    result = run(str(data), "--folds", "1", "--output", str(tmp_path / "m.joblib"), "--quiet")
    assert result.code == 2 and "--folds" in result.err


def test_card_records_the_command_that_was_run(trained: tuple[Run, Path], data: Path) -> None:
    command = json.loads(card_path(trained[1]).read_text(encoding="utf-8"))["command"]
    assert command.startswith("python -m train") and str(data) in command and "--folds 2" in command


@pytest.mark.parametrize("pages", [1, 2])
def test_too_little_data_says_more_documents_are_needed(pages: int, tmp_path: Path) -> None:
    for k in range(pages):
        (tmp_path / f"p{k}.labels").write_text(format_labels(["Menu", f"Pier {k} reopens in May.", "Share"], [0, 1, 0]),
                                               encoding="utf-8")
    result = run(str(tmp_path), "--no-cv", "--output", str(tmp_path / "m.joblib"), "--quiet")
    assert result.code == 1 and re.search(r"\badd\b.*\bdocuments\b", result.err)


# --- versions, comparison, refusal -----------------------------------------------


def card_of(path: Path) -> dict:
    return json.loads(card_path(path).read_text(encoding="utf-8"))


@pytest.fixture
def installed(trained: tuple[Run, Path], tmp_path: Path) -> Path:
    """A copy of the trained model (version 0.1.0) as the current model of a folder of the test's own."""
    target = tmp_path / "models" / "gazette.joblib"
    target.parent.mkdir()
    shutil.copyfile(trained[1], target)
    shutil.copyfile(card_path(trained[1]), card_path(target))
    return target


@pytest.fixture(scope="module")
def mislabelled(gazette, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three pages of another site labelled back to front: article lines junk, junk lines content."""
    folder = tmp_path_factory.mktemp("mislabelled")
    for k, doc in enumerate(gazette(9, sites=3)[6:]):
        (folder / f"wrong{k}.labels").write_text(
            format_labels(doc.lines, [1 - label for label in doc.labels], meta={"domain": "careless.example"}),
            encoding="utf-8")
    return folder


def test_every_model_is_kept_as_a_version(trained: tuple[Run, Path]) -> None:
    _, output = trained
    kept = output.parent / "versions" / "gazette-0.1.0.joblib"
    assert kept.read_bytes() == output.read_bytes()
    assert card_of(output)["version"] == card_of(kept)["version"] == "0.1.0"
    assert len(card_of(output)["training_documents"]) == 6
    assert card_of(output)["evaluation"]["folds"] == 2


def test_a_worse_model_is_refused_kept_aside_and_can_still_be_installed(installed: Path, data: Path, mislabelled: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    before = installed.read_bytes()
    result = run(str(data), "--data", str(mislabelled), "--output", str(installed), "--folds", "2", "--quiet")
    assert result.code == 3
    assert result.err.count("\n") == 1 and result.err.startswith("train: refused:")
    assert "worse on held-out folds" in result.err and "--force" in result.err and "--restore 0.2.0" in result.err
    assert installed.read_bytes() == before and card_of(installed)["version"] == "0.1.0"
    refused = installed.parent / "versions" / "refused" / "gazette-0.2.0.joblib"
    assert str(refused) in result.err and not (installed.parent / "versions" / "gazette-0.2.0.joblib").exists()
    monkeypatch.setattr(locations, "MODELS_DIR", installed.parent)  # --model NAME looks in the test's models/
    with pytest.raises(ModelError, match=r"refused by 'python -m train'.* kept as .*refused/gazette-0\.2\.0\.joblib"):
        load_model("gazette-0.2.0")
    comparison = card_of(refused)["comparison"]
    assert comparison["installed"] is False and comparison["against"]["version"] == "0.1.0"
    assert comparison["how"] == "both recipes fit on the same training part of each held-out fold"
    new, current = comparison["figures"]["new 0.2.0"], comparison["figures"]["current 0.1.0"]
    assert new["user"]["line_f1"] < current["user"]["line_f1"] - 0.005
    assert "added" in new and "added" in comparison["figures"]["current file 0.1.0"]
    assert "current 0.1.0" in result.out and "verdict: may not replace it: it is worse" in result.out
    assert run("--restore", "0.2.0", "--output", str(installed), "--quiet").code == 0  # as the message says
    assert load_model(installed).card["version"] == "0.2.0"
    assert run("--restore", "--output", str(installed), "--quiet").code == 0
    assert installed.read_bytes() == before


def test_a_forced_worse_model_says_it_is_installed_regardless(installed: Path, data: Path, mislabelled: Path) -> None:
    result = run(str(data), "--data", str(mislabelled), "--output", str(installed), "--folds", "2", "--force")
    assert result.code == 0, result.err
    assert "verdict: may not replace it" in result.out and "installing it regardless: --force" in result.out
    assert card_of(installed)["version"] == "0.2.0"


def test_same_data_again_is_compared_on_the_cards_own_figures(installed: Path, data: Path) -> None:
    result = run(str(data), "--output", str(installed), "--folds", "2")
    assert result.code == 0, result.err
    assert "cross-validating current recipe" not in result.err  # nothing fit twice
    assert "its own figures from its card" in result.out and "verdict: may replace it" in result.out
    assert card_of(installed)["version"] == "0.2.0"


def test_without_cv_a_model_is_not_replaced_unless_forced(installed: Path, data: Path) -> None:
    result = run(str(data), "--output", str(installed), "--no-cv", "--quiet")
    assert result.code == 3 and "--no-cv" in result.err
    assert card_of(installed)["version"] == "0.1.0"
    assert run(str(data), "--output", str(installed), "--no-cv", "--force", "--quiet").code == 0
    assert card_of(installed)["version"] == "0.3.0"  # 0.2.0 is the refused one, kept


def test_a_skops_model_is_written_for_sharing(data: Path, tmp_path: Path, unseen_page) -> None:
    output = tmp_path / "shared.skops"
    assert run(str(data), "--output", str(output), "--no-cv", "--quiet").code == 0
    assert load_model(output).keep(unseen_page.lines).tolist() == [bool(label) for label in unseen_page.labels]


def test_a_skops_and_a_joblib_model_of_one_name_each_keep_their_own_card(data: Path, tmp_path: Path) -> None:
    """``--output mine.skops`` then ``--output mine.joblib``: the second must not take the first's card."""
    models = tmp_path / "models"
    for suffix in (".skops", ".joblib"):
        assert run(str(data), "--output", str(models / f"mine{suffix}"), "--no-cv", "--quiet").code == 0
    for model in [models / "mine.skops", models / "mine.joblib", *sorted((models / "versions").glob("mine-*.*[bs]"))]:
        assert card_path(model) != card_path(model.with_suffix(".joblib" if model.suffix == ".skops" else ".skops"))
        assert json.loads(card_path(model).read_text(encoding="utf-8"))["model_sha256"] == file_sha256(model)
        load_model(model)  # neither is refused as tampered
    assert len({card_path(model) for model in models.rglob("mine*") if model.suffix in (".skops", ".joblib")}) == 4


def test_restore_with_training_data_is_a_usage_error(data: Path) -> None:
    result = run("--restore", "0.1.0", str(data))
    assert result.code == 2 and "--restore" in result.err


def test_version_names_junkfilter_and_the_packaged_model(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert re.fullmatch(r"train \(junkfilter [0-9.]+\), packaged model junkfilter [0-9.]+\n", capsys.readouterr().out)


def test_training_on_the_shared_corpora_without_a_renderer_stops_before_writing_anything(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 33: without the render extra, 'python -m train --shared' wrote empty caches and installed a model
    trained on less than its recipe. It must stop with the install command, leaving models and caches alone."""
    from train.data import renderers
    from train.data.sources import shared_dir

    if shared_dir() is None:
        pytest.skip("needs the shared corpora in ../shared")
    monkeypatch.setitem(renderers.TOOLS, "markdownify", ("no_such_markdown_module", "markdownify", "render"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    output = tmp_path / "models" / "junkfilter.joblib"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--shared", "--composed", "0", "--output", str(output), "--quiet"])
    assert code == 1, err.getvalue()
    assert err.getvalue().startswith("train: error: the markdownify rendering needs no_such_markdown_module")
    assert re.search(r"not installed: install (it|them) with 'pip install -e \"\.\[(eval,)?render\]\"' and run "
                     r"again\n$", err.getvalue()) and err.getvalue().count("\n") == 1  # "them" where others are missing too
    assert not (tmp_path / "models").exists()
    assert not (tmp_path / "cache").exists()


def test_training_shows_a_bar_per_recipe_and_the_final_fits_duration(data: Path, tmp_path: Path) -> None:
    """Issue 33: the site model's training printed nothing for 11 minutes of cross-validation."""
    result = run(str(data), "--output", str(tmp_path / "shown.joblib"), "--folds", "2")
    assert result.code == 0, result.err
    bars = [line for line in result.err.replace("\r", "\n").splitlines() if "folds:" in line]
    assert any(line.startswith("junkfilter: folds: 100%") and "2/2" in line for line in bars)
    assert "fold 1/2 fitted and scored" not in result.err  # the bar says it
    assert re.search(r"a fit on all the data takes about \d+ s \(from the folds' fits\)", result.err)
