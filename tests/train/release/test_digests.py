"""Document digests tell old training data from new; the fingerprint tells when two runs used the same folds."""
from __future__ import annotations

import dataclasses

from train.release.digests import digests, document_digest, evaluation_fingerprint


def test_a_digest_follows_the_lines_and_labels_not_where_they_came_from(gazette) -> None:
    doc = gazette(1)[0]
    moved = dataclasses.replace(doc, source="elsewhere/page.labels", weight=0.3)
    relabelled = dataclasses.replace(doc, labels=[1 - label for label in doc.labels])
    assert document_digest(moved) == document_digest(doc)
    assert document_digest(relabelled) != document_digest(doc)
    assert len(document_digest(doc)) == 16


def test_digests_are_sorted_and_unique(gazette) -> None:
    pages = gazette(3)
    assert digests(pages + pages[:1]) == sorted({document_digest(page) for page in pages})


def test_fingerprint_changes_with_folds_documents_groups_and_parts(gazette) -> None:
    pages = gazette(6, sites=3)
    base = evaluation_fingerprint({"user": pages}, 3)
    assert evaluation_fingerprint({"user": pages[::-1]}, 3) == base  # order does not change the folds
    assert evaluation_fingerprint({"user": pages}, 2) != base
    assert evaluation_fingerprint({"user": pages[:5]}, 3) != base
    assert evaluation_fingerprint({"user": pages[:3], "more": pages[3:]}, 3) != base
    regrouped = [dataclasses.replace(page, domain="one.example") for page in pages]
    assert evaluation_fingerprint({"user": regrouped}, 3) != base
