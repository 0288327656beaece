"""``python -m predict``: a thin command-line shell over :mod:`predict.model`.

It finds and decodes the inputs (:mod:`predict.textio`), scores them in
batches of documents, renders each document (:mod:`predict.output`) and sends
it to stdout or to one file per input under ``--output-dir``. Results go to
stdout as UTF-8 whatever the locale; every message goes to stderr as one line,
never a traceback, and the exit status says what happened.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Iterator, NoReturn, Sequence

import numpy as np

from predict import __version__
from predict.atomic import atomic_write_text
from predict.model import DEFAULT_MODEL, JunkFilter, ModelError, load_model
from predict.output import RENDERERS, SUFFIXES
from predict.textio import STDIN, InputError, Source, expand_inputs, read_lines

PROG = "predict"
EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_MODEL = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_PIPE_CLOSED = 130, 141
BATCH_DOCS = 64  # documents scored per model call: fast, and memory stays bounded

EPILOG = f"""\
examples:
  python -m {PROG} page.txt
      print the kept lines of page.txt
  cat page.txt | python -m {PROG}
      the same, reading standard input
  python -m {PROG} scraped/ --output-dir clean/
      clean every *.txt below scraped/ into the same layout under clean/
  python -m {PROG} --format jsonl --threshold 0.3 page.txt
      every line with its score and decision, keeping more
  python -m {PROG} --format labels --output-dir drafts/ scraped/
      keep/drop drafts to correct by hand and train on

formats:
  text    the kept lines, in order; several documents are simply concatenated
  jsonl   one object per input line: {{"path", "line" (1-based), "text", "keep",
          "score" (probability that the line is article content)}}; path is "-"
          for stdin
  labels  the editable labelled-text draft that 'python -m train' reads back,
          one '# path: ...' header per document; train reads one document
          per file, so use --output-dir for many documents
  With --output-dir each input gets its own file (.txt, .jsonl or .labels) at
  its path relative to the folder argument it was found in (a file argument:
  its name; stdin: stdin.txt). Inputs are never modified.

exit status:
  0    every input processed
  1    some inputs failed (each reported on stderr; the others were processed)
  2    usage error
  3    model error (model file missing, damaged, tampered with or incompatible)
  130  interrupted
  141  the reader of stdout went away early (e.g. '| head')
"""


class UsageError(Exception):
    """Bad command-line arguments."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _probability(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; ``error`` raises :class:`UsageError` instead of exiting."""
    parser = _Parser(
        prog=PROG,
        description="Remove junk lines (navigation, trending headlines, share and ad lines)\n"
        "from scraped article text, keeping every article sentence.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "inputs", nargs="*", metavar="INPUT",
        help="text files, folders (every *.txt below them, sorted) or '-' for stdin (default: stdin)",
    )
    parser.add_argument("-f", "--format", choices=sorted(RENDERERS), default="text", help="output format (default: text)")
    parser.add_argument(
        "-t", "--threshold", type=_probability, metavar="T",
        help="keep lines whose content probability is at least T, in [0, 1] (default: the model's)",
    )
    parser.add_argument("-m", "--model", type=Path, metavar="PATH", help=f"model file (default: {DEFAULT_MODEL})")
    parser.add_argument(
        "-o", "--output-dir", type=Path, metavar="DIR",
        help="write one output file per input under DIR instead of printing to stdout",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        return _run(argv)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_PIPE_CLOSED


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        names = args.inputs or [STDIN]
        if not args.inputs and sys.stdin.isatty():
            parser.print_usage(sys.stderr)
            raise UsageError("no input given; pass files, folders or '-' to read stdin")
        if names.count(STDIN) > 1:
            raise UsageError("stdin ('-') can be given only once")
        sources, problems = expand_inputs(names)
        targets = _plan_outputs(sources, args.output_dir, SUFFIXES[args.format]) if args.output_dir else None
    except UsageError as exc:
        return _fail(f"{exc} (see --help)", EXIT_USAGE)
    except SystemExit as exc:  # --help and --version print, then exit 0
        return int(exc.code or 0)

    try:
        model = load_model(args.model)
        threshold = model.threshold if args.threshold is None else args.threshold
        failures = [str(problem) for problem in problems]
        for message in failures:
            _report(message)
        for source, lines, scores in _scored_documents(model, sources, failures):
            rendered = RENDERERS[args.format](source.name, lines, scores >= threshold, scores)
            if targets is None:
                _write_stdout(rendered)
            else:
                try:
                    atomic_write_text(targets[source], rendered)
                except OSError as exc:
                    failures.append(_report(f"{targets[source]}: cannot write ({exc.strerror or exc})"))
    except ModelError as exc:
        return _fail(str(exc), EXIT_MODEL)
    return EXIT_INPUT if failures else EXIT_OK


def _plan_outputs(sources: Sequence[Source], out_dir: Path, suffix: str) -> dict[Source, Path]:
    """Where each input's output goes; refuses plans that overwrite an input or collide."""
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"--output-dir {out_dir} is a file, not a folder; pass a folder")
    inputs = {Path(s.name).resolve(): s.name for s in sources if not s.is_stdin}
    targets: dict[Source, Path] = {}
    written: dict[Path, str] = {}
    for source in sources:
        target = out_dir / source.relative.with_suffix(suffix)
        resolved = target.resolve()
        if resolved in inputs:
            raise UsageError(f"--output-dir {out_dir} would overwrite the input {inputs[resolved]}; choose another folder")
        if resolved in written:
            raise UsageError(
                f"{written[resolved]} and {source.name} would both be written to {target}; "
                "clean them in separate runs or pass their common folder"
            )
        written[resolved] = source.name
        targets[source] = target
    return targets


def _scored_documents(
    model: JunkFilter, sources: Sequence[Source], failures: list[str]
) -> Iterator[tuple[Source, list[str], np.ndarray]]:
    """Read and score the sources, ``BATCH_DOCS`` documents per model call, in order.

    Inputs that cannot be read are reported, appended to ``failures`` and skipped.
    """
    batch: list[tuple[Source, list[str]]] = []
    for source in sources:
        try:
            batch.append((source, read_lines(source.name)))
        except InputError as exc:
            failures.append(_report(exc))
        if len(batch) == BATCH_DOCS:
            yield from _score_batch(model, batch)
            batch = []
    yield from _score_batch(model, batch)


def _score_batch(
    model: JunkFilter, batch: list[tuple[Source, list[str]]]
) -> Iterator[tuple[Source, list[str], np.ndarray]]:
    if not batch:
        return
    try:
        scores = model.score_documents([lines for _, lines in batch])
    except Exception as exc:  # a model that loads but cannot score is a model problem, not a crash
        raise ModelError(
            f"the model failed to score lines ({type(exc).__name__}: {exc}); "
            "it may not be a junkfilter model or may need retraining with 'python -m train'"
        ) from exc
    for (source, lines), doc_scores in zip(batch, scores):
        yield source, lines, doc_scores


def _write_stdout(text: str) -> None:
    """Write results to stdout as UTF-8, whatever the locale's encoding."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # stdout replaced by a text-only stream (e.g. an IDE console)
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        buffer.write(text.encode("utf-8"))
        buffer.flush()


def _silence_stdout() -> None:
    """Point stdout at /dev/null once its reader has gone, so the exit-time flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor: nothing will be flushed to a pipe
        pass


def _report(problem: object) -> str:
    """Print one ``predict: error: ...`` line to stderr and return the message."""
    message = str(problem)
    print(f"{PROG}: error: {message}", file=sys.stderr, flush=True)
    return message


def _fail(message: str, status: int) -> int:
    _report(message)
    return status
