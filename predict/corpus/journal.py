"""Resuming an interrupted ``--output-dir`` run: knowing which outputs are complete.

Outputs are written atomically (:mod:`predict.corpus.atomic`), so a visible output
file is never partial. Existing is not enough to skip its input on a rerun,
though: the input may have changed since, or the run may use another model,
threshold or format. So every finished output is recorded in a journal,
``.predict-journal`` in the output folder: one JSON line per output, appended
right after the output is renamed into place, holding the
input's name and sha256, a fingerprint of the settings, and the output's size,
modification time and sha256. A rerun skips an input only when the journal's
entry for its output matches all of them but the sha256; anything else is done
again.

The output's sha256 tells what a run wrote from what a person made of it. A
``.labels`` draft is written to be corrected by hand, so with ``keep_edits`` an
existing output whose bytes are neither what this run would write nor what the
journal recorded writing there is a person's work, even when the settings or
the input changed since: it is left as it is and its input listed in
``OutputFolder.kept``. Only ``--force`` (``fresh``, without ``keep_edits``)
overwrites it.

A run that writes no output (every input missing or unreadable) removes the
output folder again if it made it, so a mistyped command leaves nothing behind.

A kill can tear the journal's last line (ignored when read), land between the
rename and the append (that output is simply redone), or leave the hidden
temporary file of an atomic write behind (removed by the next run).
"""
from __future__ import annotations

import hashlib
import json
import os
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator, Mapping

from predict.corpus.atomic import (
    atomic_write_text,
    atomic_writer,
    remove_stale_temp_files,
)
from predict.corpus.inputs import Source

JOURNAL_NAME = ".predict-journal"  # no output suffix (.txt, .jsonl, .labels): never an output's name
_OUTPUT_SHA256 = "output_sha256"  # not part of the completeness check: hashing every output on a rerun is slow


def settings_fingerprint(settings: Mapping[str, object]) -> str:
    """A short digest of everything besides the input that decides an output's content."""
    return hashlib.sha256(json.dumps(settings, sort_keys=True).encode("utf-8")).hexdigest()[:16]


class Journal:
    """The record of complete outputs under ``out_dir`` for one run's ``settings`` fingerprint.

    Opening it creates ``out_dir``, rewrites the journal without torn lines or
    superseded entries (without any entry when ``fresh``, which redoes every
    input) and keeps it open for appending. Raises ``OSError`` when the folder
    cannot be written.
    """

    def __init__(self, out_dir: Path, settings: str, *, fresh: bool = False) -> None:
        self.out_dir = out_dir
        self.path = out_dir / JOURNAL_NAME
        self.settings = settings
        self._entries = {} if fresh else _read_entries(self.path)
        atomic_write_text(self.path, "".join(json.dumps(entry) + "\n" for entry in self._entries.values()))
        self._handle = open(self.path, "a", encoding="utf-8")

    def is_complete(self, target: Path, input_name: str, input_sha256: str) -> bool:
        """Whether ``target`` was written from these input bytes with these settings, and is untouched."""
        key = self._key(target)
        entry = self._entries.get(key)
        try:
            current = self._entry(key, target.stat(), input_name, input_sha256)
        except FileNotFoundError:
            return False
        return entry is not None and {name: value for name, value in entry.items() if name != _OUTPUT_SHA256} == current

    def wrote(self, target: Path, data: bytes) -> bool:
        """Whether ``data``, the bytes now at ``target``, are what a run recorded writing there (not a person's edit).

        An entry from before output digests were recorded vouches for an
        output whose size and modification time are still the recorded ones.
        """
        entry = self._entries.get(self._key(target))
        if entry is None:
            return False
        if _OUTPUT_SHA256 in entry:
            return entry[_OUTPUT_SHA256] == hashlib.sha256(data).hexdigest()
        stat = target.stat()
        return (entry.get("output_size"), entry.get("output_mtime_ns")) == (stat.st_size, stat.st_mtime_ns)

    def record(self, target: Path, input_name: str, input_sha256: str, output_sha256: str) -> None:
        """Record ``target`` (just written in full, its bytes hashing to ``output_sha256``) as complete.

        The line is flushed to the operating system, which keeps it if the
        process is killed. It is not forced to disk: after a power cut a lost
        line only means that output is redone, and a kept line whose output's
        rename was lost no longer matches the output's size and time.
        """
        key = self._key(target)
        entry = {**self._entry(key, target.stat(), input_name, input_sha256), _OUTPUT_SHA256: output_sha256}
        self._handle.write(json.dumps(entry) + "\n")
        self._handle.flush()
        self._entries[key] = entry

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _key(self, target: Path) -> str:
        return target.relative_to(self.out_dir).as_posix()

    def _entry(self, key: str, stat: os.stat_result, input_name: str, input_sha256: str) -> dict:
        return {
            "output": key,
            "input": input_name,
            "input_sha256": input_sha256,
            "settings": self.settings,
            "output_size": stat.st_size,
            "output_mtime_ns": stat.st_mtime_ns,
        }


class OutputFolder:
    """An ``--output-dir`` run: one output file per input, written atomically, resumable.

    Opening it removes temporary files that a killed run left for these
    ``targets`` and opens the folder's :class:`Journal` (``fresh`` forgets
    what earlier runs completed). Raises ``OSError`` when the folder cannot be
    written. Standard input is always processed: there is no telling whether
    it changed. With ``keep_edits``, :meth:`write` leaves an output a person
    edited as it is (see the module's docstring) and lists its input in ``kept``.
    """

    def __init__(
        self, out_dir: Path, targets: Mapping[Source, Path], settings: str, *,
        fresh: bool = False, keep_edits: bool = False,
    ) -> None:
        self.targets = targets
        self.keep_edits = keep_edits
        self.skipped: list[Source] = []
        self.incomplete: list[Source] = []
        self.kept: list[Source] = []
        self._made = _missing_folders(out_dir)
        self._wrote = False
        remove_stale_temp_files([*targets.values(), out_dir / JOURNAL_NAME])
        self._journal = Journal(out_dir, settings, fresh=fresh)

    def wanted(self, source: Source, sha256: str) -> bool:
        """Whether ``source`` (whose bytes have this sha256) needs processing; if not, it is counted as skipped."""
        if not source.is_stdin and self._journal.is_complete(self.targets[source], source.name, sha256):
            self.skipped.append(source)
            return False
        return True

    def write(self, source: Source, text: str, sha256: str) -> None:
        """Write the output of ``source`` and record it as complete, unless that would lose a person's edit.

        Raises ``OSError``.
        """
        data = text.encode("utf-8")
        if self.keep_edits and self._edited(self.targets[source], data):
            self.kept.append(source)
            return
        with self.open(source, sha256) as handle:
            handle.write(data)

    def _edited(self, target: Path, data: bytes) -> bool:
        """Whether ``target`` holds something besides ``data`` that no run recorded writing: a person's edit."""
        try:
            current = target.read_bytes()
        except OSError:  # nothing there, or nothing readable: writing reports any problem
            return False
        return current != data and not self._journal.wrote(target, current)

    def mark_incomplete(self, source: Source) -> None:
        """Some of ``source``'s records could not be cleaned: its output is written but not recorded as complete.

        A rerun then retries the input, and reports the lost records again,
        instead of skipping it as done; a batch job learns of the loss every time.
        """
        if source not in self.incomplete:
            self.incomplete.append(source)

    @contextmanager
    def open(self, source: Source, sha256: str) -> Iterator[DigestingOutput]:
        """The output file of ``source`` to stream into; written once the block ends, and recorded
        as complete unless :meth:`mark_incomplete` was called for it.

        Raises ``OSError``; if the block raises, nothing is written or recorded.
        """
        target = self.targets[source]
        with atomic_writer(target) as handle:
            digesting = DigestingOutput(handle)
            yield digesting
        self._wrote = True
        if source not in self.incomplete:  # stdin too: never skipped, but its digest tells an edit from our output
            self._journal.record(target, source.name, sha256, digesting.sha256.hexdigest())

    def close(self) -> None:
        """Close the journal; remove the folders this run made if it wrote nothing into them."""
        self._journal.close()
        if self._made and not self._wrote:
            try:
                self._journal.path.unlink()
                for folder in self._made:
                    folder.rmdir()
            except OSError:  # something else is in there now: leave it
                pass

    def __enter__(self) -> OutputFolder:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class DigestingOutput:
    """A binary output that hashes what is written to it on the way, for the journal's record."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self.sha256 = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.sha256.update(data)
        return self._handle.write(data)


def _missing_folders(folder: Path) -> list[Path]:
    """``folder`` and those of its parents that do not exist yet, deepest first: what opening it creates."""
    missing = []
    for path in (folder, *folder.parents):
        if path.exists():
            break
        missing.append(path)
    return missing


def _read_entries(path: Path) -> dict[str, dict]:
    """The journal's latest entry per output; unreadable lines (a torn last line) are skipped."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return {}
    entries: dict[str, dict] = {}
    for row in text.splitlines():
        try:
            entry = json.loads(row)
        except ValueError:
            continue
        if isinstance(entry, dict) and isinstance(entry.get("output"), str):
            entries[entry["output"]] = entry
    return entries
