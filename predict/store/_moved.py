"""TEMPORARY (issue 21, step 1): the old module paths that pickled models still name.

The models in ``models/`` were pickled before the layout moved their classes
(``predict.shape.LineShape`` is now ``predict.features.shape.LineShape``), and
a pickle names each class by its module path. Until the packaged model is
refitted under the new layout, loading a ``.joblib`` file first registers the
old paths as aliases of the new modules. Remove this module (and its one call
in :mod:`predict.store.formats`) once no kept model names an old path.
"""
from __future__ import annotations

import importlib
import sys

OLD_PATHS = {
    "predict.decoder": "train.decoder",  # the 0.11.0 wrapper (decoding off); the runtime no longer has it
    "predict.densecsr": "predict.features.densecsr",
    "predict.quantiles": "predict.features.quantiles",
    "predict.relation": "predict.features.relation",
    "predict.shape": "predict.features.shape",
    "predict.stacking": "predict.stages.stacking",
    "predict.textbatch": "predict.features.text",
    "predict.words": "predict.features.words",
}


def alias_old_paths() -> None:
    """Make each old module path name the module it moved to, for unpickling."""
    for old, new in OLD_PATHS.items():
        sys.modules.setdefault(old, importlib.import_module(new))
