"""Model names and versions: what ``--model NAME`` means, and where kept versions live.

Every model ``python -m train`` makes is kept, with its card, under
``versions/`` beside the model file it was trained for
(``models/versions/junkfilter-0.2.0.joblib``), and the current model is the
plain file (``models/junkfilter.joblib``). So ``--model`` takes a path, a
model's name in ``models/`` (``junkfilter``, ``mysite``), a kept version
(``junkfilter-0.1.0``), or a bare version of the packaged model (``0.1.0``).
"""
from __future__ import annotations

import re
from pathlib import Path

from predict.store.formats import MODEL_SUFFIXES

PACKAGED_MODELS = "_models"
"""Where an installed junkfilter keeps the packaged model: ``predict/_models/``.

``models/`` stays at the top of the repository, beside the code that trains
it; ``setup.py`` maps it into the distribution as the package data of
``predict._models``, so a wheel carries its model and finds it from any
working directory."""


def _models_dir() -> Path:
    """``models/`` of the checkout this code runs from, else the model folder installed with the package."""
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").is_file() and (checkout / "models").is_dir():
        return checkout / "models"
    from importlib.resources import files

    return Path(str(files("predict").joinpath(PACKAGED_MODELS)))


MODELS_DIR = _models_dir()
DEFAULT_MODEL = MODELS_DIR / "junkfilter.joblib"
VERSIONS_DIR = "versions"
REFUSED_DIR = "refused"
"""Below ``versions/``: the models ``python -m train`` made but refused to install (worse than the
current model, or not comparable with it). Kept, so they can be inspected or installed on purpose
with ``--restore``, but never listed or loaded as a kept version by name."""

_VERSION = re.compile(r"\d+(?:\.\d+)*")


def is_version(text: str) -> bool:
    """Whether ``text`` is a dotted version number such as ``0.2.0``."""
    return _VERSION.fullmatch(text) is not None


def version_key(version: str) -> tuple[int, ...]:
    """A sort key that orders versions numerically (``0.10.0`` after ``0.9.0``)."""
    return tuple(int(part) for part in version.split("."))


def versioned_path(model_path: str | Path, version: str) -> Path:
    """Where version ``version`` of the model at ``model_path`` is kept."""
    path = Path(model_path)
    return path.parent / VERSIONS_DIR / f"{path.stem}-{version}{path.suffix}"


def refused_path(model_path: str | Path, version: str) -> Path:
    """Where a refused model ``version`` made for ``model_path`` is kept (see :data:`REFUSED_DIR`)."""
    path = Path(model_path)
    return path.parent / VERSIONS_DIR / REFUSED_DIR / f"{path.stem}-{version}{path.suffix}"


def kept_versions(model_path: str | Path) -> dict[str, Path]:
    """The kept versions of the model at ``model_path``, oldest first: ``{version: file}``."""
    return _versions_in(Path(model_path).parent / VERSIONS_DIR, Path(model_path))


def refused_versions(model_path: str | Path) -> dict[str, Path]:
    """The refused models made for ``model_path``, oldest first: ``{version: file}``."""
    return _versions_in(Path(model_path).parent / VERSIONS_DIR / REFUSED_DIR, Path(model_path))


def _versions_in(folder: Path, path: Path) -> dict[str, Path]:
    prefix = f"{path.stem}-"
    found = {file.name[len(prefix) : -len(path.suffix)]: file for file in folder.glob(f"{prefix}*{path.suffix}")}
    return {version: found[version] for version in sorted(filter(is_version, found), key=version_key)}


def example_version() -> str:
    """A version of the packaged model that ``--model`` and ``--restore`` examples can name: the newest kept one.

    Help texts name it rather than a made-up number, so an example can be run
    as written. Without kept versions (an installed wheel) it is the packaged
    model's own, from its card.
    """
    kept = list(kept_versions(DEFAULT_MODEL))
    if kept:
        return kept[-1]
    import json

    try:
        return str(json.loads(DEFAULT_MODEL.with_suffix(".json").read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError, TypeError):
        return "VERSION"


def model_names(folder: Path = MODELS_DIR) -> list[str]:
    """The names ``--model`` accepts for the models in ``folder``, current models first."""
    names = []
    for where in (folder, folder / VERSIONS_DIR):
        names += sorted(path.stem for path in where.glob("*") if path.suffix in MODEL_SUFFIXES)
    return names


def resolve_model(spec: str | Path | None) -> Path:
    """The model file ``spec`` names (see the module docstring); ``None`` is the packaged model.

    A path to an existing file, or anything that looks like a path (a folder
    part or a model suffix), is returned as it is; a name not found in
    ``models/`` is returned as ``models/NAME.joblib``, so the caller reports
    the file as missing.
    """
    if spec is None:
        return DEFAULT_MODEL
    path = Path(spec)
    if path.exists() or path.suffix in MODEL_SUFFIXES or len(path.parts) != 1:
        return path
    candidates = _named(str(spec), (MODELS_DIR, MODELS_DIR / VERSIONS_DIR))
    return next((candidate for candidate in candidates if candidate.is_file()), candidates[0])


def refused_model(spec: str | Path | None) -> Path | None:
    """The refused model (see :data:`REFUSED_DIR`) that a name or version ``spec`` would name, if there is one."""
    if spec is None or len(Path(spec).parts) != 1 or Path(spec).suffix in MODEL_SUFFIXES:
        return None
    return next((path for path in _named(str(spec), (MODELS_DIR / VERSIONS_DIR / REFUSED_DIR,)) if path.is_file()), None)


def _named(spec: str, folders: tuple[Path, ...]) -> list[Path]:
    """The files a model name (or a bare version of the packaged model) could be in ``folders``."""
    name = f"{DEFAULT_MODEL.stem}-{spec}" if is_version(spec) else spec
    return [where / f"{name}{suffix}" for where in folders for suffix in MODEL_SUFFIXES]
