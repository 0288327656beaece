"""Reading training data: every supported file shape becomes a LabelledDocument.

Training accepts labelled data in three shapes (specified in
``datasets/README.md``): ``.labels`` files (one hand-editable document each),
raw + clean pairs (``NAME.raw.txt`` beside ``NAME.clean.txt``, labelled by
fuzzy alignment), and ``.jsonl`` corpora (one page per record, labelled by line
or weakly by snippets). :func:`read_sources` takes any mix of files, folders
and explicit ``(raw, clean)`` pairs, so a trainer never cares which shape a
document came in.
"""
from __future__ import annotations

import fnmatch
import json
import os
from pathlib import Path
from typing import Iterable, Union

from predict.corpus.decoding import read_text_lines
from predict.labels import LABELS_SUFFIX, parse_labels
from train.data.alignment import align_lines, normalise_space
from train.data.documents import CONTENT, JUNK, UNKNOWN, LabelledDocument

PathLike = Union[str, os.PathLike]
TrainingSource = Union[PathLike, tuple[PathLike, PathLike]]
"""A file, a folder, or an explicit ``(raw, clean)`` pair."""
_Unit = Union[Path, tuple[Path, Path]]

RAW_SUFFIX = ".raw.txt"
CLEAN_SUFFIX = ".clean.txt"
JSONL_SUFFIX = ".jsonl"
IGNORED_IN_FOLDERS = (".*", "README*", "LICENSE*")
"""Names skipped when a folder is searched: documentation and hidden files."""

SHARED_DIR = Path(os.environ.get("JUNKFILTER_SHARED") or Path(__file__).resolve().parents[3] / "shared")
"""Where the shared corpora live: ``$JUNKFILTER_SHARED``, else ``../shared`` beside the repository.

Every module that reads the shared corpora finds them through this name or
:func:`shared_dir`; the variable is read once, when this module is imported."""
SHARED_MISSING = (f"the shared corpora are not at {SHARED_DIR}: put them in ../shared beside the repository, "
                  "or name their folder in JUNKFILTER_SHARED")
"""The start of every message that says the shared corpora are missing."""
SEED_RAW = "seeds/002_bdff5c4f04d4cc62.txt"
SEED_CLEAN = "seeds/000_a07698de926efefd.txt"
SHARED_JSONL = ("corpora/realpages/dev.jsonl", "corpora/snippets/dev.jsonl")
WCXB_JSONL = "corpora/wcxb/dev.jsonl"
"""WCXB's pages of seven page types, labelled by line like realpages, with ``page_type`` and snippets."""
WCXB_DIR = SHARED_DIR / "corpora" / "wcxb"
"""WCXB's folder: ``dev.jsonl`` and each page's original HTML in ``dev/html/NNNN.html.gz``."""

_FORMATS_HINT = (
    f"expected NAME{LABELS_SUFFIX}, NAME{JSONL_SUFFIX}, or NAME{RAW_SUFFIX} beside NAME{CLEAN_SUFFIX} "
    "(see datasets/README.md)"
)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); convert it to UTF-8") from exc


def _pair_name(path: Path, suffix: str) -> str:
    return path.name[: -len(suffix)]


def read_label_file(path: PathLike) -> LabelledDocument:
    """Read one ``.labels`` file; its domain is the ``# domain:`` header, else the file stem."""
    path = Path(path)
    parsed = parse_labels(_read_text(path), source=str(path))
    return LabelledDocument(
        lines=parsed.lines,
        labels=parsed.labels,
        domain=parsed.meta.get("domain") or path.stem,
        source=str(path),
    )


def read_pair(raw_path: PathLike, clean_path: PathLike) -> LabelledDocument:
    """Label the scraped file ``raw_path`` by aligning it with its clean version ``clean_path``.

    Both are read as ``python -m predict`` reads its input, so the training
    lines are the lines the model will see. The domain is ``NAME`` for
    ``NAME.raw.txt``, else the raw file's stem.
    """
    raw_path = Path(raw_path)
    lines = read_text_lines(raw_path)
    labels = align_lines(lines, read_text_lines(clean_path))
    name = _pair_name(raw_path, RAW_SUFFIX) if raw_path.name.endswith(RAW_SUFFIX) else raw_path.stem
    return LabelledDocument(lines=lines, labels=labels, domain=name, source=str(raw_path))


def _snippet_labels(lines: list[str], with_snippets: list[str], without_snippets: list[str]) -> list[int]:
    """Weak labels: a line holding a ``with`` snippet is content, a ``without`` snippet junk.

    Snippets match whitespace-normalised, as snippet scores match them; a line
    holding both kinds stays unknown.
    """
    wanted = [normalise_space(s) for s in with_snippets]
    unwanted = [normalise_space(s) for s in without_snippets]
    labels = []
    for line in lines:
        text = normalise_space(line)
        keep = any(s and s in text for s in wanted)
        drop = any(s and s in text for s in unwanted)
        labels.append(CONTENT if keep and not drop else JUNK if drop and not keep else UNKNOWN)
    return labels


def record_document(record: dict, where: str) -> LabelledDocument:
    """One JSON record as a document; ``where`` (file:line) is its source when it has no ``id``."""
    lines = record.get("lines")
    if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
        raise ValueError("'lines' must be a list of strings")
    source = str(record.get("id") or where)
    domain = str(record.get("domain") or "")
    if "labels" in record:
        labels = record["labels"]
        if not isinstance(labels, list) or not all(label in (CONTENT, JUNK, UNKNOWN) for label in labels):
            raise ValueError("'labels' must be a list of 1 (content), 0 (junk) or -1 (unknown)")
        return LabelledDocument(
            lines=lines,
            labels=labels,
            domain=domain,
            source=source,
            kinds=record.get("kinds"),
            gold=record.get("gold"),
            with_snippets=list(record.get("with", [])),
            without_snippets=list(record.get("without", [])),
            page_type=record.get("page_type"),
        )
    if "with" in record or "without" in record:
        with_snippets, without_snippets = list(record.get("with", [])), list(record.get("without", []))
        return LabelledDocument(
            lines=lines,
            labels=_snippet_labels(lines, with_snippets, without_snippets),
            domain=domain,
            source=source,
            with_snippets=with_snippets,
            without_snippets=without_snippets,
        )
    raise ValueError("a record needs 'labels', or 'with'/'without' snippets")


def read_jsonl(path: PathLike) -> list[LabelledDocument]:
    """Read a JSON-lines corpus: one page per record, labelled by ``labels`` or by snippets.

    A record without a ``domain`` gets none, so cross-validation groups it by
    its ``id`` alone.
    """
    path = Path(path)
    documents = []
    # split on "\n" only: JSON strings may hold U+2028 and other breaks splitlines() obeys
    for number, row in enumerate(_read_text(path).split("\n"), start=1):
        if not row.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(row)
            if not isinstance(record, dict):
                raise ValueError(f"each line must be one JSON object, not {type(record).__name__}")
            documents.append(record_document(record, where))
        except ValueError as exc:  # json.JSONDecodeError is a ValueError too
            raise ValueError(f"{where}: {exc}") from exc
    return documents


def _pair_of(raw: Path) -> tuple[Path, Path]:
    return raw, raw.with_name(_pair_name(raw, RAW_SUFFIX) + CLEAN_SUFFIX)


def folder_files(folder: Path) -> list[Path]:
    """The files under a folder that training reads or refuses, sorted by path; ``IGNORED_IN_FOLDERS`` are skipped."""
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and not any(
            fnmatch.fnmatch(part, pattern)
            for part in path.relative_to(folder).parts
            for pattern in IGNORED_IN_FOLDERS
        )
    )


def _expand(source: TrainingSource) -> list[_Unit]:
    """A source as readable units: folders searched, ``NAME.raw.txt`` paired with its clean file."""
    if isinstance(source, tuple):
        return [(Path(source[0]), Path(source[1]))]
    path = Path(source)
    if path.is_dir():
        units: list[_Unit] = []
        for file in folder_files(path):
            if file.name.endswith(CLEAN_SUFFIX):
                raw = file.with_name(_pair_name(file, CLEAN_SUFFIX) + RAW_SUFFIX)
                if not raw.is_file():
                    raise ValueError(
                        f"{file}: clean file without its scraped version {raw.name}; add it or remove {file.name}"
                    )
            else:
                units.extend(_expand(file))
        return units
    if path.name.endswith(RAW_SUFFIX):
        return [_pair_of(path)]
    return [path]


def _read_unit(unit: _Unit) -> list[LabelledDocument]:
    if isinstance(unit, tuple):
        for path in unit:
            if not path.is_file():
                raise FileNotFoundError(f"{path}: not found; a pair needs both the scraped and the clean file")
        return [read_pair(*unit)]
    path = unit
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file or folder")
    if path.name.endswith(LABELS_SUFFIX):
        return [read_label_file(path)]
    if path.name.endswith(JSONL_SUFFIX):
        return read_jsonl(path)
    raise ValueError(f"{path}: not a training source; {_FORMATS_HINT}")


def read_sources(sources: Iterable[TrainingSource]) -> list[LabelledDocument]:
    """Read any mix of files, folders (searched recursively) and ``(raw, clean)`` pairs.

    Documents come in argument order, a folder's in path order, each file once.
    Raises ``ValueError`` for a file that is not a training source,
    ``FileNotFoundError`` for a missing one and
    :class:`predict.corpus.inputs.InputError` for a pair file that is not text.
    """
    documents: list[LabelledDocument] = []
    seen: set = set()
    for source in sources:
        for unit in _expand(source):
            key = tuple(p.resolve() for p in unit) if isinstance(unit, tuple) else unit.resolve()
            if key not in seen:
                seen.add(key)
                documents.extend(_read_unit(unit))
    return documents


def shared_dir() -> Path | None:
    """The shared data folder (:data:`SHARED_DIR`), or None when absent."""
    return SHARED_DIR if SHARED_DIR.is_dir() else None


def shared_sources() -> list[TrainingSource]:
    """The shared corpora for training: realpages and snippets dev sets, plus the seed pair.

    The seed pair is given as an explicit ``(raw, clean)`` tuple; pass the
    list to :func:`read_sources`. Raises ``FileNotFoundError`` without the shared corpora.
    """
    folder = shared_dir()
    if folder is None:
        raise FileNotFoundError(f"{SHARED_MISSING}; or pass training files explicitly")
    return [*(folder / name for name in SHARED_JSONL), (folder / SEED_RAW, folder / SEED_CLEAN)]
