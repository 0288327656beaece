"""``python -m train.evaluate`` in-process, on Larchfield Gazette pages standing in for ../shared."""
from __future__ import annotations

import contextlib
import io
import json
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from train.data.corpus import CorpusPart
from train.evaluate import cli as evaluate, side_by_side as evaluation
from train.evaluate.side_by_side import HELDOUT, OURS
from train.fit import JunkFilterMethod
from train.recipe import MODEL_PARAMS


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


def run(*argv: str) -> Result:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = evaluate.main(list(argv))
    return Result(code, out.getvalue(), err.getvalue())


@pytest.fixture
def shared(gazette, unseen_page, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple]:
    """Fake shared corpora: six scored pages, composed pages from the gazette; records what was asked for."""
    asked: list[tuple] = []

    def parts(n_composed: int, seed: int, renderings: list[str]) -> list[CorpusPart]:
        asked.append(("parts", n_composed, seed, renderings))
        composed = [CorpusPart("composed", gazette(8)[6:][:n_composed], train_only=True)] if n_composed else []
        pages = gazette(6, sites=3)
        for page in pages[:4]:  # four pages also rendered by a tool that shouts
            page.renderings.update({name: replace(page, lines=[line.upper() for line in page.lines])
                                    for name in renderings})
        return [CorpusPart("realpages", pages), *composed]

    def composed(folder: Path, n: int, seed: int, split: str) -> list:
        asked.append(("heldout", n, seed, split))
        return [unseen_page] * n

    monkeypatch.setattr(evaluation, "shared_dir", lambda: tmp_path)
    monkeypatch.setattr(evaluation, "shared_parts", parts)
    monkeypatch.setattr(evaluation, "composed_from_shared", composed)
    return asked


def test_prints_the_table_and_writes_it_as_json(shared: list[tuple], tmp_path: Path) -> None:
    output = tmp_path / "figures" / "eval.json"
    result = run("--only", "keep-all,c4-line-rule", "--folds", "2", "--composed", "2", "--heldout-composed", "3",
                 "--seed", "7", "--renderings", "", "--output", str(output))
    assert result.code == 0, result.err
    assert shared == [("parts", 2, 7, []), ("heldout", 3, 8, "test")]
    header, *rows = result.out.splitlines()
    assert header.split()[:3] == ["method", "realpages:line_f1", f"{HELDOUT}:line_f1"]
    assert [row.split()[0] for row in rows] == ["keep-all", "c4-line-rule"]
    record = json.loads(output.read_text(encoding="utf-8"))
    assert list(record["table"]) == ["keep-all", "c4-line-rule"]
    assert record["table"]["c4-line-rule"][HELDOUT]["line_f1"] == 1.0
    assert record["settings"]["heldout_composed"] == 3 and record["command"].startswith("python -m train.evaluate")
    assert "realpages: 6 documents" in result.err and "fold" not in result.err  # rules are not fitted per fold


def test_our_model_is_built_with_the_packaged_parameters(shared: list[tuple], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evaluate, "MODEL_PARAMS", {"context": False, "decoder": False, "C": 2.0})
    built: list[dict] = []
    fit = JunkFilterMethod.fit
    monkeypatch.setattr(JunkFilterMethod, "fit", lambda self, docs: built.append(self.params) or fit(self, docs))
    result = run("--only", OURS, "--folds", "2", "--composed", "0", "--heldout-composed", "0", "--quiet")
    assert result.code == 0, result.err
    assert result.err == "" and result.out.splitlines()[1].startswith(OURS)
    assert built == [{"learn_decoder": True, "context": False, "decoder": False, "C": 2.0}] * 2


def test_our_folds_train_on_the_recipes_renderings_whatever_columns_are_asked(
        shared: list[tuple], monkeypatch: pytest.MonkeyPatch) -> None:
    # a converter's column scores the recipe's model only if the folds get the renderings it trains on
    monkeypatch.setattr(evaluate, "MODEL_PARAMS", {"context": False, "decoder": False, "renderings": ["shouting"]})
    common = ("--folds", "2", "--composed", "0", "--heldout-composed", "0", "--quiet")
    assert run("--only", OURS, "--renderings", "", *common).code == 0
    assert run("--only", OURS, "--renderings", "whispering", *common).code == 0
    assert run("--only", "keep-all", "--renderings", "whispering", *common).code == 0
    assert [call[3] for call in shared] == [["shouting"], ["shouting", "whispering"], ["whispering"]]


def test_fold_models_kept_in_a_folder_are_reused_not_refitted(
        shared: list[tuple], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(evaluate, "MODEL_PARAMS", {"context": False, "decoder": False})
    fits: list[int] = []
    fit = JunkFilterMethod.fit
    monkeypatch.setattr(JunkFilterMethod, "fit", lambda self, docs: fits.append(len(docs)) or fit(self, docs))
    common = ("--only", OURS, "--folds", "2", "--composed", "0", "--heldout-composed", "0", "--renderings", "",
              "--quiet", "--fold-models", str(tmp_path / "folds"))
    first = run(*common)
    assert first.code == 0, first.err
    assert len(fits) == 2 and len(list((tmp_path / "folds").glob("fold-*.joblib"))) == 2
    again = run(*common)
    assert again.code == 0 and again.out == first.out and len(fits) == 2  # read back, not refitted
    monkeypatch.setattr(evaluate, "MODEL_PARAMS", {"context": False, "decoder": False, "C": 0.5})
    assert run(*common).code == 0 and len(fits) == 4  # another recipe: other fits


def test_without_the_shared_corpora_it_stops_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evaluation, "shared_dir", lambda: None)
    result = run("--only", "keep-all", "--quiet")
    assert result.code == 1 and result.out == ""
    assert result.err.startswith("train.evaluate: error: the shared corpora are not at") and result.err.count("\n") == 1


def test_a_row_whose_extra_is_missing_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 33: without the eval extra, the jusText row ended in a raw ModuleNotFoundError."""
    monkeypatch.setitem(evaluation.ROW_NEEDS, "justext", ("no_such_justext_module", "eval"))
    result = run("--only", "keep-all,justext", "--quiet")
    assert result.code == 1 and result.out == ""
    assert result.err == ("train.evaluate: error: the justext row needs no_such_justext_module, which is not "
                          "installed: install it with 'pip install -e \".[eval]\"' and run again\n")


def test_a_rendering_whose_tool_is_missing_stops_the_run_instead_of_dropping_its_columns(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Issue 33: with its renderers missing, the evaluation left their columns out and exited 0."""
    from train.data import renderers, renderings

    monkeypatch.setitem(renderers.TOOLS, "markdownify", ("no_such_markdown_module", "markdownify", "render"))
    monkeypatch.setattr(evaluation, "shared_dir", lambda: tmp_path)
    monkeypatch.setattr(evaluation, "shared_parts", lambda n, seed, names: renderings.build_cache(names) or [])
    result = run("--only", "keep-all", "--renderings", "markdownify", "--quiet")
    assert result.code == 1 and result.out == ""
    assert "markdownify rendering needs no_such_markdown_module" in result.err and ".[render]" in result.err


@pytest.mark.parametrize(("argv", "message"), [
    (["--folds", "1"], "--folds must be 2 or more"),
    (["--heldout-composed", "-1"], "0 or more"),
    (["--only", "keep-all,ours"], "unknown row ours"),
    (["--only", "keep-all", "--skip", "justext"], "not allowed with argument"),
    (["--skip", ",".join([*evaluation.row_names(evaluation.default_methods(MODEL_PARAMS)), *evaluation.REFERENCES])],
     "no row left"),
])
def test_bad_options_are_usage_errors(argv: list[str], message: str) -> None:
    result = run(*argv)
    assert result.code == 2 and message in result.err and result.err.endswith("(see --help)\n")


def test_every_rendering_gets_its_own_columns_with_its_ceiling(shared: list[tuple], tmp_path: Path) -> None:
    output = tmp_path / "eval.json"
    result = run("--only", "keep-all,line-labels", "--folds", "2", "--composed", "0", "--heldout-composed", "0",
                 "--renderings", "shouting", "--quiet", "--output", str(output))
    assert result.code == 0, result.err
    assert shared == [("parts", 0, 0, ["shouting"])]
    table = json.loads(output.read_text(encoding="utf-8"))["table"]
    # the four rendered pages, scored as rendered: keeping all of them and keeping their labels
    assert table["keep-all"]["realpages@shouting"]["line_f1"] < table["line-labels"]["realpages@shouting"]["line_f1"] == 1.0
    assert "realpages@shouting" in result.out.splitlines()[0]
    assert run("--only", "keep-all", "--renderings", "", "--folds", "2", "--composed", "0", "--heldout-composed",
               "0", "--quiet").code == 0
