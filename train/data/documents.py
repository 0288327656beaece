"""The labelled document: the one shape every training source is read into.

Labels per line: 1 = article content (keep), 0 = junk (drop), -1 = unknown
(weakly labelled sources leave most lines unknown; they are not trained on or
scored). ``kinds`` optionally marks lines ``title`` (content, but left out of
scores), ``body`` or ``junk``; composed pages also mark ``heading`` (a
subheading: content, scored like ``body``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

CONTENT, JUNK, UNKNOWN = 1, 0, -1
TITLE_KIND = "title"
"""The kind of a page's headline line: content, but left out of body scores."""
PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")
"""WCXB's page types, in the order tables show them."""


@dataclass
class LabelledDocument:
    lines: list[str]
    labels: list[int]
    domain: str = ""
    source: str = ""
    kinds: list[str] | None = None
    gold: str | None = None
    with_snippets: list[str] = field(default_factory=list)
    without_snippets: list[str] = field(default_factory=list)
    weight: float = 1.0
    synthetic: bool = False
    """Made by :mod:`train.data.compose`, not read from a labelled page."""
    renderings: dict[str, "LabelledDocument"] = field(default_factory=dict)
    """The same page as other tools render it (``markdownify``, ``inscriptis``, …), labelled against the same
    gold: training may mix them in (:func:`train.data.augment.rendered_copies`) and evaluation scores each."""
    page_type: str | None = None
    """What kind of page it is (``article``, ``listing``, ``forum``, ...) where its corpus says: that decides
    what counts as content on it, and evaluation reports figures per page type. Never a model input."""
    junk_kinds: list[str | None] | None = None
    """Per line, which kind of junk it is (``related``, ``comments``, ``share``, ``navigation``) where the page's
    HTML says (:mod:`train.data.junk_kinds`), else None: evaluation reports the share of each kind kept.
    Never a model input."""

    def __post_init__(self) -> None:
        if len(self.lines) != len(self.labels):
            raise ValueError(f"{self.source or 'document'}: {len(self.lines)} lines but {len(self.labels)} labels")
        if self.kinds is not None and len(self.kinds) != len(self.lines):
            raise ValueError(f"{self.source or 'document'}: {len(self.lines)} lines but {len(self.kinds)} kinds")
        if self.junk_kinds is not None and len(self.junk_kinds) != len(self.lines):
            raise ValueError(f"{self.source or 'document'}: {len(self.lines)} lines but "
                             f"{len(self.junk_kinds)} junk kinds")

    @property
    def group(self) -> str:
        """What cross-validation groups by: the domain, else the source document."""
        return self.domain or self.source
