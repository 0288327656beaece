"""Composed training documents: clean articles dressed in scraped-page junk.

Labelled real pages are few, but clean articles and headline lists are
plentiful. Wrapping a clean article in the chrome a naive scraper emits (menus,
section labels, bylines, share buttons, advertisement markers, "also read"
links, long trending-headline tails, footers) gives documents whose every line
label is known for free, in any number.

Documents come from synthetic *sites*: each site is a seeded template (chrome
language, menu, footer, share block, date style, and how often it splits
paragraphs, shows ads or lists headlines), and every document of a site shares
it, so cross-validation grouped by ``domain`` sees unseen templates the way
the filter sees unseen web sites. All randomness flows from one ``seed``.

``split`` keeps evaluation honest: articles (by id) and headlines (by text)
are assigned to ``"train"`` or ``"test"`` by a stable hash, about 80/20, so a
held-out set can be composed from text never seen in training.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Sequence, TypeVar

import numpy as np

from train.data import junk_vocabulary as vocab
from train.data.documents import CONTENT, JUNK, LabelledDocument

Split = Literal["train", "test"]
T = TypeVar("T")

TEST_PERCENT = 20
"""Share of articles and headlines (by stable hash) reserved for the ``"test"`` split."""
MAX_TAIL = 80
"""Most headlines a composed document lists after its article."""
DEFAULT_SITES = 100
"""Synthetic sites (chrome templates, cross-validation groups) documents are spread over."""

ARTICLES_PATH = "corpora/articles/bbc.jsonl"
CLICKBAIT_PATH = "corpora/headlines/clickbait.txt"
NEWS_PATH = "corpora/headlines/news.txt"

_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*(\s+)(?=[\"'“‘(]?[A-Z0-9£$€])")
_LANGUAGE_P = np.array([vocab.LANGUAGE_WEIGHTS[lang] for lang in vocab.LANGUAGES])


def split_of(key: str) -> Split:
    """The split a text belongs to (an article id or a headline), stable across runs and machines."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return "test" if int.from_bytes(digest, "big") % 100 < TEST_PERCENT else "train"


def load_articles(path: str | os.PathLike) -> list[dict]:
    """Read a JSON-lines article file (fields ``id``, ``category``, ``title``, ``paragraphs``)."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_headlines(path: str | os.PathLike) -> list[str]:
    """Read a headline file, one headline per line; blank lines are skipped."""
    with open(path, encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip()]


def split_sentences(text: str) -> list[str]:
    """Cut a paragraph at sentence ends; joining the parts with spaces gives the paragraph back."""
    parts, start = [], 0
    for match in _SENTENCE_BREAK.finditer(text):
        parts.append(text[start:match.start(1)])
        start = match.end(1)
    parts.append(text[start:])
    return [part for part in parts if part]


# --- random helpers ---------------------------------------------------------------------------

def _chance(rng: np.random.Generator, p: float) -> bool:
    return bool(rng.random() < p)


def _pick(rng: np.random.Generator, items: Sequence[T]) -> T:
    return items[int(rng.integers(len(items)))]


def _sample(rng: np.random.Generator, items: Sequence[T], k: int) -> list[T]:
    """Up to ``k`` distinct items in random order."""
    k = min(k, len(items))
    return [items[int(i)] for i in rng.choice(len(items), size=k, replace=False)] if k else []


def _date(rng: np.random.Generator, fmt: str, language: str, year: int) -> str:
    month, hour = int(rng.integers(12)), int(rng.integers(24))
    day, minute = int(rng.integers(1, 29)), int(rng.integers(60))
    name = vocab.MONTHS[language][month]
    return fmt.format(d=day, dd=f"{day:02d}", month=name, mon=name[:3], mm=f"{month + 1:02d}",
                      y=year, H=f"{hour:02d}", M=f"{minute:02d}",
                      h=hour % 12 or 12, ampm="AM" if hour < 12 else "PM")


def _relative_time(rng: np.random.Generator, language: str) -> str:
    return _pick(rng, vocab.RELATIVE_TIMES[language]).format(n=int(rng.integers(1, 24)))


def _person(rng: np.random.Generator) -> str:
    return f"{_pick(rng, vocab.FIRST_NAMES)} {_pick(rng, vocab.LAST_NAMES)}"


# --- synthetic sites --------------------------------------------------------------------------

# Per-site probability of each optional page element; a site draws one value from each tuple.
_RATE_CHOICES: dict[str, tuple[float, ...]] = {
    "page_title": (0.0, 0.0, 0.5),        # "<headline> | <site name>" on top, as a <title> scrapes
    "sidebar": (0.0,) * 6 + (0.7,),       # a "latest news" box of headlines before the article
    "section": (0.0, 0.7, 1.0),           # a section label ("WORLD") when there is no breadcrumb
    "byline": (0.0, 0.6, 0.9),
    "date": (0.0, 0.7, 1.0),
    "reading_time": (0.0,) * 6 + (0.8,),
    "standfirst": (0.0, 0.0, 0.4, 0.9),   # the lede repeated as a summary (content)
    "split": (0.0, 0.0, 0.3, 0.8),        # a paragraph cut into sentence lines
    "merge": (0.0, 0.0, 0.1, 0.3),        # a paragraph joined with the next on one line
    "inline": (0.0, 0.08, 0.2, 0.35),     # junk (ad, link, credit...) in a gap between paragraphs
    "subheading": (0.0, 0.3, 0.6, 0.9),   # a short heading (content) over a paragraph after the first
    "label": (0.0, 0.7, 1.0),             # a label ("Trending") over a headline list
    "kicker": (0.0,) * 6 + (0.7,),        # a section word over each listed headline
    "truncate": (0.0, 0.0, 0.2, 0.6),     # a listed headline cut short with "..."
    "time": (0.0, 0.0, 0.0, 0.5, 1.0),    # a date or "3 hours ago" under each listed headline
    "dek": (0.0, 0.0, 0.0, 0.5, 0.9),     # a listed headline's teaser: the first sentence of another article
    "tags": (0.0, 0.0, 0.7),
    "bio": (0.0,) * 4 + (0.7,),           # an author box after the article
    "comments": (0.0,) * 3 + (0.6,),
    "newsletter": (0.0, 0.0, 0.6),
}


@dataclass(frozen=True)
class _Site:
    """One synthetic web site: its fixed chrome and the rates its pages vary by."""

    domain: str
    language: str
    name: str
    head: tuple[str, ...]  # skip link, site name, menu
    footer: tuple[str, ...]
    share: tuple[str, ...]  # share buttons, under the title and again after the article
    tail_labels: tuple[str, ...]  # labels over the headline lists, in order
    date_format: str
    published: str  # "Published {date}"-style template
    breadcrumb: str | None  # breadcrumb separator, or None for a bare section label
    marker: str  # prefix of listed headlines
    section_upper: bool
    relative_times: bool  # listed stories stamped "3 hours ago" rather than dated
    cookie_place: str | None  # "top", "bottom" or no cookie banner
    tail_size: int  # headlines listed after the article (each page shows 60-100% of this)
    clickbait_share: float  # of pool headlines, the clickbait share; the rest are news
    same_category_share: float  # weight of same-category article titles among listed headlines
    rates: dict[str, float]  # probability of each optional element, keyed as _RATE_CHOICES


def _site_name(rng: np.random.Generator, language: str) -> str:
    """"Northfield Herald", "The Northfield Herald", "Le Courrier Northfield" or "northfield.news"."""
    word, place = _pick(rng, vocab.SITE_WORDS[language]), _pick(rng, vocab.PLACES)
    form = int(rng.integers(3))
    if form == 0:
        return f"{place.lower().replace(' ', '')}{_pick(rng, vocab.DOMAIN_SUFFIXES)}"
    if language in ("fr", "es", "it", "pt"):
        return f"{word} {place}"
    return f"The {place} {word}" if form == 1 and language == "en" else f"{place} {word}"


def _menu(rng: np.random.Generator, language: str) -> list[str]:
    """A navigation menu of 3-30 short items, mostly sections, some services, maybe a submenu."""
    size = int(rng.integers(3, 31))
    services = _sample(rng, vocab.SERVICES[language], int(rng.integers(0, 1 + size // 3)))
    sections = _sample(rng, vocab.SECTIONS[language], size - len(services))
    menu = services[: len(services) // 2] + sections + services[len(services) // 2:]
    if _chance(rng, 0.2):
        menu = [item.upper() for item in menu]
    return menu


def _footer(rng: np.random.Generator, language: str, name: str, menu: list[str]) -> list[str]:
    lines: list[str] = []
    if _chance(rng, 0.3):
        lines += menu
    if _chance(rng, 0.4):
        lines.append(_pick(rng, vocab.FOLLOW[language]))
        lines += _sample(rng, vocab.SOCIAL, int(rng.integers(2, 7)))
    links = _sample(rng, vocab.FOOTER_LINKS[language], int(rng.integers(0, 9)))
    lines += [" | ".join(links)] if links and _chance(rng, 0.3) else links
    if _chance(rng, 0.8):
        copyright_line = _pick(rng, vocab.COPYRIGHT_TEMPLATES).format(y=int(rng.integers(2005, 2026)), site=name)
        rights = _pick(rng, vocab.RIGHTS[language])
        lines += [f"{copyright_line}. {rights}"] if _chance(rng, 0.5) else [copyright_line, rights]
    return lines


def _make_site(rng: np.random.Generator, domain: str) -> _Site:
    language = str(rng.choice(vocab.LANGUAGES, p=_LANGUAGE_P))
    name = _site_name(rng, language)
    menu = _menu(rng, language)
    head = [_pick(rng, vocab.SKIP_LINKS[language])] if _chance(rng, 0.25) else []
    head += [name] if _chance(rng, 0.6) else []
    if _chance(rng, 0.75):
        head += menu * (2 if _chance(rng, 0.15) else 1)  # desktop and mobile menus both scraped
    share = _sample(rng, vocab.SHARE[language], int(rng.integers(0, 6))) if _chance(rng, 0.6) else []
    if share and _chance(rng, 0.3):
        share = [" ".join(share)]
    return _Site(
        domain=domain, language=language, name=name, head=tuple(head),
        footer=tuple(_footer(rng, language, name, menu)), share=tuple(share),
        tail_labels=tuple(_sample(rng, vocab.TAIL_LABELS[language], 3)),
        date_format=_pick(rng, vocab.DATE_FORMATS[language]), published=_pick(rng, vocab.PUBLISHED[language]),
        breadcrumb=_pick(rng, vocab.BREADCRUMB_SEPARATORS) if _chance(rng, 0.25) else None,
        marker=_pick(rng, vocab.LIST_MARKERS), section_upper=_chance(rng, 0.4), relative_times=_chance(rng, 0.5),
        cookie_place=_pick(rng, (None, None, None, "top", "bottom")),
        tail_size=0 if _chance(rng, 0.1) else int(MAX_TAIL * rng.beta(1.2, 2.5)),
        clickbait_share=float(rng.uniform(0.0, 1.0)), same_category_share=_pick(rng, (0.0, 0.0, 0.3, 0.8)),
        rates={name: _pick(rng, choices) for name, choices in _RATE_CHOICES.items()},
    )


# --- one page ---------------------------------------------------------------------------------

class _Page:
    """Lines with their labels and kinds, appended in page order."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.labels: list[int] = []
        self.kinds: list[str] = []

    def add(self, text: str, label: int, kind: str) -> None:
        self.lines.append(text)
        self.labels.append(label)
        self.kinds.append(kind)

    def junk(self, *texts: str) -> None:
        for text in texts:
            self.add(text, JUNK, "junk")

    def body(self, *texts: str) -> None:
        for text in texts:
            self.add(text, CONTENT, "body")

    def gold(self) -> str:
        """The content lines but the title: what a perfect filter keeps, as body F1 scores it."""
        return "\n".join(line for line, label, kind in zip(self.lines, self.labels, self.kinds)
                         if label == CONTENT and kind != "title")


@dataclass(frozen=True)
class _Pools:
    """Headline sources for one composition run; ``related`` maps a category to article titles,
    ``ledes`` holds each article's first sentence (teasers under listed headlines)."""

    clickbait: Sequence[str]
    news: Sequence[str]
    related: dict[str, list[str]]
    ledes: Sequence[str] = ()


class _Composer:
    """Builds one page for one article on one site, drawing every choice from ``rng``."""

    def __init__(self, rng: np.random.Generator, site: _Site, article: dict, pools: _Pools) -> None:
        self.rng, self.site, self.article, self.pools = rng, site, article, pools
        self.paragraphs = [paragraph for paragraph in article["paragraphs"] if paragraph.strip()]
        self.language = site.language
        self.page = _Page()
        self.year = int(rng.integers(2003, 2026))
        self.author = _person(rng)
        self.related = [title for title in pools.related.get(article.get("category", ""), [])
                        if title != article["title"]]

    def _maybe(self, element: str) -> bool:
        """Whether this page shows an optional element, at its site's rate."""
        return _chance(self.rng, self.site.rates[element])

    def compose(self) -> _Page:
        site, rng = self.site, self.rng
        if self._maybe("page_title"):
            self.page.junk(f"{self.article['title']}{_pick(rng, (' | ', ' - ', ' – '))}{site.name}")
        if site.cookie_place == "top":
            self._cookie_notice()
        self.page.junk(*site.head)
        if self._maybe("sidebar"):  # a "latest news" box scraped before the article
            self._headline_list(self._headlines(int(rng.integers(3, 11))), _pick(rng, site.tail_labels))
        self._section_and_breadcrumb()
        self.page.add(self.article["title"], CONTENT, "title")
        standfirst_first = _chance(rng, 0.5)
        if standfirst_first:
            self._standfirst()
        self._meta()
        if not standfirst_first:
            self._standfirst()
        self._paragraphs()
        self._tail()
        self.page.junk(*site.footer)
        if site.cookie_place == "bottom":
            self._cookie_notice()
        return self.page

    # head

    def _section(self) -> str:
        by_language = vocab.CATEGORY_SECTIONS.get(self.article.get("category", ""))
        return _pick(self.rng, by_language[self.language] if by_language else vocab.SECTIONS[self.language])

    def _section_and_breadcrumb(self) -> None:
        """A breadcrumb trail ("Home > News > Sport") or a bare section label ("SPORT")."""
        lang = self.language
        if self.site.breadcrumb is not None:
            crumbs = [vocab.SERVICES[lang][0], vocab.SECTIONS[lang][0]][: int(self.rng.integers(1, 3))]
            self.page.junk(self.site.breadcrumb.join([*crumbs, self._section()]))
        elif self._maybe("section"):
            section = self._section()
            self.page.junk(section.upper() if self.site.section_upper else section)

    def _meta(self) -> None:
        site, rng, lang = self.site, self.rng, self.language
        if self._maybe("byline"):
            byline = f"{_pick(rng, vocab.BYLINE_PREFIXES[lang])} {self.author}"
            if _chance(rng, 0.2):
                byline += f" and {_person(rng)}" if lang == "en" else f", {_person(rng)}"
            if _chance(rng, 0.3):
                byline += f", {_pick(rng, vocab.ROLES[lang])}"
            self.page.junk(byline.upper() if _chance(rng, 0.1) else byline)
        if self._maybe("date"):
            self.page.junk(site.published.format(date=_date(rng, site.date_format, lang, self.year)))
            if _chance(rng, 0.2):
                self.page.junk(_relative_time(rng, lang))
        if self._maybe("reading_time"):
            self.page.junk(_pick(rng, vocab.READING_TIMES[lang]).format(n=int(rng.integers(2, 12))))
        if _chance(rng, 0.8):
            self.page.junk(*site.share)

    def _standfirst(self) -> None:
        """Repeat the lede (first paragraph or its first sentence) as a summary: content twice."""
        if self.paragraphs and self._maybe("standfirst"):
            lede = self.paragraphs[0]
            self.page.body(split_sentences(lede)[0] if _chance(self.rng, 0.4) else lede)

    # body

    def _paragraph_lines(self) -> list[list[str]]:
        """Article paragraphs as blocks of lines: some split at sentences, some pairs merged."""
        paragraphs, blocks, i = self.paragraphs, [], 0
        while i < len(paragraphs):
            if i + 1 < len(paragraphs) and self._maybe("merge"):
                blocks.append([f"{paragraphs[i]} {paragraphs[i + 1]}"])
                i += 2
                continue
            if self._maybe("split"):
                blocks.append(self._regroup(split_sentences(paragraphs[i])))
            else:
                blocks.append([paragraphs[i]])
            i += 1
        return blocks

    def _regroup(self, sentences: list[str]) -> list[str]:
        """Sentences in lines of one, sometimes two, sentences each."""
        lines, i = [], 0
        while i < len(sentences):
            take = 2 if _chance(self.rng, 0.25) else 1
            lines.append(" ".join(sentences[i:i + take]))
            i += take
        return lines

    def _paragraphs(self) -> None:
        blocks = self._paragraph_lines()
        for index, block in enumerate(blocks):
            if index > 0 and self._maybe("subheading"):
                self.page.add(self._subheading(block[0]), CONTENT, "heading")
            self.page.body(*block)
            if index + 1 < len(blocks) and self._maybe("inline"):
                self._inline_junk()

    def _subheading(self, text: str) -> str:
        """A heading made of a few words of the paragraph it heads: short, unpunctuated, on topic.

        Real articles break their text with such headings, and they are
        content; without them the only short lines between paragraphs a
        composed page shows are junk (ads, "also read" links).
        """
        words = [word.strip(".,;:!?\"'()“”‘’") for word in split_sentences(text)[0].split()]
        words = [word for word in words if word]
        size = int(self.rng.integers(2, 7))
        start = 0 if _chance(self.rng, 0.5) else int(self.rng.integers(0, max(len(words) - size, 0) + 1))
        words = words[start:start + size]
        while len(words) > 1 and len(words[-1]) <= 3 and words[-1].islower():  # not ending on "of", "the"
            words.pop()
        heading = " ".join(words) or text
        return heading[:1].upper() + heading[1:]

    def _inline_junk(self) -> None:
        """One piece of junk between paragraphs: an ad marker, a story link, a photo credit,
        a newsletter prompt or a short "read more" list."""
        rng, lang = self.rng, self.language
        kind = _pick(rng, ("ad", "ad", "link", "link", "photo", "newsletter", "list"))
        if kind == "link" and (headline := self._headlines(1)):
            separator = _pick(rng, (": ", " - ", " | ", " "))
            self.page.junk(f"{_pick(rng, vocab.INLINE_PREFIXES[lang])}{separator}{headline[0]}")
        elif kind == "list" and (headlines := self._headlines(int(rng.integers(2, 5)))):
            self.page.junk(_pick(rng, vocab.INLINE_PREFIXES[lang]))
            self._headline_list(headlines, None)
        elif kind == "photo":
            credit = f"{_pick(rng, vocab.PHOTO_PREFIXES[lang])}{_pick(rng, vocab.AGENCIES)}"
            credit += ")" if credit.startswith("(") else ""
            caption = self._headlines(1) if _chance(rng, 0.4) else []
            self.page.junk(f"{caption[0]} {credit}" if caption else credit)
        elif kind == "newsletter":
            self._newsletter()
        else:
            self.page.junk(_pick(rng, vocab.ADS[lang]))

    # tail

    def _headlines(self, k: int) -> list[str]:
        """``k`` headlines mixed from the pools by the site's shares; fewer if the pools run dry."""
        site, rng, pools = self.site, self.rng, self.pools
        sources = [(self.related, site.same_category_share), (pools.clickbait, site.clickbait_share),
                   (pools.news, 1.0 - site.clickbait_share)]
        sources = [(pool, weight) for pool, weight in sources if pool and weight > 0] \
            or [(pool, 1.0) for pool, _ in sources if pool]
        if not sources or k == 0:
            return []
        weights = np.array([weight for _, weight in sources])
        counts = rng.multinomial(k, weights / weights.sum())
        picked = [line for (pool, _), count in zip(sources, counts) for line in _sample(rng, pool, int(count))]
        return [picked[int(i)] for i in rng.permutation(len(picked))]

    def _truncate(self, headline: str) -> str:
        words = headline.split()
        if len(words) < 6:
            return headline
        keep = int(len(words) * self.rng.uniform(0.5, 0.85))
        return " ".join(words[:keep]).rstrip(",;:") + _pick(self.rng, vocab.ELLIPSES)

    def _headline_list(self, headlines: list[str], label: str | None) -> None:
        site, rng = self.site, self.rng
        if not headlines:
            return
        if label is not None and self._maybe("label"):
            self.page.junk(label)
        for number, headline in enumerate(headlines, start=1):
            if self._maybe("kicker"):
                self.page.junk(_pick(rng, vocab.SECTIONS[self.language]).upper())
            shown = self._truncate(headline) if self._maybe("truncate") else headline
            self.page.junk(site.marker.format(n=number) + shown)
            if self._maybe("dek"):
                self._teaser()
            if self._maybe("time"):
                self.page.junk(self._timestamp())

    def _teaser(self) -> None:
        """A sentence under a listed headline, from another article: long, punctuated and off topic.

        "More from this site" boxes often show a story's first sentence under
        its headline; without them every long, well-formed sentence of a
        composed page was article text.
        """
        own = self.paragraphs[0] if self.paragraphs else ""
        ledes = [lede for lede in _sample(self.rng, self.pools.ledes, 2) if not own.startswith(lede)]
        if ledes:
            self.page.junk(ledes[0])

    def _timestamp(self) -> str:
        """When a listed story appeared, in the site's style: "3 hours ago" or a recent date."""
        if self.site.relative_times:
            return _relative_time(self.rng, self.language)
        return _date(self.rng, self.site.date_format, self.language, self.year - int(self.rng.integers(2)))

    def _tail(self) -> None:
        site, rng, lang = self.site, self.rng, self.language
        if self._maybe("tags"):
            self.page.junk(_pick(rng, vocab.TAGS[lang]),
                           *_sample(rng, vocab.SECTIONS[lang], int(rng.integers(2, 7))))
        if _chance(rng, 0.4):
            self.page.junk(*site.share)
        if self._maybe("newsletter"):
            self._newsletter()
        if self._maybe("bio"):
            self._author_bio()
        if self._maybe("comments"):
            self._comments()
        headlines = self._headlines(min(MAX_TAIL, round(site.tail_size * rng.uniform(0.6, 1.0))))
        cuts = sorted(_sample(rng, range(1, len(headlines)), int(rng.integers(0, 3))))
        labels = [*self.site.tail_labels, *[None] * len(cuts)]
        for label, start, stop in zip(labels, [0, *cuts], [*cuts, len(headlines)]):
            self._headline_list(headlines[start:stop], label)

    def _newsletter(self) -> None:
        prompts = _sample(self.rng, vocab.NEWSLETTER[self.language], int(self.rng.integers(1, 4)))
        self.page.junk(*(prompt.format(n=int(self.rng.integers(1, 10))) for prompt in prompts))

    def _author_bio(self) -> None:
        rng, lang = self.rng, self.language
        role = _pick(rng, vocab.ROLES[lang])
        for template in _sample(rng, vocab.AUTHOR_BIOS[lang], int(rng.integers(1, 3))):
            self.page.junk(template.format(person=self.author, role=role if lang == "de" else role.lower(),
                                           site=self.site.name, y=self.year - int(rng.integers(1, 15))))

    def _comments(self) -> None:
        rng, lang = self.rng, self.language
        widget = _sample(rng, vocab.COMMENTS[lang], int(rng.integers(1, 5)))
        self.page.junk(*(line.format(n=int(rng.integers(0, 300))) for line in widget))
        for _ in range(int(rng.integers(0, 4))):
            self.page.junk(_person(rng), _relative_time(rng, lang))

    def _cookie_notice(self) -> None:
        self.page.junk(_pick(self.rng, vocab.COOKIE_NOTICES[self.language]),
                       *_sample(self.rng, vocab.COOKIE_BUTTONS[self.language], int(self.rng.integers(0, 3))))


# --- public API -------------------------------------------------------------------------------

def _in_split(items: Sequence[T], keys: Sequence[str], split: Split | None) -> list[T]:
    if split is None:
        return list(items)
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train', 'test' or None, not {split!r}")
    return [item for item, key in zip(items, keys) if split_of(key) == split]


def compose_documents(
    articles: Sequence[dict],
    clickbait: Sequence[str],
    news: Sequence[str],
    n_documents: int,
    seed: int = 0,
    sites: int = DEFAULT_SITES,
    split: Split | None = None,
) -> list[LabelledDocument]:
    """Compose ``n_documents`` labelled scraped-looking pages from clean articles and headline pools.

    Each page wraps one article (title kind ``title``, paragraphs kind ``body``,
    subheadings made from a paragraph's words kind ``heading``, all labelled
    content) in junk from one of ``sites`` synthetic site templates; ``domain``
    names the site, ``gold`` holds the content lines but the title (what a
    perfect filter keeps, as body F1 scores it).
    Articles are used in a seeded order, all before any repeats. With ``split``
    only articles and headlines hashed to that split are used. The same
    arguments always give the same documents, and document ``i`` does not
    depend on ``n_documents``. Empty headline pools just mean no headline junk.
    """
    articles = _in_split(articles, [a["id"] for a in articles], split)
    if not articles:
        raise ValueError("no articles to compose from: pass at least one article "
                         f"(split={split!r} may have filtered them all out)")
    if sites < 1 or n_documents < 0:
        raise ValueError(f"need sites >= 1 and n_documents >= 0, got sites={sites}, n_documents={n_documents}")
    related: dict[str, list[str]] = {}
    for article in articles:
        related.setdefault(article.get("category", ""), []).append(article["title"])
    first_paragraphs = (" ".join(article["paragraphs"][:1]) for article in articles)
    ledes = [sentences[0] for sentences in map(split_sentences, first_paragraphs) if sentences]
    pools = _Pools(_in_split(clickbait, clickbait, split), _in_split(news, news, split), related, ledes)

    root = np.random.SeedSequence(seed)
    site_seq, order_seq, doc_seq = root.spawn(3)
    site_rngs = [np.random.default_rng(s) for s in site_seq.spawn(sites)]
    templates = [_make_site(rng, f"composed/s{seed}-site{i:03d}") for i, rng in enumerate(site_rngs)]
    order_rng = np.random.default_rng(order_seq)
    rounds = -(-n_documents // len(articles))
    order = np.concatenate([order_rng.permutation(len(articles)) for _ in range(rounds)]) if rounds else []

    documents = []
    for i, doc_rng in enumerate(np.random.default_rng(s) for s in doc_seq.spawn(n_documents)):
        article = articles[int(order[i])]
        site = templates[int(doc_rng.integers(sites))]
        page = _Composer(doc_rng, site, article, pools).compose()
        documents.append(LabelledDocument(
            lines=page.lines, labels=page.labels, kinds=page.kinds, domain=site.domain,
            source=f"composed/s{seed}/{i}/{article['id']}", gold=page.gold(), synthetic=True,
        ))
    return documents


def composed_from_shared(shared_dir: str | os.PathLike, n_documents: int, seed: int = 0,
                         split: Split | None = None, sites: int = DEFAULT_SITES) -> list[LabelledDocument]:
    """Compose documents from the shared corpora in ``shared_dir`` (the ``../shared`` folder)."""
    folder = Path(shared_dir)
    missing = [name for name in (ARTICLES_PATH, CLICKBAIT_PATH, NEWS_PATH) if not (folder / name).is_file()]
    if missing:
        raise FileNotFoundError(f"{folder}: missing {', '.join(missing)}; "
                                "pass the shared data folder that holds corpora/articles and corpora/headlines")
    return compose_documents(load_articles(folder / ARTICLES_PATH), load_headlines(folder / CLICKBAIT_PATH),
                             load_headlines(folder / NEWS_PATH), n_documents, seed=seed, sites=sites, split=split)
