"""The distribution: a wheel built from the repository carries its model and works from any folder.

The wheel is built from a copy of the files it is made of (building in the
checkout would write ``build/`` and ``*.egg-info`` into it), installed with
``pip install --target`` and run with that folder first on ``sys.path``, from
a folder that is not the checkout, so nothing can be found through it.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from predict import load_model
from train.data.sources import SEED_RAW, SHARED_DIR

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "setup.py", "README.md", "predict", "train")
PACKAGED = ("junkfilter.joblib", "junkfilter.json")
SEED = SHARED_DIR / SEED_RAW
PAGE = """Home | Towns | Weather | Sign in
The Alderbrook ferry will run a second crossing every morning from the first of March, the harbour board said.
Commuters have asked for an earlier boat for years, since the single crossing reaches the mainland after nine.
The board expects the extra sailing to cost less than the bus service that replaced the winter timetable.
Trending now
Ten gadgets you will want this spring
Watch: seal naps on a paddleboard
"""


def _pip(python: Path | str, *args: str, cwd: Path | None = None) -> None:
    result = subprocess.run([str(python), "-m", "pip", "--disable-pip-version-check", "-q", *args],
                            cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built (``pip wheel --no-deps``) from a copy of the repository's sources and packaged model."""
    source = tmp_path_factory.mktemp("source")
    for name in (name for name in SOURCES if (ROOT / name).exists()):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, source / name, **({"ignore": shutil.ignore_patterns("__pycache__")}
                                            if (ROOT / name).is_dir() else {}))
    (source / "models").mkdir()
    for name in PACKAGED:
        shutil.copy2(ROOT / "models" / name, source / "models" / name)
    dist = tmp_path_factory.mktemp("dist")
    _pip(sys.executable, "wheel", "--no-deps", "-w", str(dist), ".", cwd=source)
    (built,) = dist.glob("junkfilter-*.whl")
    return built


def _run_predict(python: Path | str, page: Path, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(python), "-m", "predict", str(page)], cwd=cwd, env=env, capture_output=True, timeout=300)


def test_installed_wheel_filters_a_page_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    _pip(sys.executable, "install", "--no-deps", "--target", str(site), str(wheel))
    for name in PACKAGED:
        shipped = site / "predict" / "_models" / name
        assert hashlib.sha256(shipped.read_bytes()).digest() == hashlib.sha256((ROOT / "models" / name).read_bytes()).digest()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    page = elsewhere / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run([sys.executable, "-c", "import predict; print(predict.__file__)"], cwd=elsewhere, env=env,
                           capture_output=True, text=True)
    assert Path(where.stdout.strip()).is_relative_to(site), "the installed copy was not the one imported"
    result = _run_predict(sys.executable, page, elsewhere, env)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode("utf-8") == load_model().filter_text(PAGE)


@pytest.mark.slow
def test_wheel_alone_in_a_fresh_venv_filters_the_seed_page(wheel: Path, tmp_path: Path) -> None:
    """The issue's check: installed alone (dependencies from the registry), the seed page's article, lines 2 to 28."""
    if not SEED.is_file():
        pytest.skip(f"needs the seed page in the shared corpora ({SHARED_DIR})")
    venv.create(tmp_path / "venv", with_pip=True)
    python = tmp_path / "venv" / "bin" / "python"
    _pip(python, "install", str(wheel))
    result = _run_predict(python, SEED, tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    expected = SEED.read_text(encoding="utf-8").splitlines(keepends=True)[1:28]
    assert result.stdout.decode("utf-8") == "".join(expected)


def test_scikit_learn_is_pinned_to_the_minor_version_the_packaged_model_was_made_with() -> None:
    """A model made with another scikit-learn minor version is refused, so a fresh install must get this one.

    Reads both the packaged model's card and pyproject.toml: retraining the
    model with a new scikit-learn must move the pin with it.
    """
    tomllib = pytest.importorskip("tomllib", reason="reads pyproject.toml with Python 3.11's tomllib")
    from packaging.requirements import Requirement
    from packaging.version import Version

    made_with = Version(json.loads((ROOT / "models" / "junkfilter.json").read_text(encoding="utf-8"))
                        ["libraries"]["scikit-learn"])
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    (pin,) = [Requirement(d).specifier for d in dependencies if Requirement(d).name == "scikit-learn"]
    major, minor = made_with.major, made_with.minor
    assert pin.contains(made_with) and pin.contains(f"{major}.{minor}.0") and pin.contains(f"{major}.{minor}.99")
    assert not pin.contains(f"{major}.{minor + 1}.0"), f"{pin} allows scikit-learn {major}.{minor + 1}"
    assert not pin.contains(f"{major + 1}.0.0") and not pin.contains(f"{major}.{minor - 1}.99" if minor else "0.0.1")
