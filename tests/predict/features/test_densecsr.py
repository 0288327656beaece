"""The dense block as CSR: the same values, so the joined features and the classifier's scores do not change."""
from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, FunctionTransformer, make_pipeline
from sklearn.utils.validation import check_is_fitted

from predict.features.densecsr import DenseAsCSR

RNG = np.random.default_rng(0)
DENSE = RNG.normal(size=(40, 7)) * (RNG.random((40, 7)) > 0.2)  # some exact zeros
WORDS = sparse.random(40, 30, density=0.1, format="csr", random_state=0, dtype=np.float32)


def test_every_value_is_kept_in_row_order() -> None:
    out = DenseAsCSR().fit_transform(DENSE)
    assert sparse.isspmatrix_csr(out) and out.has_sorted_indices
    np.testing.assert_array_equal(out.toarray(), DENSE)
    assert DenseAsCSR().transform(np.zeros((0, 7))).shape == (0, 7)


def test_union_and_classifier_give_the_same_scores_as_with_the_dense_block() -> None:
    def union(dense_step) -> FeatureUnion:
        return FeatureUnion([("dense", make_pipeline(FunctionTransformer(lambda X: DENSE), *dense_step)),
                             ("words", FunctionTransformer(lambda X: WORDS))])

    labels = (DENSE[:, 0] > 0).astype(int)
    plain, as_csr = union([]).fit_transform(None), union([DenseAsCSR()]).fit_transform(None)
    np.testing.assert_array_equal(plain.toarray(), as_csr.toarray())
    scores = [LogisticRegression().fit(X, labels).decision_function(X) for X in (plain, as_csr)]
    np.testing.assert_allclose(scores[0], scores[1], rtol=1e-12)


def test_a_pipeline_ending_in_it_counts_as_fitted() -> None:
    check_is_fitted(make_pipeline(DenseAsCSR()).fit(DENSE))
