"""Atomic file writes: a reader never sees a half-written output or model.

Everything this project writes (cleaned files, models, model cards) goes to a
temporary file in the destination folder first and is renamed into place, so
an interrupted run leaves either the old file or the complete new one.
A killed run may leave the hidden temporary file behind; the temporary files
are named here and recognised here (:func:`remove_stale_temp_files`), so the
two cannot drift apart.
"""
from __future__ import annotations

import os
import re
import tempfile
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

_TEMP_PREFIX, _TEMP_SUFFIX = ".", ".tmp"
# "." + target name + "." + mkstemp's 8 random characters (lowercase letters, digits, "_") + ".tmp".
_TEMP_FILE = re.compile(rf"{re.escape(_TEMP_PREFIX)}(?P<target>.+)\.[a-z0-9_]{{8}}{re.escape(_TEMP_SUFFIX)}")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_writer(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through: it appears at ``path`` complete when the block ends.

    Output may be written piece by piece (a stream that never fits in memory);
    if the block raises, the temporary file is removed and ``path`` is untouched.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f"{_TEMP_PREFIX}{target.name}.", suffix=_TEMP_SUFFIX, dir=target.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file ordinary permissions
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary sibling file and ``os.replace``."""
    with atomic_writer(path) as handle:
        handle.write(data)


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))


def remove_stale_temp_files(targets: Iterable[Path]) -> int:
    """Delete the temporary files that interrupted atomic writes of ``targets`` left; returns how many.

    Only files named as :func:`atomic_write_bytes` names the temporary file of
    one of ``targets`` are touched; anything else in the folders stays.
    """
    names: dict[Path, set[str]] = defaultdict(set)
    for target in targets:
        names[target.parent].add(target.name)
    removed = 0
    for folder, wanted in names.items():
        try:
            entries = os.listdir(folder)
        except FileNotFoundError:
            continue
        for entry in entries:
            match = _TEMP_FILE.fullmatch(entry)
            if match and match["target"] in wanted:
                try:
                    os.unlink(folder / entry)
                    removed += 1
                except FileNotFoundError:
                    pass
    return removed
