"""Composed training documents: deterministic, correctly labelled, split-safe, varied."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from train.data import junk_vocabulary as vocab
from train.data.compose import (
    ARTICLES_PATH,
    MAX_TAIL,
    compose_documents,
    composed_from_shared,
    load_articles,
    load_headlines,
    split_of,
    split_sentences,
)
from train.data.documents import CONTENT, JUNK
from train.data.sources import shared_dir

# An imaginary local paper, the Port Wyndle Courier; every sentence below is invented for these tests.
ARTICLES = [
    {"id": "pwc/sport/rowing-club-wins", "category": "sport", "title": "Rowing club wins the estuary cup",
     "paragraphs": [
         "The Port Wyndle rowing club won the estuary cup on Saturday. It was their first win in nine years.",
         "Captain Mira Ostlund said the crew had trained through the winter storms. \"We never gave up,\" she added.",
         "The club will defend the trophy next spring.",
     ]},
    {"id": "pwc/business/harbour-bakery-expands", "category": "business",
     "title": "Harbour bakery opens a second shop",
     "paragraphs": [
         "A family bakery on the harbour front is opening a second shop in the old tram depot.",
         "The owners expect to hire twelve people. Rents in the depot were cut by the council last year.",
         "Local traders welcomed the move. Some worried about parking on market days.",
         "The new shop opens in May.",
     ]},
    {"id": "pwc/tech/library-lends-laptops", "category": "tech", "title": "Library starts lending laptops",
     "paragraphs": [
         "Port Wyndle library now lends laptops to residents for up to two weeks.",
         "The scheme is paid for by a grant from the county. Borrowers need a library card and a deposit.",
     ]},
]

CLICKBAIT = [
    "You Will Not Believe What This Seagull Stole From A Tourist",
    "17 Harbour Views That Will Make You Quit Your Job",
    "This Grandmother Knitted A Sweater For Every Lighthouse",
    "Which Port Wyndle Pie Are You",
    "We Tried Every Chip Shop On The Pier So You Don't Have To",
    "23 Things Only People Who Grew Up By The Sea Understand",
    "The Ferry Timetable Change Everyone Is Talking About",
    "Nobody Expected What Happened At The Village Fete",
    "These Dogs At The Beach Are The Best Thing You Will See Today",
    "Here's Why Everyone Is Obsessed With Tide Pools Right Now",
]
NEWS = [
    "County council approves new cycle lanes along the coast road",
    "Storm damage closes the north pier for repairs",
    "Fishing quotas set to change next season",
    "Hospital trust appoints new chief executive",
    "Train services reduced during engineering works",
    "Primary school wins national science award",
    "Harbour dredging contract awarded after long delay",
    "Museum reopens after two-year renovation",
    "Water company fined over sewage release",
    "Police appeal for witnesses after warehouse fire",
]


def _many_articles(n: int) -> list[dict]:
    return [{"id": f"pwc/news/story-{i}", "category": "news", "title": f"Council story number {i}",
             "paragraphs": [f"The council discussed item {i} on Tuesday. A vote is expected soon.",
                            f"Residents can comment on item {i} until the end of the month."]}
            for i in range(n)]


def _headline_pool(n: int, marker: str = "Wyndlewatch") -> list[str]:
    return [f"{marker} {i}: ferry crew rescues a stranded kayaker near the old lighthouse" for i in range(n)]


def _article_of(document, articles: list[dict] = ARTICLES) -> dict:
    """The article a composed document wraps, named at the end of its source."""
    return next(a for a in articles if document.source.endswith("/" + a["id"]))


def _compose(n: int = 30, **kwargs) -> list:
    return compose_documents(ARTICLES, CLICKBAIT, NEWS, n, **kwargs)


def test_same_seed_gives_identical_documents_and_other_seeds_differ():
    first, again, other = _compose(seed=5), _compose(seed=5), _compose(seed=6)
    assert [(d.lines, d.labels, d.kinds, d.domain, d.source) for d in first] == \
        [(d.lines, d.labels, d.kinds, d.domain, d.source) for d in again]
    assert [d.lines for d in first] != [d.lines for d in other]


def test_document_i_does_not_depend_on_how_many_are_composed():
    short, long = _compose(5, seed=2), _compose(40, seed=2)
    assert [d.lines for d in short] == [d.lines for d in long[:5]]


def test_every_line_is_labelled_and_kinds_agree_with_labels():
    for document in _compose(100):
        assert len(document.lines) == len(document.labels) == len(document.kinds)
        assert all(line.strip() == line and line for line in document.lines)
        assert not any(re.search(r"\{\w*\}", line) for line in document.lines), "unfilled template"
        for label, kind in zip(document.labels, document.kinds):
            assert (label, kind) in {(CONTENT, "title"), (CONTENT, "body"), (CONTENT, "heading"), (JUNK, "junk")}
        titles = [line for line, kind in zip(document.lines, document.kinds) if kind == "title"]
        assert titles == [_article_of(document)["title"]]


def test_every_paragraph_survives_in_the_content_lines_in_order():
    for document in _compose(100):
        content = " ".join(line for line, kind in zip(document.lines, document.kinds) if kind == "body")
        assert " ".join(_article_of(document)["paragraphs"]) in content


def test_paragraphs_are_sometimes_split_and_sometimes_merged():
    documents = _compose(300)
    paragraphs = {p for a in ARTICLES for p in a["paragraphs"]}
    body_lines = [line for d in documents for line, kind in zip(d.lines, d.kinds) if kind == "body"]
    assert any(line not in paragraphs and any(line in p for p in paragraphs) for line in body_lines)
    assert any(sum(p in line for p in paragraphs) >= 2 for line in body_lines)


def test_some_paragraphs_get_a_short_subheading_made_of_their_own_words():
    headed = 0
    for document in _compose(300):
        for i, (line, kind) in enumerate(zip(document.lines, document.kinds)):
            if kind != "heading":
                continue
            headed += 1
            following = document.lines[i + 1]
            assert document.kinds[i + 1] == "body" and document.labels[i] == CONTENT
            assert 1 <= len(line.split()) <= 6 and line[-1] not in ".!?"
            assert all(word.lower() in following.lower() for word in line.split())
    assert headed > 0


def test_listed_headlines_sometimes_carry_another_articles_first_sentence_as_junk():
    ledes = {"pwc/sport/rowing-club-wins": "The Port Wyndle rowing club won the estuary cup on Saturday.",
             "pwc/business/harbour-bakery-expands": ARTICLES[1]["paragraphs"][0],
             "pwc/tech/library-lends-laptops": ARTICLES[2]["paragraphs"][0]}
    teasers = 0
    for document in _compose(300):
        own = ledes[_article_of(document)["id"]]
        for line, label in zip(document.lines, document.labels):
            if line in ledes.values() and line != own:
                teasers += 1
                assert label == JUNK
    assert teasers > 0


def test_gold_is_every_content_line_but_the_title():
    for document in _compose(100):
        kept = [line for line, kind in zip(document.lines, document.kinds) if kind in ("body", "heading")]
        assert document.gold == "\n".join(kept)


def test_split_sentences_round_trips_the_paragraph():
    text = "The pier reopened on Monday. \"It was worth the wait!\" said one angler. Crowds came at 9am."
    parts = split_sentences(text)
    assert parts == ["The pier reopened on Monday.", "\"It was worth the wait!\" said one angler.",
                     "Crowds came at 9am."]
    assert " ".join(parts) == text


def test_junk_tail_holds_between_zero_and_max_tail_headlines():
    documents = compose_documents(ARTICLES, _headline_pool(300), _headline_pool(300, "Pierpost"), 400, seed=1)
    tails = []
    for document in documents:
        last_content = max(i for i, label in enumerate(document.labels) if label == CONTENT)
        tail = document.lines[last_content + 1:]
        tails.append(sum(bool(re.search(r"Wyndlewatch|Pierpost", line)) for line in tail))
    assert max(tails) <= MAX_TAIL
    assert min(tails) == 0
    assert max(tails) > MAX_TAIL // 2


def test_split_keeps_test_articles_and_headlines_out_of_training_documents():
    articles = _many_articles(60)
    pool = _headline_pool(200)
    for split in ("train", "test"):
        documents = compose_documents(articles, pool, [], 80, split=split)
        used = {_article_of(d, articles)["id"] for d in documents}
        assert used and all(split_of(article_id) == split for article_id in used)
        shown = {h for d in documents for h in pool if any(h in line for line in d.lines)}
        assert all(split_of(h) == split for h in shown)
    assert {split_of(a["id"]) for a in articles} == {"train", "test"}


def test_split_that_filters_out_every_article_explains_itself():
    only_train = [a for a in _many_articles(20) if split_of(a["id"]) == "train"]
    with pytest.raises(ValueError, match="split='test'"):
        compose_documents(only_train, CLICKBAIT, NEWS, 3, split="test")


def test_empty_headline_pools_still_compose_labelled_documents():
    documents = compose_documents(ARTICLES, [], [], 30)
    assert len(documents) == 30
    assert all(CONTENT in d.labels for d in documents)
    assert not any(h in line for d in documents for line in d.lines for h in CLICKBAIT + NEWS)


def test_documents_are_spread_over_at_most_the_requested_sites():
    documents = _compose(60, sites=3)
    by_site = Counter(d.domain for d in documents)
    assert 1 < len(by_site) <= 3
    assert all(domain.startswith("composed/") for domain in by_site)


def test_non_english_chrome_appears():
    german = set(vocab.SECTIONS["de"]) | set(vocab.SERVICES["de"]) | set(vocab.FOOTER_LINKS["de"])
    junk = {line for d in _compose(200) for line, label in zip(d.lines, d.labels) if label == JUNK}
    assert junk & german


def test_loaders_read_jsonl_articles_and_headline_lines(tmp_path):
    articles_file = tmp_path / "articles.jsonl"
    articles_file.write_text('{"id": "a", "category": "tech", "title": "T", "paragraphs": ["P."]}\n\n',
                             encoding="utf-8")
    headlines_file = tmp_path / "headlines.txt"
    headlines_file.write_text("First headline\n\n  Second headline  \n", encoding="utf-8")
    assert load_articles(articles_file) == [{"id": "a", "category": "tech", "title": "T", "paragraphs": ["P."]}]
    assert load_headlines(headlines_file) == ["First headline", "Second headline"]


def test_missing_shared_files_say_which(tmp_path):
    with pytest.raises(FileNotFoundError, match="articles"):
        composed_from_shared(tmp_path, 3, seed=0)


@pytest.mark.skipif(shared_dir() is None, reason="needs the shared corpora in ../shared")
def test_composes_from_the_shared_corpora():
    documents = composed_from_shared(shared_dir(), 50, seed=0, split="train")
    articles = load_articles(shared_dir() / ARTICLES_PATH)
    assert len(documents) == 50
    assert all(split_of(_article_of(d, articles)["id"]) == "train" for d in documents)
    assert len({d.domain for d in documents}) > 10
    junk_share = sum(d.labels.count(JUNK) for d in documents) / sum(len(d.lines) for d in documents)
    assert 0.2 < junk_share < 0.9
    for document in documents:
        assert document.kinds.count("title") == 1
        assert len(document.lines) < 400
