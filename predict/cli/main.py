"""``python -m predict``: a thin command-line shell over :mod:`predict.model`.

It finds the inputs (:mod:`predict.corpus.inputs`), has them read and scored in
batches (:mod:`predict.corpus.stream`), renders each document (:mod:`predict.corpus.outputs`)
and sends it to stdout or to one file per input under ``--output-dir``, where
:mod:`predict.corpus.journal` lets a rerun skip the work an interrupted run finished.
JSONL corpora, WARC files read as JSONL records (:mod:`predict.corpus.warc`) and Parquet files
(:mod:`predict.corpus.parquet`) are cleaned record by record as a stream (:mod:`predict.corpus.records`);
``--jobs`` spreads the scoring over processes (:mod:`predict.corpus.parallel`) and a
progress bar shows on a terminal (:mod:`predict.cli.progress`).
Results go to stdout as UTF-8 whatever the locale; every message goes to
stderr as one line, never a traceback, and the exit status says what happened.
"""
from __future__ import annotations

import argparse
import logging
import math
import os
import sys
import warnings
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Callable, ContextManager, Iterator, Sequence

from predict import __version__
from predict.corpus.allocator import keep_freed_memory
from predict.cli.arguments import Parser, UsageError, positive, probability
from predict.corpus.compression import INSTALL_PARQUET, compressing, have_pyarrow, split_compression
from predict.corpus.decoding import replaced_warning
from predict.corpus.inputs import (
    INPUT_SUFFIXES, STDIN, STDIN_NAME, InputError, InputTooLarge, Source, display_name, expand_inputs, strip_warc_suffix,
)
from predict.corpus.journal import JOURNAL_NAME, OutputFolder, settings_fingerprint
from predict.cli.messages import command_logger
from predict.corpus.outputs import RENDERERS, SUFFIXES
from predict.corpus.parallel import useful_jobs
from predict.corpus.parquet import PartlyRead, parquet_output
from predict.cli.progress import Progress
from predict.corpus.records import RecordSettings, clean_sources
from predict.cli.signals import Stopped, Terminated, terminate_as_exception
from predict.corpus.stream import Document, Limits, clipped_warning, score_sources
from predict.cli.uncertain import most_uncertain, render_uncertain
from predict.corpus.warc import OUTPUT_FIELDS, WARC_FIELDS, MissingModule, require_fastwarc, require_html_text
from predict.model import DEFAULT_MODEL, JunkFilter, ModelError, load_model, read_card
from predict.store.locations import example_version

PROG = "predict"
EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_MODEL = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_PIPE_CLOSED, EXIT_TERMINATED = 130, 141, 143
DEFAULTS = Limits()
DEFAULT_TEXT_FIELD = "text"
DEFAULT_ID_FIELD = {"jsonl": "id", "parquet": "id", "warc": "WARC-Record-ID"}
"""What names a record in messages, by input format, unless --id-field says otherwise."""
RECORD_INPUTS = {"jsonl": "JSON Lines input (*.jsonl files, or --input-format jsonl)",
                 "warc": "WARC input (*.warc and *.warc.wet files, or --input-format warc)",
                 "parquet": "Parquet input (*.parquet files, or --input-format parquet)"}
"""The input formats cleaned record by record (written as JSONL records; Parquet as Parquet), as messages name them."""
FORMAT_NAMES = {"text": "text", "jsonl": "JSON Lines", "warc": "WARC", "parquet": "Parquet"}
MAX_RECORD_ERRORS = 10
"""Records reported one by one per JSONL input; past that, one line counts the rest (a file that is not
JSON Lines at all would otherwise print an error for each of its lines)."""

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
      keep/drop drafts to correct by hand and train on; run it again after
      an interruption and it carries on where it stopped, leaving the drafts
      you corrected as they are
  python -m {PROG} --uncertain 20 scraped/
      the 20 lines the model is least sure about: "score<TAB>path:line<TAB>text"
      per line, closest to the threshold first; label their pages first

  python -m {PROG} --jobs 4 corpus.jsonl.gz > clean.jsonl
      clean a JSONL corpus (the text of each record under "text"), read as
      JSON Lines because of its name and decompressed as it is read, as a
      stream, in 4 processes
  python -m {PROG} --input-format parquet shards/ --output-dir clean/
      clean every *.parquet below shards/ into a Parquet file under clean/
      with the same columns, row group by row group

input text:
  Any scraper's text: one block per line, markdown, or plain text
  hard-wrapped at a fixed width (html2text, lynx -dump, w3m -dump, pandoc):
  a wrapped paragraph is scored as one, so its lines are kept or dropped
  together (--no-unwrap scores each line on its own). Blank lines are not
  scored; one is kept when the lines on both sides of it are. A block the
  page holds twice (the article again in a "republish this story" box,
  repeated tabs) is kept once: a later copy of kept lines is dropped
  (--keep-copies keeps every copy). A page's headline that the model drops
  is kept when its words come back in the kept article (--drop-headline
  leaves the model's decision).

formats:
  text    the kept lines, in order; several documents are simply concatenated
  jsonl   one object per input line: {{"path", "line" (1-based), "text", "keep",
          "score" (probability that the line is article content), "encoding"
          (the one the input was read in)}}; path is "-" for stdin; a later
          copy of a repeated block has "keep" false whatever its score
  labels  the editable labelled-text draft that 'python -m train' reads back,
          one '# path: ...' header per document; train reads one document
          per file, so use --output-dir for many documents
  File names with control characters, surrounding spaces or bytes that are not
  UTF-8 are shown quoted and escaped, as a Python string literal.

output folders and resuming:
  With --output-dir each input gets its own file (.txt, .jsonl, .parquet or .labels) at
  its path relative to the folder argument it was found in (a file argument:
  its name; stdin: stdin.txt); an output folder inside a folder argument is
  refused. Inputs are never modified. Each output is written whole or
  not at all (to a hidden temporary file, then renamed), and recorded in
  DIR/{JOURNAL_NAME} once complete. Running the same command again skips
  every input whose output is complete: recorded, untouched since, and made
  from the same input content with the same model, --threshold, --format,
  --no-unwrap, --keep-copies, --drop-headline and --max-line-chars;
  anything else is redone, and --force redoes everything.
  A --format labels draft that was edited since it was written (markers
  corrected, a '# domain:' line added) is never overwritten, even when the
  input or the settings changed: the run leaves it as it is and names it in a
  note on stderr (exit 0); only --force overwrites it. An output of the other
  formats that was changed is redone.
  A run that writes no output (every input missing or unreadable) leaves no
  new folder behind.
  Temporary files left by a killed run are removed by the next run into DIR.
  Run one predict at a time per output folder.

input formats and compression:
  An input is read as its name says: *.jsonl (also *.jsonl.gz, .bz2, .zst)
  as JSON Lines, *.warc and *.warc.wet (also compressed) as WARC, *.parquet
  as Parquet, a file named otherwise as Parquet when it starts with "PAR1",
  as WARC when it starts with "WARC/1." (decompressed), else as text, and
  stdin as text; --input-format (-i) reads every input one way instead.
  Inputs of different formats cannot be mixed in one run (their outputs
  differ): clean them in separate runs.
  A folder argument stands for every *.txt, *.jsonl, *.warc.wet, *.warc and
  *.parquet file below it, plain or compressed (with -i text only the *.txt
  ones, with -i jsonl only the *.jsonl ones, with -i warc only the WARC
  ones, with -i parquet only the *.parquet ones). Its other compressed files
  (.gz, .bz2, .zst), and its Parquet files when -i names another format, are
  not read and are reported (exit 1), never skipped in silence.
  Whatever its name, an input's first bytes tell whether it is compressed:
  gzip and bzip2 are decompressed as they are read (memory stays flat;
  --max-file-mb limits the decompressed size), zstd too when the zstandard
  module is installed ('pip install zstandard'). An input that cannot be
  read (Parquet read as text or JSON Lines, zstd without zstandard) is
  refused in one line naming its format; compressed data that is truncated
  or damaged is reported with the line it stops in (exit 1; on stdout the
  records before it are written, while an --output-dir output is not).
  With --output-dir a JSON Lines output is compressed like its input's name
  (clean/corpus.jsonl.gz for corpus.jsonl.gz, .jsonl.zst, .jsonl.bz2 alike);
  other outputs are plain.

JSONL corpora (*.jsonl, or --input-format jsonl):
  Each input line is a JSON object, one document; its --text-field is split
  into lines at line breaks and replaced by the kept lines joined by "\\n";
  the rest of the line is written back byte for byte: other fields, their
  order, repeated keys, number spellings such as 1.10, escapes (--removed-field
  adds the list of removed lines at the end, or replaces its value). A
  record that holds its text field (or --removed-field) twice is refused.
  Records are read, cleaned and written a batch at a time, so memory does
  not grow with the corpus. A record that is not JSON, not an object, has
  no such text field or is bigger than --max-file-mb (the limit is per
  record here) is reported as
  'FILE:LINE: ...; record skipped' and left out; the others go on (exit 1).
  The first {MAX_RECORD_ERRORS} such records of an input are reported, then one line counts all.
  A record's "id" field, when it has one, names it in such messages too:
  'FILE:LINE (id "doc-3"): ...'; --id-field names another field.
  With --output-dir, an output that lacks such records is not recorded as
  complete: a rerun retries its input (and fails again until it is fixed).
  --output-dir writes one .jsonl (.jsonl.gz...) per input and resumes as above.

WARC and WET files (*.warc.wet.gz, *.warc.wet, *.warc.gz, *.warc, or -i warc):
  Read record by record; needs the warc extra (pip install -e ".[warc]").
  Each 'conversion' record (a page's text in Common Crawl's WET files) gives
  one JSONL record: {{"WARC-Record-ID", "WARC-Target-URI", "WARC-Date",
  "WARC-Identified-Content-Language" (when the record has that header), "text"
  (the kept lines; --text-field names it)}}, with --removed-field as for JSONL.
  HTML 'response' records (a crawl's WARC) are skipped and counted in a note;
  --render-html renders them to text with html-text (the render extra) and
  cleans them. Other records (warcinfo, request, metadata...) are skipped
  silently. A record that cannot be read whole (a truncated or damaged file)
  is reported as 'FILE: record N: ...', N counting the file's WARC records
  from 1 (exit 1); the records before it are written, on stdout and under
  --output-dir alike (that output is not recorded as complete: a rerun
  retries it), and the rest of the file is not read. A file without any WARC
  record (empty) gives no records and a note (exit 0).
  With --output-dir each WARC file gives one JSONL file named without its
  WARC suffix, compressed like the input: crawl.warc.wet.gz gives
  crawl.jsonl.gz, crawl.warc gives crawl.jsonl; it resumes as above.
  Messages name a record by its WARC-Record-ID ('FILE: record N
  (WARC-Record-ID "<urn:uuid:...>")'); --id-field WARC-Target-URI names it by
  its URL instead.

Parquet files (*.parquet, or -i parquet):
  Read row group by row group, a batch of rows at a time (memory stays flat
  whatever the file's size), and written as Parquet under --output-dir
  (shards/a.parquet gives clean/a.parquet): the same columns in the same
  order, with their values and types, the same row groups and codec; only
  the --text-field column (a string column) holds the kept lines, and
  --removed-field adds a column of the removed lines (a list of strings), or
  replaces it. Needs the parquet extra (pip install -e ".[parquet]").
  A Parquet file's index is at its end, so it cannot be read from stdin nor
  written to stdout: pass files, and --output-dir. A row whose text is null
  or over --max-file-mb, or that cannot be scored, is reported as
  'FILE: row N (id ...): ...; record skipped' and left out, as for JSONL
  (exit 1; the output is not recorded as complete). A file that cannot be
  opened as Parquet (empty, truncated, damaged, not Parquet) or has no such
  text column is one error naming it, and gets no output. A row group that
  cannot be read is reported as 'FILE: row group G of N (row R on): ...'
  (exit 1); the rows before it are written, to a whole Parquet file that is
  not recorded as complete (a rerun retries it), and the rest is not read.

parallel runs and progress:
  --jobs N decodes and scores in N processes; inputs are read and outputs
  written in input order by the main process, so the output is that of
  --jobs 1. A progress bar shows on stderr when it is a terminal and the
  run lasts over two seconds; --quiet turns it off.

limits (inputs are untrusted, see SECURITY.md):
  An input over --max-file-mb megabytes (default {DEFAULTS.max_bytes / 1e6:g}) is refused and
  reported, without reading more than that into memory; the other inputs go
  on (exit 1). A line longer than --max-line-chars characters (default
  {DEFAULTS.max_line_chars}) is scored on its first that many characters, with a warning,
  and is still output whole: nothing is cut from the results.

exit status:
  0    every input processed (or skipped: its output complete from an earlier
       run, or a --format labels draft that was edited, kept with a note)
  1    some inputs failed (each reported on stderr; the others were processed)
  2    usage error (including an --output-dir that cannot be written)
  3    model error (model file missing, damaged, tampered with or incompatible)
  130  interrupted (Ctrl-C); with --output-dir, rerun the same command to resume
  143  terminated (SIGTERM), likewise; no temporary file is left behind
  141  the reader of stdout went away early (e.g. '| head')
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; ``error`` raises :class:`UsageError` instead of exiting."""
    example = example_version()
    parser = Parser(
        prog=PROG,
        description="Remove junk lines (navigation, trending headlines, share and ad lines)\n"
        "from scraped article text, keeping every article sentence.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "inputs", nargs="*", metavar="INPUT",
        help="text files, JSON Lines files (*.jsonl), WARC and WET files (*.warc, *.warc.wet), any of them possibly "
        "compressed (.gz, .bz2, .zst), Parquet files (*.parquet), folders (every such file below them, sorted) or "
        "'-' for stdin (default: stdin)",
    )
    parser.add_argument(
        "-f", "--format", choices=sorted(RENDERERS),
        help="output format for text input (default: text); JSONL input is written back as JSONL records, "
        "Parquet as Parquet",
    )
    parser.add_argument(
        "-t", "--threshold", type=probability, metavar="T",
        help="keep lines whose content probability is at least T, in [0, 1], on every page (default: the "
        "model's threshold, lowered on a page the model is unsure of to keep what it expects is content there)",
    )
    parser.add_argument(
        "-m", "--model", type=Path, metavar="PATH",
        help=f"model file, or a name in models/ such as 'junkfilter', 'junkfilter-{example}' or a kept version "
        f"of the packaged model such as '{example}' (default: {DEFAULT_MODEL})",
    )
    parser.add_argument(
        "-o", "--output-dir", type=Path, metavar="DIR",
        help="write one output file per input under DIR instead of printing to stdout; "
        "a rerun skips the inputs whose output is complete",
    )
    parser.add_argument(
        "--force", action="store_true",
        help="with --output-dir: redo every input, even those whose output an earlier run completed, "
        "and overwrite --format labels drafts that were edited since",
    )
    parser.add_argument(
        "--max-file-mb", type=positive(float), default=DEFAULTS.max_bytes / 1e6, metavar="MB",
        help="refuse inputs bigger than MB megabytes (default: %(default)g)",
    )
    parser.add_argument(
        "--max-line-chars", type=positive(int), default=DEFAULTS.max_line_chars, metavar="N",
        help="score longer lines on their first N characters; they are still output whole (default: %(default)s)",
    )
    parser.add_argument(
        "--no-unwrap", dest="unwrap", action="store_false",
        help="score every line on its own, even in text hard-wrapped at a fixed width (by default a paragraph "
        "broken into lines, as html2text, lynx, w3m or pandoc write them, is scored as one; its lines are "
        "output as they came either way)",
    )
    parser.add_argument(
        "--keep-copies", dest="drop_copies", action="store_false",
        help="keep every copy of a block of kept lines that the page repeats (by default a later copy, such as the "
        "article again in a 'republish this story' box, is dropped)",
    )
    parser.add_argument(
        "--drop-headline", dest="keep_headline", action="store_false",
        help="leave the page's headline to the model, which drops most (by default the line the model's headline "
        "ranker picks among the short lines around the first kept paragraph, or for older models the one "
        "a fixed rule finds above it, is kept)",
    )
    parser.add_argument(
        "--keep-metadata", action="store_true",
        help="keep a converter's metadata block at the top of a page: YAML or TOML front matter ('---' or '+++' "
        "around 'key: value' lines) or a reader's header ('Title:', 'URL Source:' ... 'Markdown Content:'). "
        "It is never scored (score 0) and by default dropped; --format jsonl marks its lines \"metadata\": true",
    )
    parser.add_argument(
        "--uncertain", type=positive(int), metavar="N",
        help="instead of filtering, list the N lines (over all inputs) whose score is closest to the threshold",
    )
    _add_corpus_arguments(parser)
    parser.add_argument("--version", action="version", version=version_text(),
                        help="show the version of junkfilter and of its packaged model, and exit")
    return parser


def version_text(prog: str = PROG) -> str:
    """``prog`` and the versions of junkfilter and of the packaged model (its card's), which differ."""
    try:
        model = read_card(DEFAULT_MODEL).get("version", "unknown")
    except ModelError:
        model = "unreadable card"
    return f"{prog} (junkfilter {__version__}), packaged model {DEFAULT_MODEL.stem} {model}"


def _add_corpus_arguments(parser: argparse.ArgumentParser) -> None:
    """The options for cleaning large corpora: JSONL records, parallel jobs, progress."""
    parser.add_argument(
        "-i", "--input-format", choices=sorted(INPUT_SUFFIXES),
        help="text: each input is one document (folders: *.txt); jsonl: one document per JSON record, "
        "cleaned as a stream and written back as records (folders: *.jsonl); warc: one document per WARC record, "
        "written as JSONL records (folders: *.warc, *.warc.wet); parquet: one document per row, written back as "
        "Parquet under --output-dir (folders: *.parquet; needs pip install -e \".[parquet]\") (default: as each "
        "input's name says: *.jsonl as jsonl, *.warc and *.warc.wet as warc, also compressed, *.parquet as parquet, "
        "a file starting 'PAR1' as parquet, 'WARC/1.' as warc, anything else and stdin as text)",
    )
    parser.add_argument(
        "--text-field", metavar="NAME",
        help=f"with JSONL input: the record field holding the text; with Parquet input: the column holding it; "
        f"with WARC input: the output field for the kept text (default: {DEFAULT_TEXT_FIELD})",
    )
    parser.add_argument(
        "--id-field", metavar="NAME",
        help="with JSONL or Parquet input: the field (column) whose value names a record in messages, when the "
        "record has it; with WARC input: WARC-Record-ID or WARC-Target-URI (default: id; WARC: WARC-Record-ID)",
    )
    parser.add_argument(
        "--removed-field", metavar="NAME",
        help="with JSONL, Parquet or WARC input: also write the list of removed lines into this field (Parquet: "
        "column) of each record",
    )
    parser.add_argument(
        "--render-html", action="store_true",
        help="with WARC input: render HTML response records to text with html-text (pip install -e \".[render]\") "
        "and clean them; by default they are skipped, and counted in a note (WET conversion records are always "
        "cleaned)",
    )
    parser.add_argument(
        "-j", "--jobs", type=positive(int), default=1, metavar="N",
        help="score in N processes, at most one per CPU and, for text input, per input; the output is the same, "
        "in the same order (default: 1)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar (it shows only on a terminal anyway)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    command_logger(PROG)
    try:
        with warnings.catch_warnings(), terminate_as_exception():
            warnings.showwarning = _show_warning
            return _run(argv)
    except (KeyboardInterrupt, Terminated, Stopped) as exc:
        cause = exc.cause if isinstance(exc, Stopped) else exc
        stopped = "terminated" if isinstance(cause, Terminated) else "interrupted"
        resume = (f"run the same command again to resume where it stopped; the outputs finished so far are in "
                  f"{display_name(str(exc.out_dir))}" if isinstance(exc, Stopped) else "")
        _report(resume, kind=stopped)
        return EXIT_TERMINATED if isinstance(cause, Terminated) else EXIT_INTERRUPTED
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
        if args.force and not args.output_dir:
            raise UsageError("--force applies to --output-dir runs only")
        if args.output_dir:
            _refuse_output_inside_inputs(names, args.output_dir)
        sources, problems = expand_inputs(names, args.input_format)
        args.input_format = _input_format(sources)
        if args.input_format == "parquet" and STDIN in names:
            raise UsageError("Parquet cannot be read from stdin (a Parquet file's index is at its end); pass the file")
        if args.uncertain and (args.output_dir or args.format is not None or args.input_format != "text"):
            raise UsageError("--uncertain prints its own listing of text input to stdout; drop --output-dir, --format "
                             "and --input-format, and pass text, not JSON Lines or WARC")
        _check_input_format(args)
        records = args.input_format in RECORD_INPUTS
        written_as = "parquet" if args.input_format == "parquet" else "jsonl"  # records: WARC's as JSONL
        output_suffix = INPUT_SUFFIXES[written_as] if records else SUFFIXES[args.format]
        targets = _plan_outputs(sources, args.output_dir, output_suffix, records) if args.output_dir else None
    except UsageError as exc:
        return _fail(f"{exc} (see --help)", EXIT_USAGE)
    except SystemExit as exc:  # --help and --version print, then exit 0
        return int(exc.code or 0)

    try:
        keep_freed_memory()  # this process scores batch after batch (see predict.corpus.allocator)
        model = replace(load_model(args.model), unwrap=args.unwrap, drop_copies=args.drop_copies,
                        keep_metadata=args.keep_metadata, keep_headline=args.keep_headline)
        failures = [_report(problem) for problem in problems]
        with Progress(enabled=not args.quiet and sys.stderr.isatty(), unit="record" if records else "doc") as progress:
            if args.uncertain:
                documents = _documents(model, args, sources, failures, progress)
                cut = partial(_page_threshold, model, args)
                _write_stdout(render_uncertain(most_uncertain(documents, args.uncertain, cut)))
            elif targets is None:
                (_print_records if records else _print_documents)(model, args, sources, failures, progress)
            else:
                (_write_records if records else _write_documents)(model, args, targets, failures, progress)
    except ModelError as exc:
        return _fail(str(exc), EXIT_MODEL)
    except UsageError as exc:
        return _fail(str(exc), EXIT_USAGE)
    return EXIT_INPUT if failures else EXIT_OK


def _input_format(sources: Sequence[Source]) -> str:
    """The one input format of this run's inputs (text when there are none).

    Text and JSON Lines inputs together are a usage error: their outputs
    differ (documents in --format, records), and one stdout stream holding
    both could be read as neither.
    """
    first: dict[str, Source] = {}
    for source in sources:
        first.setdefault(source.input_format, source)
    if len(first) > 1:
        one, other = [(fmt, STDIN_NAME if first[fmt].is_stdin else first[fmt].shown) for fmt in FORMAT_NAMES
                      if fmt in first][:2]
        raise UsageError(f"{one[1]} is read as {FORMAT_NAMES[one[0]]} but {other[1]} as {FORMAT_NAMES[other[0]]}; "
                         "clean them in separate runs, or pass --input-format to read every input one way")
    return next(iter(first), "text")


def _check_input_format(args: argparse.Namespace) -> None:
    """Options that belong to another input format are usage errors; fill in the defaults.

    WARC input needs FastWARC (and html-text to --render-html): missing, it is
    a usage error before the model loads, said once for all inputs.
    """
    if args.render_html and args.input_format != "warc":
        raise UsageError(f"--render-html applies to {RECORD_INPUTS['warc']} only")
    if args.input_format in RECORD_INPUTS:
        if args.format is not None:
            written = "Parquet" if args.input_format == "parquet" else "JSONL records"
            raise UsageError(f"--format applies to text input; {RECORD_INPUTS[args.input_format]} is written back "
                             f"as {written}")
        args.text_field = args.text_field or DEFAULT_TEXT_FIELD
        if args.text_field == args.removed_field:
            raise UsageError("--removed-field must differ from --text-field")
        if args.input_format == "warc" and args.id_field not in (None, *WARC_FIELDS[:2]):
            raise UsageError(f"--id-field {args.id_field} is not a header WARC input writes; pass "
                             f"{' or '.join(WARC_FIELDS[:2])}")
        args.id_field = args.id_field or DEFAULT_ID_FIELD[args.input_format]
        if args.input_format == "parquet":
            if not args.output_dir:
                raise UsageError("Parquet input is written as Parquet files, which cannot go to stdout; "
                                 "pass --output-dir DIR")
            if not have_pyarrow():
                raise UsageError(INSTALL_PARQUET)
        if args.input_format == "warc":
            for option in ("text_field", "removed_field"):
                if getattr(args, option) in OUTPUT_FIELDS:
                    raise UsageError(f"--{option.replace('_', '-')} {getattr(args, option)} is a WARC header that "
                                     "WARC input writes; choose another name")
            try:
                require_fastwarc()
                if args.render_html:
                    require_html_text()
            except MissingModule as exc:
                raise UsageError(str(exc)) from None
    else:
        for option in ("text_field", "id_field", "removed_field"):
            if getattr(args, option) is not None:
                raise UsageError(f"--{option.replace('_', '-')} applies to JSON Lines, WARC and Parquet input only "
                                 "(*.jsonl, *.warc, *.warc.wet and *.parquet files, or --input-format jsonl, warc "
                                 "or parquet)")
        args.format = args.format or "text"


def _print_documents(
    model: JunkFilter, args: argparse.Namespace, sources: Sequence[Source], failures: list[str], progress: Progress
) -> None:
    for document in _documents(model, args, sources, failures, progress):
        _write_stdout(_render(model, args, document))


def _write_documents(
    model: JunkFilter, args: argparse.Namespace, targets: dict[Source, Path], failures: list[str], progress: Progress
) -> None:
    """Write each document to its target, skipping those a previous run completed."""
    with _output_folder(model, args, targets) as folder:
        for document in _documents(model, args, list(targets), failures, progress, folder.wanted):
            try:
                folder.write(document.source, _render(model, args, document), document.sha256)
            except OSError as exc:
                failures.append(_report(_cannot_write(targets[document.source], exc)))


def _print_records(
    model: JunkFilter, args: argparse.Namespace, sources: Sequence[Source], failures: list[str], progress: Progress
) -> None:
    @contextmanager
    def to_stdout(source: Source, sha256: str | None) -> Iterator[Callable[[bytes], object]]:
        yield _write_stdout

    _clean_records(model, args, sources, failures, progress, to_stdout)


def _write_records(
    model: JunkFilter, args: argparse.Namespace, targets: dict[Source, Path], failures: list[str], progress: Progress
) -> None:
    """Stream each input's cleaned records into its target, skipping those a previous run completed."""
    with _output_folder(model, args, targets) as folder:

        @contextmanager
        def to_file(source: Source, sha256: str | None) -> Iterator[Callable[[bytes], object]]:
            packing = parquet_output if source.input_format == "parquet" else partial(compressing, name=targets[source])
            try:
                with folder.open(source, sha256 or "") as handle, packing(handle.write) as write:
                    yield write
            except OSError as exc:
                failures.append(_report(_cannot_write(targets[source], exc)))

        _clean_records(model, args, list(targets), failures, progress, to_file, folder.wanted, folder.mark_incomplete)


def _clean_records(
    model: JunkFilter,
    args: argparse.Namespace,
    sources: Sequence[Source],
    failures: list[str],
    progress: Progress,
    open_output: Callable[[Source, str | None], ContextManager[Callable[[bytes], object]]],
    wanted: Callable[[Source, str], bool] | None = None,
    lost: Callable[[Source], None] | None = None,
) -> None:
    """Clean JSONL inputs record by record; each input's output is opened with ``open_output``.

    An input that cannot be read is reported; what was cleaned of it before
    the failure stays on stdout, while an output file is not written at all,
    except a WARC input's, or a Parquet input's whose row group cannot be read
    (:class:`PartlyRead`): records before a fault are written, and the output
    passed to ``lost`` (see :mod:`predict.corpus.warc`, :mod:`predict.corpus.parquet`).
    An input with records that could not be cleaned is passed to ``lost``.
    """
    settings = RecordSettings(args.text_field, args.removed_field, args.threshold, args.max_line_chars,
                              args.render_html, args.id_field)
    inputs = clean_sources(model, sources, settings, _limits(args).max_bytes, wanted, useful_jobs(args.jobs))
    for source, sha256, batches in inputs:
        skipped = 0
        try:
            with open_output(source, sha256) as write:
                for batch in batches:
                    shown = max(0, min(len(batch.errors), MAX_RECORD_ERRORS - skipped))
                    failures.extend(_report(message) for message in batch.errors[:shown])
                    skipped += len(batch.errors)
                    if batch.errors and lost is not None:
                        lost(source)
                    for message in batch.warnings:
                        _report(message, kind="warning")
                    for message in batch.notes:
                        _report(message, kind="note")
                    write(batch.output)
                    progress.update(batch.count)
                    if batch.failure is not None:
                        if lost is None or not (source.input_format == "warc" or isinstance(batch.failure, PartlyRead)):
                            raise batch.failure
                        failures.append(_report(batch.failure))
                        lost(source)
        except InputError as exc:
            failures.append(_report(exc))
        if skipped > MAX_RECORD_ERRORS:
            hint = "" if source.input_format != "jsonl" else \
                f"; is it JSON Lines with a {args.text_field!r} field in every record?"
            failures.append(_report(f"{source.shown}: {skipped} records skipped in all "
                                    f"({skipped - MAX_RECORD_ERRORS} more than shown){hint}"))


@contextmanager
def _output_folder(model: JunkFilter, args: argparse.Namespace, targets: dict[Source, Path]) -> Iterator[OutputFolder]:
    """The ``--output-dir`` of this run, set up to skip the outputs an earlier run with the same settings completed."""
    settings = {
        "predict": __version__,
        "model_sha256": model.card.get("model_sha256"),
        "threshold": model.threshold if args.threshold is None else args.threshold,
        "uncertain_page_f1": model.uncertain_page_f1 if args.threshold is None else None,
        "unwrap": model.unwrap,
        "drop_copies": model.drop_copies,
        "keep_metadata": model.keep_metadata,
        "keep_headline": model.keep_headline,
        "format": args.format,
        "max_line_chars": args.max_line_chars,
    }
    if args.input_format in RECORD_INPUTS:
        settings.update(input_format=args.input_format, text_field=args.text_field, removed_field=args.removed_field)
    if args.input_format == "warc":
        settings.update(render_html=args.render_html)
    shown_dir = display_name(str(args.output_dir))
    try:
        folder = OutputFolder(args.output_dir, targets, settings_fingerprint(settings), fresh=args.force,
                              keep_edits=args.format == "labels" and not args.force)
    except OSError as exc:
        raise UsageError(
            f"--output-dir {shown_dir}: cannot write there ({exc.strerror or exc}); choose a folder you can write to"
        ) from None
    with folder:
        try:
            yield folder
        except (KeyboardInterrupt, Terminated) as exc:
            raise Stopped(exc, args.output_dir) from None
    if folder.incomplete:
        _report(
            f"{len(folder.incomplete)} of {len(targets)} outputs in {shown_dir} lack records that could not be "
            "cleaned; they are not recorded as complete, so a rerun retries them",
            kind="note",
        )
    if folder.skipped:
        _report(
            f"skipped {len(folder.skipped)} of {len(targets)} inputs whose output in {shown_dir} "
            "is complete from an earlier run; pass --force to redo them",
            kind="note",
        )
    for source in folder.kept:
        _report(f"{display_name(str(targets[source]))}: edited since it was written, so left as it is; "
                "pass --force to overwrite it", kind="note")


def _cannot_write(target: Path, exc: OSError) -> str:
    return f"{display_name(str(target))}: cannot write ({exc.strerror or exc})"


def _limits(args: argparse.Namespace) -> Limits:
    return Limits(max_bytes=math.floor(args.max_file_mb * 1e6), max_line_chars=args.max_line_chars)


def _documents(
    model: JunkFilter,
    args: argparse.Namespace,
    sources: Sequence[Source],
    failures: list[str],
    progress: Progress,
    wanted: Callable[[Source, str], bool] | None = None,
) -> Iterator[Document]:
    """The scored documents; failed inputs are reported and added to ``failures``, long lines warned about."""
    limits = _limits(args)

    def on_error(error: InputError) -> None:
        message = str(error)
        if isinstance(error, InputTooLarge):
            needed = f" {math.ceil(error.size / 1e6)}" if error.size else " with a larger value"
            message += f"; pass --max-file-mb{needed} to read it"
        failures.append(_report(message))

    jobs = useful_jobs(args.jobs, len(sources))
    for document in score_sources(model, sources, limits, on_error, wanted, jobs, args.threshold):
        if document.clipped:
            _report(clipped_warning(document.source.shown, document.clipped, limits.max_line_chars), kind="warning")
        if document.replaced:
            _report(replaced_warning(document.source.shown, document.replaced), kind="warning")
        yield document
        progress.update()


def _page_threshold(model: JunkFilter, args: argparse.Namespace, document: Document) -> float:
    return model.page_threshold(document.lines, document.scores, args.threshold)


def _render(model: JunkFilter, args: argparse.Namespace, document: Document) -> str:
    return RENDERERS[args.format](document.source.shown, document.lines, document.keep, document.scores,
                                  document.encoding)


def _refuse_output_inside_inputs(names: Sequence[str], out_dir: Path) -> None:
    """An output folder in (or equal to) a folder argument is a usage error.

    Its files would be taken for inputs on this run or the next, and an input
    already there could be overwritten by another input's output.
    """
    out = out_dir.resolve()
    for name in names:
        folder = Path(name)
        if name != STDIN and folder.is_dir() and out.is_relative_to(folder.resolve()):
            raise UsageError(
                f"--output-dir {display_name(str(out_dir))} is inside the input folder {display_name(name)}, "
                "where outputs would be read as inputs or overwrite them; choose a folder outside it"
            )


def _plan_outputs(sources: Sequence[Source], out_dir: Path, suffix: str, keep_compression: bool) -> dict[Source, Path]:
    """Where each input's output goes; refuses plans that overwrite an input or collide.

    An output is named ``suffix`` in place of its input's suffix and compression
    suffix; with ``keep_compression`` (JSON Lines) the compression suffix comes
    back, so compressed shards give compressed shards (see :func:`_output_name`).
    """
    shown_dir = display_name(str(out_dir))
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"--output-dir {shown_dir} is a file, not a folder; pass a folder")
    inputs = {Path(s.name).resolve(): s.shown for s in sources if not s.is_stdin}
    targets: dict[Source, Path] = {}
    written: dict[Path, str] = {}
    for source in sources:
        target = out_dir / _output_name(source.relative, suffix, keep_compression, source.input_format == "warc")
        resolved = target.resolve()
        if resolved in inputs:
            raise UsageError(f"--output-dir {shown_dir} would overwrite the input {inputs[resolved]}; choose another folder")
        if resolved in written:
            raise UsageError(
                f"{written[resolved]} and {source.shown} would both be written to {display_name(str(target))}; "
                "clean them in separate runs or pass their common folder"
            )
        written[resolved] = source.shown
        targets[source] = target
    return targets


def _output_name(relative: Path, suffix: str, keep_compression: bool, warc: bool = False) -> Path:
    """``relative`` with ``suffix`` for its suffix: ``a/page.txt.gz`` → ``a/page.labels``, or ``corpus.jsonl.gz`` kept.

    A ``warc`` input loses its whole WARC suffix, whatever dots its name holds: ``crawl.warc.wet.gz`` →
    ``crawl.jsonl.gz``, ``part.1.warc`` → ``part.1.jsonl``.
    """
    plain, packed = split_compression(relative)
    packed = packed if keep_compression else ""
    if warc and (stem := strip_warc_suffix(str(plain))) != str(plain):
        return Path(stem + suffix + packed)
    return Path(plain).with_suffix(suffix + packed)


def _write_stdout(data: str | bytes) -> None:
    """Write results (text, or bytes already in UTF-8) to stdout as UTF-8, whatever the locale's encoding."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # stdout replaced by a text-only stream (e.g. an IDE console)
        sys.stdout.write(data if isinstance(data, str) else data.decode("utf-8"))
        sys.stdout.flush()
    else:
        buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
        buffer.flush()


def _silence_stdout() -> None:
    """Point stdout at /dev/null once its reader has gone, so the exit-time flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor: nothing will be flushed to a pipe
        pass


_LEVELS = {
    "error": logging.ERROR, "warning": logging.WARNING, "note": logging.WARNING,
    "interrupted": logging.WARNING, "terminated": logging.WARNING,
}


def _report(problem: object, kind: str = "error") -> str:
    """Log one ``predict: error: ...`` line (or ``warning``, ``note``) to stderr and return the message."""
    message = " ".join(str(problem).splitlines())  # one line, whatever an exception's text holds
    logging.getLogger(PROG).log(_LEVELS[kind], message, extra={"kind": kind})
    return message


def _show_warning(message: Warning | str, category: type[Warning], *args: object, **kwargs: object) -> None:
    """Show a library's warning as one ``predict: warning:`` line, like every other message."""
    _report(f"{category.__name__}: {message}", kind="warning")


def _fail(message: str, status: int) -> int:
    _report(message)
    return status
