"""Model file formats: joblib for the models we make and check, skops for models that travel.

Unpickling a joblib file runs whatever code the file names, so a ``.joblib``
model is only ever loaded after its bytes matched the sha256 in its model card
(see :func:`predict.model.load_model`): fine for the models this project
ships and the ones you train yourself. A model that comes from elsewhere
should be a ``.skops`` file: skops rebuilds the estimator from a description
of its parts and refuses every type it was not told to trust. Beyond skops'
own defaults (scikit-learn, numpy, scipy), the only trusted types are
junkfilter's own, listed in :data:`TRUSTED_TYPES`.
"""
from __future__ import annotations

import io
import zipfile
from typing import Any

JOBLIB_SUFFIX = ".joblib"
SKOPS_SUFFIX = ".skops"
MODEL_SUFFIXES = (JOBLIB_SUFFIX, SKOPS_SUFFIX)

TRUSTED_TYPES = frozenset({
    "predict.features.densecsr.DenseAsCSR",
    "predict.features.markdown.MarkdownMarks",
    "predict.features.quantiles.TrainingQuantiles",
    "predict.features.relation.DocumentRelation",
    "predict.features.shape.LineShape",
    "predict.features.text.ShareText",
    "predict.features.words.LineWords",
    "predict.stages.additive.AdditiveContext",
    "predict.stages.boosting.BoostedContext",
    "predict.stages.headline.WithHeadline",
    "predict.stages.stacking.ContextStacker",
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
    "sklearn.utils._bunch.Bunch",
})
"""The junkfilter classes and functions a ``.skops`` model may contain (and two scikit-learn types
skops does not list by default: the trees of the boosted context stage, plain arrays of nodes, and
the ``Bunch`` dictionary in which ``VotingClassifier`` names its members; no code); any other
type skops does not trust by default makes the file refused. Named one by one
(not "anything under predict."), so a crafted file cannot make a model call,
say, a function that writes files."""


class UntrustedModel(Exception):
    """A ``.skops`` file that names types junkfilter does not trust; it was not loaded."""

    def __init__(self, types: list[str]):
        super().__init__(", ".join(types))
        self.types = types


def check_suffix(suffix: str) -> None:
    """Raise ``ValueError`` unless ``suffix`` is one of :data:`MODEL_SUFFIXES`."""
    if suffix not in MODEL_SUFFIXES:
        raise ValueError(f"a model file must end in {' or '.join(MODEL_SUFFIXES)}, not {suffix or 'no suffix'!r}")


def model_bytes(estimator: Any, suffix: str) -> bytes:
    """The estimator as the contents of a ``.joblib`` or ``.skops`` file.

    joblib output is byte-for-byte reproducible (same estimator, same bytes);
    skops output is a zip archive whose member names vary from run to run.
    """
    check_suffix(suffix)
    if suffix == SKOPS_SUFFIX:
        import skops.io

        return skops.io.dumps(estimator, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    import joblib

    buffer = io.BytesIO()
    joblib.dump(estimator, buffer, compress=3)
    return buffer.getvalue()


def estimator_from_bytes(data: bytes, suffix: str) -> Any:
    """Rebuild the estimator from a file's contents.

    A ``.skops`` file is checked before anything in it is built, and raises
    :class:`UntrustedModel` when it names types outside skops' defaults and
    :data:`TRUSTED_TYPES`. A ``.joblib`` file is unpickled: call this only on
    bytes you have already checked.
    """
    check_suffix(suffix)
    if suffix == SKOPS_SUFFIX:
        import skops.io

        named = skops.io.get_untrusted_types(data=data)
        untrusted = sorted(set(named) - TRUSTED_TYPES)
        if untrusted:
            raise UntrustedModel(untrusted)
        return skops.io.loads(data, trusted=named)
    import joblib

    return joblib.load(io.BytesIO(data))
