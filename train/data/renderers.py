"""The tools that render a WCXB page's HTML as text, called as their users call them.

Users feed the filter markdown from converters, layout-aware text, plain
text hard-wrapped at a fixed width, or what a content extractor kept, not
only html-text's one block per line. Each rendering here is one tool's
output; :mod:`train.data.renderings` labels its lines and caches them for
training and evaluation.

html2text is GPL-3: it is an evaluation-only rendering, never a runtime
dependency. ``trafilatura`` is trafilatura's ``extract``, the main text a
content extractor keeps (one paragraph per line): users run the filter on it
too, to drop what the extractor left; it is mostly content, where every other
rendering is a whole page. trafilatura's ``html2txt`` is not offered: it
returns a page as one line, which leaves a line filter nothing to choose.
"""
from __future__ import annotations

import gzip
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from train.extras import package_version, require


def _html_text(html: str) -> str:
    import html_text

    return html_text.extract_text(html)


def _markdownify(html: str) -> str:
    from markdownify import ATX, markdownify

    return markdownify(html, heading_style=ATX)


def _inscriptis(html: str) -> str:
    from inscriptis import get_text

    return get_text(html)


def _html2text(html: str, width: int = 0) -> str:
    from html2text import HTML2Text

    converter = HTML2Text()
    converter.body_width = width  # 0: no wrapping, one paragraph per line
    return converter.handle(html)


def _trafilatura(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


HTML2TEXT_COLUMNS = 78
"""html2text's own default width: its command line and ``html2text.html2text()`` wrap there."""

RENDERERS: dict[str, Callable[[str], str]] = {
    "html-text": _html_text,
    "markdownify": _markdownify,
    "inscriptis": _inscriptis,
    "html2text": _html2text,
    "html2text-wrapped": partial(_html2text, width=HTML2TEXT_COLUMNS),
    "trafilatura": _trafilatura,
}
"""Each rendering's tool, called as a typical user calls it (markdownify with ATX headings,
html2text unwrapped, and wrapped at its default width as its command line writes it, trafilatura's
``extract`` with its defaults); the tools are the ``render`` extra, html2text and trafilatura the
``eval`` extra."""
EVALUATION_ONLY = frozenset({"html2text", "html2text-wrapped"})
"""Renderings whose tool is GPL: measure on them, never ship them."""
TOOLS: dict[str, tuple[str, str, str]] = {
    "html-text": ("html_text", "html-text", "render"),
    "markdownify": ("markdownify", "markdownify", "render"),
    "inscriptis": ("inscriptis", "inscriptis", "render"),
    "html2text": ("html2text", "html2text", "eval"),
    "html2text-wrapped": ("html2text", "html2text", "eval"),
    "trafilatura": ("trafilatura", "trafilatura", "eval"),
}
"""Each rendering's tool: the module it imports, its distribution and the extra that installs it."""


def require_renderers(renderings: Iterable[str]) -> None:
    """Raise :class:`train.extras.MissingExtra` with the install command when a rendering's tool is missing,
    and ``ValueError`` for a rendering that does not exist."""
    renderings = list(renderings)
    unknown = sorted(set(renderings) - set(RENDERERS))
    if unknown:
        raise ValueError(f"unknown renderings {unknown}; choose from {sorted(RENDERERS)}")
    require((TOOLS[name][0], TOOLS[name][2], f"the {name} rendering") for name in dict.fromkeys(renderings))


def tool_version(rendering: str) -> str:
    """``"<distribution> <version>"`` of the tool that makes ``rendering``."""
    distribution = TOOLS[rendering][1]
    return f"{distribution} {package_version(distribution)}"


def render(html: str, rendering: str) -> list[str]:
    """The page's non-blank lines exactly as the ``rendering``'s tool writes them."""
    return [line for line in RENDERERS[rendering](html).splitlines() if line.strip()]


def read_html(path: Path) -> str:
    """A WCXB page's HTML (``NNNN.html.gz``) as text: UTF-8, else the encoding charset-normalizer detects."""
    data = gzip.decompress(path.read_bytes())
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        return str(best) if best is not None else data.decode("utf-8", errors="replace")
