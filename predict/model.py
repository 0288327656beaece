"""The packaged model: finding it, checking it, loading it, and using it.

A model is two files side by side: ``<name>.joblib`` (the fitted estimator)
and ``<name>.json`` (its model card). Loading a joblib file runs code, so the
file is checked against the sha256 its card records before it is unpickled;
a ``.skops`` file is rebuilt from trusted types only (see
:mod:`predict.store.formats`). A model made with another scikit-learn minor
version is refused: it may fail or, worse, score silently wrong.
"""
from __future__ import annotations

import hashlib
import json
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from predict.decision import DEFAULT_THRESHOLD, later_copies, page_headline, page_threshold, ranked_headlines
from predict.features.table import make_table
from predict.metadata import metadata_lines
from predict.reading import clip_lines, read_lines, split_lines
from predict.store.formats import SKOPS_SUFFIX, UntrustedModel, estimator_from_bytes
from predict.store.locations import DEFAULT_MODEL, MODELS_DIR, model_names, refused_model, resolve_model

__all__ = ["DEFAULT_MODEL", "DEFAULT_THRESHOLD", "MODELS_DIR", "Judged", "JunkFilter", "ModelError", "card_path",
           "check_libraries", "file_sha256", "load_model", "read_card"]

RECOVER = "restore it with 'python -m train --restore' or 'git checkout models/', or retrain"


class ModelError(Exception):
    """A model file that is missing, damaged, tampered with or incompatible."""


def card_path(model_path: str | Path) -> Path:
    """The model card that sits beside a model file: ``NAME.json`` for ``NAME.joblib``, ``NAME.skops.json`` for ``NAME.skops``.

    Every model file has a card of its own: ``mine.joblib`` and ``mine.skops``
    side by side (or their kept versions) must not share one, or the sha256
    of one refuses the other as tampered. ``.joblib`` cards keep the name
    every existing card has.
    """
    path = Path(model_path)
    return path.with_name(f"{path.name}.json") if path.suffix == SKOPS_SUFFIX else path.with_suffix(".json")


def _legacy_skops_card(model_path: Path) -> Path | None:
    """The ``NAME.json`` card of a ``.skops`` model saved before cards were named per file, if it is that file's."""
    legacy = model_path.with_suffix(".json")
    try:
        return legacy if json.loads(legacy.read_text(encoding="utf-8")).get("model_file") == model_path.name else None
    except (OSError, ValueError, AttributeError):
        return None


def file_sha256(path: str | Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class Judged:
    """One document as the model judged it: each line's content probability, whether the line is kept, and how
    many lines were scored on their first ``max_line_chars`` characters only (see :meth:`JunkFilter.judge_documents`)."""

    scores: np.ndarray
    keep: np.ndarray
    clipped: int = 0


@dataclass
class JunkFilter:
    """A loaded model: scores lines and decides which to keep.

    ``estimator`` takes a line table (see :mod:`predict.features.table`) and returns,
    from ``predict_proba``, the probability that each line is article content.
    A page is cut at ``threshold``, or lower where the model is unsure of it
    (``uncertain_page_f1``, see :mod:`predict.decision`; None: never). A
    ``threshold`` given to a method cuts every page there, page rule off.
    Lines are scored as :func:`predict.reading.read_lines` reads them: blank
    lines not at all, and hard-wrapped paragraphs as one text unless
    ``unwrap`` is False. A later copy of a kept block that the page repeats
    is dropped (:func:`predict.decision.later_copies`) unless ``drop_copies``
    is False. A page's headline, which the model drops on most pages, is
    kept unless ``keep_headline`` is False: the best of its candidates by
    the ranker an ``estimator`` holds as ``headline_ranker``
    (:class:`predict.stages.headline.WithHeadline`), or by a fixed rule for
    older models (both in :mod:`predict.decision`). A converter's metadata
    block at the top (front matter, a reader's header:
    :func:`predict.metadata.metadata_lines`) is not scored
    (score 0, and no part of what the other lines are scored with) and is
    dropped unless ``keep_metadata``.

    Like a scikit-learn classifier's, :meth:`predict` and :meth:`predict_proba`
    take ``X``, a list of samples: here a sample is a document, a sequence of
    its lines, and both return one array per document. Its ``repr`` names the
    model version and the settings, not the fitted pipeline or the model card
    (``model.estimator``, ``model.card``).
    """

    estimator: Any
    card: dict = field(default_factory=dict)
    threshold: float = DEFAULT_THRESHOLD
    uncertain_page_f1: float | None = None
    unwrap: bool = True
    drop_copies: bool = True
    keep_metadata: bool = False
    keep_headline: bool = True

    def score_documents(self, documents: Iterable[Sequence[str]]) -> list[np.ndarray]:
        """Content probability of every line, for many documents at once.

        Raises ``TypeError`` for a ``str`` where a sequence of lines is expected:
        iterating one gives its characters, which would be scored as lines.
        """
        docs = _documents(documents)
        metadata = [metadata_lines(lines) for lines in docs]
        readings = [read_lines(_body(lines, meta), self.unwrap) for lines, meta in zip(docs, metadata)]
        table = make_table([reading.texts for reading in readings])
        proba = self.estimator.predict_proba(table)[:, 1] if len(table) else np.zeros(0)
        out: list[np.ndarray] = []
        start = 0
        for reading, meta in zip(readings, metadata):
            body_scores = reading.line_scores(proba[start : start + len(reading.texts)])
            if meta.any():  # a metadata line is never scored: 0, whatever keep_metadata decides
                scores = np.zeros(len(meta))
                scores[~meta] = body_scores
                body_scores = scores
            out.append(body_scores)
            start += len(reading.texts)
        return out

    def score_lines(self, lines: Sequence[str]) -> np.ndarray:
        """Content probability of each line of one document.

        Named ``score`` before predict 0.4.0: scikit-learn's ``score(X, y)``
        returns a metric, so this one has a name of its own.
        """
        return self.score_documents([lines])[0]

    def predict_proba(self, documents: Iterable[Sequence[str]]) -> list[np.ndarray]:
        """Per document an ``(n_lines, 2)`` array: each line's probability of being junk and of being content.

        The columns are scikit-learn's ``classes_`` order, ``[junk, content]``;
        column 1 is :meth:`score_documents`. Each document is a sequence of
        lines; a ``str``, for ``documents`` or for one document, raises
        ``TypeError`` (iterated, it would give characters as lines, or a
        page's lines as documents of one line each): split a text with
        :func:`predict.reading.split_lines`, as :meth:`filter_text` does.
        """
        return [np.column_stack([1.0 - scores, scores]) for scores in self.score_documents(documents)]

    def predict(self, documents: Iterable[Sequence[str]], threshold: float | None = None) -> list[np.ndarray]:
        """Per document a boolean mask of the lines to keep: :meth:`keep`'s decisions, page rule and copies included.

        Documents are sequences of lines, as :meth:`predict_proba` takes them
        (a ``str`` raises ``TypeError``), scored in one call.
        """
        return [judged.keep for judged in self.judge_documents(documents, threshold)]

    def judge_documents(self, documents: Iterable[Sequence[str]], threshold: float | None = None,
                        max_line_chars: int | None = None) -> list[Judged]:
        """Score many documents in one call and decide which of their lines to keep: the call every caller
        cleans with (the command line, JSON Lines records, Dask, datatrove, the benchmark).

        Lines longer than ``max_line_chars`` (None: no limit) are scored on their first that many characters,
        so one enormous line cannot blow up feature extraction; the decision is made on the whole lines.
        """
        docs = _documents(documents)
        clipped = [clip_lines(lines, max_line_chars) for lines in docs]
        scored = self.score_documents([lines for lines, _ in clipped])
        return [Judged(scores, keep, cut) for scores, keep, (_, cut)
                in zip(scored, self.keep_scored_documents(docs, scored, threshold), clipped)]

    def page_threshold(self, lines: Sequence[str], scores: np.ndarray, threshold: float | None = None) -> float:
        """The cut for one scored document: the model's rule, or ``threshold`` for every page when given."""
        if threshold is not None:
            return threshold
        return page_threshold(lines, scores, self.threshold, self.uncertain_page_f1)

    def keep_scored(self, lines: Sequence[str], scores: np.ndarray, threshold: float | None = None) -> np.ndarray:
        """Boolean mask: which lines of one scored document to keep (see :meth:`keep_scored_documents`)."""
        return self.keep_scored_documents([lines], [scores], threshold)[0]

    def keep_scored_documents(self, documents: Sequence[Sequence[str]], scores: Sequence[np.ndarray],
                              threshold: float | None = None) -> list[np.ndarray]:
        """Boolean masks: which lines of each scored document to keep (see :meth:`page_threshold`,
        ``drop_copies``, ``keep_headline`` and ``keep_metadata``); the headline ranker is called once for all."""
        metadata = [metadata_lines(lines) for lines in documents]
        bodies = [(_body(lines, meta), np.asarray(p)[~meta] if meta.any() else np.asarray(p))
                  for lines, p, meta in zip(documents, scores, metadata)]
        keeps = [self._cut(lines, p, threshold) for lines, p in bodies]
        if self.keep_headline:
            ranker = self.headline_ranker
            headlines = (ranked_headlines([(lines, keep, p) for (lines, p), keep in zip(bodies, keeps)], ranker)
                         if ranker is not None else [page_headline(lines, keep) for (lines, _), keep in zip(bodies, keeps)])
            for keep, headline in zip(keeps, headlines):
                if headline is not None:
                    keep[headline] = True
        masks = []
        for meta, keep in zip(metadata, keeps):
            if meta.any():  # a metadata line is never scored: kept or dropped by keep_metadata alone
                whole = np.full(len(meta), self.keep_metadata)
                whole[~meta] = keep
                keep = whole
            masks.append(keep)
        return masks

    @property
    def headline_ranker(self) -> Any:
        """The ranker of each page's headline candidates that models since 0.17.0 hold, else None."""
        return getattr(self.estimator, "headline_ranker", None)

    def _cut(self, lines: Sequence[str], scores: np.ndarray, threshold: float | None) -> np.ndarray:
        """The lines of a document without metadata that pass its cut, later copies of kept blocks dropped."""
        keep = scores >= self.page_threshold(lines, scores, threshold)
        if self.drop_copies:
            keep &= ~later_copies(lines, keep)
        return keep

    def keep(self, lines: Sequence[str], threshold: float | None = None) -> np.ndarray:
        """Boolean mask: which lines of one document to keep."""
        return self.judge_documents([lines], threshold)[0].keep

    def filter_lines(self, lines: Sequence[str], threshold: float | None = None) -> list[str]:
        """The kept lines of one document, in order."""
        mask = self.keep(lines, threshold)
        return [line for line, kept in zip(lines, mask) if kept]

    def filter_text(self, text: str, threshold: float | None = None) -> str:
        """Clean a whole document given as text; returns the kept lines joined by newlines.

        The text is split into lines by :func:`predict.reading.split_lines`, as every other caller splits it.
        """
        kept = self.filter_lines(split_lines(text), threshold)
        return "\n".join(kept) + ("\n" if kept else "")

    def __repr__(self) -> str:
        """One line: the model version (the estimator's class when there is no card) and the settings."""
        version = self.card.get("version")
        named = f"version={version!r}" if version else f"estimator={type(self.estimator).__name__}"
        return (f"{type(self).__name__}({named}, threshold={self.threshold!r}, "
                f"uncertain_page_f1={self.uncertain_page_f1!r}, unwrap={self.unwrap!r}, "
                f"drop_copies={self.drop_copies!r}, keep_metadata={self.keep_metadata!r}, "
                f"keep_headline={self.keep_headline!r})")

    def __getattr__(self, name: str) -> Any:
        """Only reached for a missing attribute: says where ``score`` went."""
        if name == "score":
            raise AttributeError(f"{type(self).__name__}.score(lines) is score_lines(lines) since predict 0.4.0 "
                                 "(scikit-learn's score(X, y) returns a metric); use predict or predict_proba "
                                 "for many documents")
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


def _documents(documents: Any) -> list[list]:
    """``documents`` as a list of lists of lines, refusing a string for either (see :func:`_lines`)."""
    return [_lines(document, "each document") for document in _lines(documents, "documents", of="documents")]


def _lines(value: Any, what: str, of: str = "lines") -> list:
    """``value`` as a list, refusing a string (a text, not a sequence of lines)."""
    if isinstance(value, (str, bytes)):
        hint = "; split a text with predict.split_lines(text) or use filter_text" if of == "lines" else ""
        raise TypeError(f"{what} must be a sequence of {of}, not a {type(value).__name__}{hint}")
    return list(value)


def _body(lines: Sequence[str], metadata: np.ndarray) -> Sequence[str]:
    """The lines that are not ``metadata`` (``lines`` itself when none is)."""
    return [line for line, meta in zip(lines, metadata) if not meta] if metadata.any() else lines


def read_card(model_path: str | Path) -> dict:
    """The model card of a model file, or ``{}`` when it has none."""
    path = card_path(model_path)
    if not path.exists() and Path(model_path).suffix == SKOPS_SUFFIX:
        path = _legacy_skops_card(Path(model_path)) or path
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"model card {path} is unreadable ({exc}); retrain or restore the model") from exc


def check_libraries(card: dict, model_path: Path) -> None:
    """Refuse a model whose card records another scikit-learn major.minor than the one installed."""
    import sklearn

    made_with = card.get("libraries", {}).get("scikit-learn", "")
    if made_with[:1].isdigit() and made_with.split(".")[:2] != sklearn.__version__.split(".")[:2]:
        raise ModelError(
            f"model {model_path} was made with scikit-learn {made_with} but {sklearn.__version__} is installed; "
            f"install scikit-learn=={made_with} or retrain with 'python -m train'"
        )


def load_model(path: str | Path | None = None, *, verify: bool = True) -> JunkFilter:
    """Load a model file, checking it against the sha256 in its model card first.

    ``path`` is a file or a name ``--model`` accepts (see
    :func:`predict.store.locations.resolve_model`); ``None`` is the packaged model.
    A ``.skops`` file needs no card (its types are checked instead); when it
    has one, the sha256 is checked too. Raises :class:`ModelError` with a
    message that says what to do.
    """
    from sklearn.exceptions import InconsistentVersionWarning

    model_path = resolve_model(path)
    refused = None if model_path.is_file() else refused_model(path)
    if refused is not None:
        raise ModelError(
            f"model {path} was refused by 'python -m train' (worse than the model it would have replaced, or not "
            f"comparable with it) and is kept as {refused}; pass that path to use it anyway, or install it with "
            f"'python -m train --restore {refused.stem.rsplit('-', 1)[-1]}'"
        )
    if not model_path.is_file():
        raise ModelError(
            f"model file {model_path} not found; pass --model PATH or one of the models in {MODELS_DIR} "
            f"({', '.join(model_names()) or 'none yet'}), or run 'python -m train'"
        )
    card = read_card(model_path)
    data = model_path.read_bytes()  # hashed and loaded from the same bytes
    expected = card.get("model_sha256")
    if verify and not expected and model_path.suffix != SKOPS_SUFFIX:
        raise ModelError(
            f"model {model_path} has no model card with a sha256 beside it ({card_path(model_path).name}), and "
            "loading a .joblib file runs code; retrain it with 'python -m train', which writes the card, "
            "or get the model as a .skops file"
        )
    if verify and expected and hashlib.sha256(data).hexdigest() != expected:
        raise ModelError(f"model {model_path} does not match the sha256 in its model card (tampered or damaged); {RECOVER}")
    check_libraries(card, model_path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", InconsistentVersionWarning)
            estimator = estimator_from_bytes(data, model_path.suffix)
    except UntrustedModel as exc:
        raise ModelError(
            f"model {model_path} was not loaded: it names types junkfilter does not trust ({exc}); "
            "only load models from people you trust"
        ) from exc
    except InconsistentVersionWarning as exc:
        raise ModelError(
            f"model {model_path} was made with scikit-learn {exc.original_sklearn_version} but "
            f"{exc.current_sklearn_version} is installed; install that version or retrain with 'python -m train'"
        ) from exc
    except Exception as exc:  # unpickling can fail in many ways; all mean "bad model file"
        raise ModelError(
            f"model {model_path} could not be loaded ({type(exc).__name__}: {exc}); "
            "it may be truncated or made by an incompatible scikit-learn; retrain with 'python -m train'"
        ) from exc
    if not hasattr(estimator, "predict_proba"):
        raise ModelError(f"model {model_path} is not a junkfilter model")
    rule = card.get("uncertain_page_f1")
    return JunkFilter(estimator=estimator, card=card, threshold=float(card.get("threshold", DEFAULT_THRESHOLD)),
                      uncertain_page_f1=None if rule is None else float(rule))
