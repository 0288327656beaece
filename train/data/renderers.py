"""The tools that render a WCXB page's HTML as text, called as their users call them.

Users feed the filter markdown from converters, layout-aware text, plain
text hard-wrapped at a fixed width, or what a content extractor kept, not
only html-text's one block per line. Each rendering here is one tool's
output; :mod:`train.data.renderings` labels its lines and caches them for
training and evaluation.

html2text, pandoc and lynx are GPL: they are evaluation-only renderings,
never runtime dependencies. pandoc, markitdown, lynx and w3m are converters
the model is never trained on: their columns measure how it reads text from
converters of other families (issue 29). lynx and w3m are programs from a
system's packages (Debian: ``apt-get install lynx w3m``), not the registry.

``trafilatura`` is trafilatura's ``extract``, the main text a content
extractor keeps (one paragraph per line): users run the filter on it
too, to drop what the extractor left; it is mostly content, where every other
rendering is a whole page. trafilatura's ``html2txt`` is not offered: it
returns a page as one line, which leaves a line filter nothing to choose.
"""
from __future__ import annotations

import gzip
import io
import shutil
import subprocess
from collections.abc import Callable, Iterable
from functools import cache, partial
from pathlib import Path

from train.extras import MissingExtra, package_version, require

PROGRAM = "system"
"""The "extra" of a tool that is a program from the system's packages, found on ``PATH``."""


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


def _pandoc(html: str) -> str:
    import pypandoc

    return pypandoc.convert_text(html, "gfm-raw_html", format="html", extra_args=["--wrap=none", "--sandbox"])


@cache
def _markitdown_converter() -> object:
    """One converter per process: building one loads a file-type model, which takes longer than a page."""
    from markitdown import MarkItDown

    return MarkItDown()


def _markitdown(html: str) -> str:
    return _markitdown_converter().convert_stream(io.BytesIO(html.encode("utf-8")), file_extension=".html").text_content


def _dump(command: list[str], html: str) -> str:
    """A text browser's ``-dump`` of the page, fed on stdin as UTF-8."""
    done = subprocess.run(command, input=html.encode("utf-8"), capture_output=True, timeout=60, check=True)
    return done.stdout.decode("utf-8", errors="replace")


HTML2TEXT_COLUMNS = 78
"""html2text's own default width: its command line and ``html2text.html2text()`` wrap there."""

RENDERERS: dict[str, Callable[[str], str]] = {
    "html-text": _html_text,
    "markdownify": _markdownify,
    "inscriptis": _inscriptis,
    "html2text": _html2text,
    "html2text-wrapped": partial(_html2text, width=HTML2TEXT_COLUMNS),
    "trafilatura": _trafilatura,
    "pandoc": _pandoc,
    "markitdown": _markitdown,
    "lynx": partial(_dump, ["lynx", "-dump", "-stdin", "-force_html", "-assume_charset=utf-8",
                            "-display_charset=utf-8"]),
    "w3m": partial(_dump, ["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8"]),
}
"""Each rendering's tool, called as a typical user calls it (markdownify with ATX headings,
html2text unwrapped, and wrapped at its default width as its command line writes it, trafilatura's
``extract`` with its defaults, pandoc to GitHub markdown without raw HTML or wrapping (sandboxed: it
fetches no iframe), markitdown's HTML converter, lynx's and w3m's ``-dump`` at their 80 columns, lynx
with its list of links); the tools are the ``render`` extra, html2text, trafilatura, pandoc (``pypandoc_binary``) and markitdown
the ``eval`` extra, lynx and w3m the system's packages."""
EVALUATION_ONLY = frozenset({"html2text", "html2text-wrapped", "pandoc", "lynx"})
"""Renderings whose tool is GPL: measure on them, never ship them."""
TOOLS: dict[str, tuple[str, str, str]] = {
    "html-text": ("html_text", "html-text", "render"),
    "markdownify": ("markdownify", "markdownify", "render"),
    "inscriptis": ("inscriptis", "inscriptis", "render"),
    "html2text": ("html2text", "html2text", "eval"),
    "html2text-wrapped": ("html2text", "html2text", "eval"),
    "trafilatura": ("trafilatura", "trafilatura", "eval"),
    "pandoc": ("pypandoc", "pypandoc_binary", "eval"),
    "markitdown": ("markitdown", "markitdown", "eval"),
    "lynx": ("lynx", "lynx", PROGRAM),
    "w3m": ("w3m", "w3m", PROGRAM),
}
"""Each rendering's tool: the module it imports (or the program it runs), its distribution and the extra
that installs it (:data:`PROGRAM`: the system's package of that name)."""


def require_renderers(renderings: Iterable[str]) -> None:
    """Raise :class:`train.extras.MissingExtra` with the install command when a rendering's tool is missing,
    and ``ValueError`` for a rendering that does not exist."""
    renderings = list(renderings)
    unknown = sorted(set(renderings) - set(RENDERERS))
    if unknown:
        raise ValueError(f"unknown renderings {unknown}; choose from {sorted(RENDERERS)}")
    wanted = [TOOLS[name] + (name,) for name in dict.fromkeys(renderings)]
    programs = sorted({tool for tool, _, extra, _ in wanted if extra == PROGRAM and shutil.which(tool) is None})
    if programs:
        raise MissingExtra(f"{' and '.join(programs)} {'is' if len(programs) == 1 else 'are'} not on PATH: install "
                           f"{'it' if len(programs) == 1 else 'them'} from your system's packages (Debian: "
                           f"'apt-get install {' '.join(programs)}') and run again")
    require((tool, extra, f"the {name} rendering") for tool, _, extra, name in wanted if extra != PROGRAM)


def tool_version(rendering: str) -> str:
    """``"<distribution> <version>"`` of the tool that makes ``rendering`` (a program's first line of
    ``-version``)."""
    tool, distribution, extra = TOOLS[rendering]
    if extra == PROGRAM:
        done = subprocess.run([tool, "-version"], capture_output=True, text=True, timeout=10, check=False)
        return (done.stdout.splitlines() or [f"{tool} (version unknown)"])[0].split(",")[0].strip()
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
