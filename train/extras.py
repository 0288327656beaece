"""The optional extras that training and evaluation need, checked before the work starts.

A renderer or baseline that cannot be imported must stop a run with the
install command, not be skipped: a training run that carried on without
its renderers once wrote empty caches and installed a model trained on
less than its recipe says (issue 33). Checking up front also spares the
user minutes of work before a late ``ModuleNotFoundError``.
"""
from __future__ import annotations

import importlib.util
from importlib import metadata
from typing import Iterable

INSTALL = 'pip install -e ".[{extra}]"'
"""How the README installs an extra, from the repository root."""


class MissingExtra(ImportError):
    """A library an asked-for step needs is not installed; the message names the command that installs it."""


def installed(module: str) -> bool:
    """Whether ``module`` can be imported, found without importing it (some extras take seconds to import)."""
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a finder that refuses it, or a module without a spec
        return False


def require(needs: Iterable[tuple[str, str, str]]) -> None:
    """Raise :class:`MissingExtra` naming every ``(module, extra, what needs it)`` whose module is missing."""
    missing = [(module, extra, what) for module, extra, what in needs if not installed(module)]
    if not missing:
        return
    extras = sorted({extra for _, extra, _ in missing})
    wanted = " and ".join(f"{what} needs {module}" for module, _, what in missing)
    one = len(missing) == 1
    raise MissingExtra(f"{wanted}, which {'is' if one else 'are'} not installed: install {'it' if one else 'them'} "
                       f"with '{INSTALL.format(extra=','.join(extras))}' and run again")


def package_version(distribution: str) -> str:
    """The installed version of ``distribution``, or ``"not installed"``."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"
