"""Model formats: joblib bytes are reproducible, skops files load only junkfilter's own and skops' trusted types."""
from __future__ import annotations

import os

import numpy as np
import pytest
import skops.io
from sklearn.preprocessing import FunctionTransformer

from predict.store.formats import (JOBLIB_SUFFIX, SKOPS_SUFFIX, TRUSTED_TYPES, UntrustedModel, estimator_from_bytes,
                                 model_bytes)
from predict.features.table import make_table


@pytest.fixture(scope="module")
def skops_bytes(gazette_model) -> bytes:
    return model_bytes(gazette_model, SKOPS_SUFFIX)


def test_every_type_of_our_model_is_trusted(skops_bytes: bytes) -> None:
    named = set(skops.io.get_untrusted_types(data=skops_bytes))
    assert named <= TRUSTED_TYPES, f"add {sorted(named - TRUSTED_TYPES)} to predict.store.formats.TRUSTED_TYPES"


def test_skops_round_trip_scores_the_same(gazette_model, skops_bytes: bytes, unseen_page) -> None:
    table = make_table([unseen_page.lines])
    loaded = estimator_from_bytes(skops_bytes, SKOPS_SUFFIX)
    np.testing.assert_array_equal(loaded.predict_proba(table), gazette_model.predict_proba(table))


def test_joblib_bytes_are_reproducible(gazette_model) -> None:
    assert model_bytes(gazette_model, JOBLIB_SUFFIX) == model_bytes(gazette_model, JOBLIB_SUFFIX)


def test_a_skops_file_naming_other_code_is_refused_before_anything_is_built() -> None:
    data = skops.io.dumps(FunctionTransformer(os.system))
    with pytest.raises(UntrustedModel) as caught:
        estimator_from_bytes(data, SKOPS_SUFFIX)
    assert caught.value.types == [os.system.__module__ + ".system"]


@pytest.mark.parametrize("suffix", [".pkl", ""])
def test_other_suffixes_are_refused(suffix: str) -> None:
    with pytest.raises(ValueError, match=r"\.joblib or \.skops"):
        model_bytes({}, suffix)
