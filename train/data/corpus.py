"""Gathering the training corpus: the user's labelled files plus, when asked, the shared corpora.

Each part of the corpus keeps its name, files and weight, so the model card
can say what a model was trained on and cross-validation can score each part
on its own (composed documents are train-only: they are never scored).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from train.data.compose import ARTICLES_PATH, CLICKBAIT_PATH, NEWS_PATH, composed_from_shared
from train.data.documents import LabelledDocument
from train.data.cache import verified
from train.data.junk_kinds import attach_junk_kinds
from train.data.renderings import build_cache, cache_path, read_rendered
from train.data.sources import (SEED_CLEAN, SEED_RAW, SHARED_JSONL, SHARED_MISSING, WCXB_JSONL, folder_files,
                                read_sources, record_document, shared_dir)

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "datasets"

WEIGHTS = {"realpages": 4.0, "wcxb": 1.0, "snippets": 2.0, "seed": 5.0, "composed": 0.2, "user": 1.0}
"""Per-line training weight of each part.

WCXB's 1,278 pages hold 370,000 lines against realpages' 23,000: realpages at
4 and snippet pages at 2 keep what those parts teach from drowning in it
(realpages body F1 0.908 → 0.916 on grouped CV, WCXB within noise). Composed
pages are plentiful but synthetic, so each line counts 0.2. The seed pair
weighs 5: its labels come from an exact clean version, and its junk tail
starts right after the last article line, the boundary the stacked stage
finds hardest (at weight 1 the model kept the tail's first two headlines).
Every weight tried: docs/experiments.md."""


@dataclass
class CorpusPart:
    name: str
    documents: list[LabelledDocument]
    files: list[Path] = field(default_factory=list)
    train_only: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def n_lines(self) -> int:
        return sum(len(d.lines) for d in self.documents)

    @property
    def n_labelled(self) -> int:
        return sum(sum(1 for label in d.labels if label >= 0) for d in self.documents)


def _weighted(docs: list[LabelledDocument], weight: float) -> list[LabelledDocument]:
    for doc in docs:
        doc.weight = weight
    return docs


def _files_under(paths: Sequence[Path]) -> list[Path]:
    """The files training reads from these files and folders (a folder's as :func:`folder_files` picks them)."""
    files: list[Path] = []
    for path in paths:
        files.extend(folder_files(path) if path.is_dir() else [path])
    return files


def user_part(paths: Sequence[str | Path], weight: float | None = None) -> CorpusPart:
    """The user's labelled data (``.labels`` files, pairs, ``.jsonl``) from files and folders.

    ``weight`` defaults to ``WEIGHTS["user"]``, the packaged model's recipe.
    """
    resolved = [Path(p) for p in paths]
    docs = _weighted(read_sources(resolved), WEIGHTS["user"] if weight is None else weight)
    return CorpusPart("user", docs, _files_under(resolved))


def attach_renderings(docs: Sequence[LabelledDocument], renderings: Sequence[str]) -> dict[str, dict]:
    """Give each WCXB page of ``docs`` its ``renderings`` by other tools (:mod:`train.data.renderings`),
    rendered from the page's HTML and cached on first use, and say what was attached.

    Returns ``{rendering: {"pages", "tool", "sha256"}}``: how many of ``docs``
    got that rendering, the tool that made it and the cache's digest, for the
    model card. A missing tool or a failing one stops here (see
    :func:`train.data.renderings.build_cache`): a model is never trained on
    fewer renderings than its recipe names.
    """
    build_cache(renderings)
    attached = {}
    for name in renderings:
        by_id = {record["id"]: record for record in read_rendered(name)}
        pages = 0
        for doc in docs:
            if doc.source in by_id:
                doc.renderings[name] = record_document(by_id[doc.source], f"{cache_path(name)}:{doc.source}")
                pages += 1
        manifest = verified(cache_path(name)) or {}
        attached[name] = {"pages": pages, "tool": manifest.get("tool"), "sha256": manifest.get("sha256")}
    return attached


def shared_parts(n_composed: int, seed: int, renderings: Sequence[str] = ()) -> list[CorpusPart]:
    """The shared corpora: real pages (realpages and WCXB), snippet pages, the seed pair and composed pages.

    The WCXB pages carry their ``renderings`` by other tools (see :func:`attach_renderings`) and the kind of
    each junk line (:func:`train.data.junk_kinds.attach_junk_kinds`), which evaluation reports and training
    never reads.
    """
    folder = shared_dir()
    if folder is None:
        raise FileNotFoundError(f"{SHARED_MISSING}; or train on your own files (python -m train DATA...)")
    realpages, snippets = (folder / name for name in SHARED_JSONL)
    wcxb = folder / WCXB_JSONL
    seed_pair = (folder / SEED_RAW, folder / SEED_CLEAN)
    parts = [
        CorpusPart("realpages", _weighted(read_sources([realpages]), WEIGHTS["realpages"]), [realpages]),
        CorpusPart("wcxb", _weighted(read_sources([wcxb]), WEIGHTS["wcxb"]), [wcxb]),
        CorpusPart("snippets", _weighted(read_sources([snippets]), WEIGHTS["snippets"]), [snippets]),
        CorpusPart("seed", _weighted(read_sources([seed_pair]), WEIGHTS["seed"]), list(seed_pair)),
    ]
    parts[1].extra["renderings"] = attach_renderings(parts[1].documents, renderings)
    attach_junk_kinds(parts[1].documents, wcxb_dir=wcxb.parent)
    if n_composed:
        composed = composed_from_shared(folder, n_composed, seed=seed, split="train")
        parts.append(CorpusPart(
            "composed", _weighted(composed, WEIGHTS["composed"]),
            [folder / ARTICLES_PATH, folder / CLICKBAIT_PATH, folder / NEWS_PATH],
            train_only=True, extra={"seed": seed, "split": "train"},
        ))
    return parts
