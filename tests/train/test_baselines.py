"""Baselines on tiny documents from an imaginary news site (all text invented)."""
from __future__ import annotations

import pickle

import numpy as np
import pytest

from train.baselines import (
    C4LineRule,
    IsolatedTfidfLR,
    JusTextLines,
    KeepAll,
    TrafilaturaLines,
    lines_to_html,
    match_extracted,
)
from train.data.documents import LabelledDocument

ARTICLE = [
    "Home | News | Sport | Weather",
    "The harbour council voted on Tuesday evening to rebuild the old stone pier, which was badly damaged during "
    "the storms of last winter and has been closed to the public ever since, and the vote was carried by a large "
    "majority of the members who were present in the hall.",
    "Members said that the work would begin in the spring and that it should be finished before the start of the "
    "summer sailing season, when the town is at its busiest & the harbour is full of visiting boats that come "
    "from all along the coast <and beyond>.",
    "Share on Facebook",
    "Trending: Ten gulls that stole our hearts",
    "© 2031 Harbourtown Gazette. All rights reserved.",
]
ARTICLE_BODY = [1, 2]

GERMAN = [
    "Startseite | Politik | Sport",
    "Der Gemeinderat hat am Dienstag beschlossen, dass die alte Brücke über den Fluss im nächsten Jahr abgerissen "
    "und durch einen Neubau ersetzt werden soll, weil sie nach dem Urteil der Gutachter nicht mehr sicher ist und "
    "eine Sanierung zu teuer wäre.",
    "Die Arbeiten sollen im Frühjahr beginnen und werden nach Angaben der Stadt etwa zwei Jahre dauern, in dieser "
    "Zeit wird es für den Verkehr eine Umleitung über die Landstraße geben, die aber für Lastwagen gesperrt bleibt.",
    "Jetzt teilen",
]


def test_keep_all_keeps_every_line() -> None:
    masks = KeepAll().fit([]).keep_documents([ARTICLE, []])
    assert [m.tolist() for m in masks] == [[True] * len(ARTICLE), []]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("The ferry will run twice a day from May.", None),
        ('"We are delighted," said the harbour master.', None),
        ("The pier will reopen in the spring [3].", None),
        ("The pier will reopen in the spring", "no_endmark"),
        ("The pier will reopen, perhaps, in the spring...", "no_endmark"),
        ("Read more [edit]", "no_endmark"),
        ("Pier to reopen.", "too_short"),
        ("Please enable JavaScript to view the comments.", "javascript"),
        ("By using this site you agree to our Terms of Use.", "policy"),
        ("This website uses cookies to improve your visit.", "policy"),
        ("Gallery " + "x" * 1001 + " was shown.", "too_long_word"),
    ],
)
def test_c4_rule_reasons(line: str, reason: str | None) -> None:
    assert C4LineRule().drop_reason(line) == reason


def test_c4_minimum_words_is_a_parameter() -> None:
    assert C4LineRule(min_words=3).drop_reason("The pier reopens.") is None
    assert C4LineRule().drop_reason("The pier reopens.") == "too_short"


def test_c4_keeps_sentence_lines_and_never_drops_the_page() -> None:
    # C4 would drop this whole page for the curly bracket; the line rule keeps its sentences
    lines = ARTICLE + ["The old site printed {braces} in the middle of its pages."]
    keep = C4LineRule().keep_documents([lines])[0]
    assert np.flatnonzero(keep).tolist() == ARTICLE_BODY + [5, 6]  # the copyright line is a sentence too


def test_lines_to_html_escapes_each_line_into_its_own_paragraph() -> None:
    assert lines_to_html(["Fish & chips", "<b>"]) == "<html><body><p>Fish &amp; chips</p><p>&lt;b&gt;</p></body></html>"


def test_justext_keeps_the_article_lines() -> None:
    pytest.importorskip("justext")
    masks = JusTextLines().keep_documents([ARTICLE, GERMAN, []])
    assert [np.flatnonzero(m).tolist() for m in masks] == [ARTICLE_BODY, [1, 2], []]


def test_justext_auto_picks_the_document_language() -> None:
    pytest.importorskip("justext")
    baseline = JusTextLines()
    assert (baseline.stoplist_for(ARTICLE), baseline.stoplist_for(GERMAN)) == ("English", "German")
    # the wrong stoplist finds no stopwords in German and keeps nothing
    assert not JusTextLines("English").keep_documents([GERMAN])[0].any()


def test_justext_unknown_stoplist_is_refused() -> None:
    pytest.importorskip("justext")
    with pytest.raises(ValueError, match="get_stoplists"):
        JusTextLines("Klingon").keep_documents([ARTICLE])


def test_trafilatura_output_maps_back_to_lines() -> None:
    pytest.importorskip("trafilatura")
    masks = TrafilaturaLines().keep_documents([ARTICLE, []])
    assert len(masks[0]) == len(ARTICLE)
    assert masks[0][ARTICLE_BODY].all()  # including the line with & and <...>
    assert masks[1].tolist() == []


def test_match_extracted_matches_in_order_and_ignores_rewritten_lines() -> None:
    lines = ["Tide  times", "Menu", "Tide times", "Weather"]
    assert match_extracted(lines, "Tide times\nTIDE TIMES\n\nTide times\n").tolist() == [True, False, True, False]
    assert match_extracted(lines, None).tolist() == [False] * 4


def training_docs() -> list[LabelledDocument]:
    content = [
        "The council approved the budget for the new library after a long debate.",
        "Residents told the council that the library should open on Sundays.",
        "The mayor said the budget would also pay for repairs to the school roof.",
    ]
    junk = ["Share on Facebook", "Subscribe to our newsletter", "Share this story", "Subscribe now"]
    return [
        LabelledDocument(lines=content + junk, labels=[1, 1, 1, 0, 0, 0, 0], source="gazette/library"),
        # unknown lines are not trained on, whatever they say
        LabelledDocument(lines=["Share the council budget library"] * 3, labels=[-1] * 3, source="gazette/unknown"),
    ]


def test_isolated_tfidf_lr_learns_a_separable_fixture() -> None:
    model = IsolatedTfidfLR(C=10.0).fit(training_docs())
    keep = model.keep_documents([["The council will debate the library budget again.", "Share on Facebook now"]])
    assert keep[0].tolist() == [True, False]


def test_isolated_tfidf_lr_keeps_lines_scored_at_the_threshold_or_above() -> None:
    lines = ["The council will debate the library budget again.", "Share on Facebook now"]
    model = IsolatedTfidfLR(C=10.0).fit(training_docs())
    (scores,) = model.score_documents([lines])
    assert ((scores >= 0) & (scores <= 1)).all() and scores[0] > 0.5 > scores[1]
    model.threshold = float(scores[1])
    assert model.keep_documents([lines])[0].tolist() == [True, True]


def test_isolated_tfidf_lr_weighs_documents() -> None:
    docs = [
        LabelledDocument(lines=["Weather forecast today", "Lottery numbers"], labels=[1, 0], weight=10.0),
        LabelledDocument(lines=["Weather forecast today", "Lottery numbers"], labels=[0, 1], weight=0.1),
    ]
    keep = IsolatedTfidfLR(C=10.0).fit(docs).keep_documents([["Weather forecast today", "Lottery numbers"]])
    assert keep[0].tolist() == [True, False]


def test_isolated_tfidf_lr_pipeline_pickles() -> None:
    model = IsolatedTfidfLR().fit(training_docs())
    restored = pickle.loads(pickle.dumps(model.pipeline_))
    table = np.array([[0, "Subscribe to our newsletter"]], dtype=object)
    assert restored.predict_proba(table)[0, 1] == pytest.approx(model.pipeline_.predict_proba(table)[0, 1])


def test_isolated_tfidf_lr_needs_both_classes_and_fitting() -> None:
    with pytest.raises(ValueError, match="both content"):
        IsolatedTfidfLR().fit([LabelledDocument(lines=["Share"], labels=[0])])
    with pytest.raises(RuntimeError, match="call fit"):
        IsolatedTfidfLR().keep_documents([["Share"]])
    with pytest.raises(RuntimeError, match="call fit"):
        IsolatedTfidfLR().score_documents([["Share"]])
