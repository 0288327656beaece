"""``python -m benchmarks``: measure speed and scale on this machine and print the figures.

One run measures, on the same documents (the shared real pages, repeated):
library throughput per core of our filter and, side by side, of jusText,
trafilatura and the C4 line rule, as ratios; the cold start of
``python -m predict small.txt`` as a ratio to a bare scikit-learn import; and
the peak memory of a JSONL corpus streamed through ``python -m predict`` at
two input sizes; and, end to end, a WET file through ``python -m predict``
beside datatrove's C4 and Gopher filters and trafilatura on the same records
(:mod:`benchmarks.corpus`; ``--corpus-only`` runs it alone). Each figure is
printed with the issue's target beside it. Takes several minutes
(``--lines``, ``--memory-mb``, ``--corpus-mb`` and ``--cold-runs`` make it shorter).
"""
from __future__ import annotations

import argparse
import sys
from typing import Sequence

from benchmarks import coldstart, corpus, memory, throughput
from benchmarks.workload import real_pages, repeated, utf8_megabytes
from predict.model import ModelError, load_model

THROUGHPUT_TARGET = 5.0  # x trafilatura's lines per second
COLD_START_TARGET = 1.5  # x the bare import
FLAT_MEMORY_TARGET = 1.25  # peak RSS of the larger input / of the smaller one


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=300_000, help="lines for the throughput runs (default: %(default)s)")
    parser.add_argument("--cold-runs", type=int, default=7, help="runs of each cold-start command (default: %(default)s)")
    parser.add_argument(
        "--memory-mb", type=float, nargs=2, default=[20, 100], metavar=("SMALL", "LARGE"),
        help="JSONL corpus sizes for the memory runs, in MB (default: 20 100)",
    )
    parser.add_argument("--beside", metavar="MODEL",
                        help="also measure this model's throughput in the same run (a path, a name or a kept "
                             "version, as --model takes), e.g. the version the packaged model replaced")
    parser.add_argument(
        "--corpus-mb", type=float, nargs=2, default=[20, 60], metavar=("SIZE", "LARGER"),
        help="WET files for the end-to-end corpus runs, in MB: the records every method is timed on, and the same "
             "pages cycled for the memory check (default: 20 60; see benchmarks/corpus.py)",
    )
    parser.add_argument("--corpus-only", action="store_true", help="run the end-to-end corpus benchmark alone")
    args = parser.parse_args(argv)
    if args.corpus_only:
        return corpus.report(args.corpus_mb, _verdict)
    try:
        pages = real_pages()
        beside = load_model(args.beside) if args.beside else None
    except (ModelError, FileNotFoundError) as exc:
        print(f"benchmarks: error: {exc}", file=sys.stderr)
        return 2

    documents = repeated(pages, args.lines)
    megabytes = utf8_megabytes(documents)
    lines = sum(map(len, documents))
    print(f"workload: {len(pages)} real pages repeated to {len(documents)} documents, {lines} lines, {megabytes:.1f} MB")

    print("\nlibrary throughput per core (CPU time of this process)")
    ours = throughput.measure(throughput.OurFilter(load_model()), documents, megabytes)
    results = [ours]
    if beside is not None:
        name = f"junkfilter {beside.card.get('version', args.beside)}"
        results.append(throughput.measure(throughput.OurFilter(beside, name), documents, megabytes))
    results += [throughput.measure(peer, documents, megabytes) for peer in throughput.peers()]
    print(f"  {'method':<12} {'lines/s':>9} {'MB/s':>7} {'cpu s':>7} {'wall s':>7} {'kept':>5}  junkfilter is")
    for result in results:
        ratio = "" if result is ours else f"  {ours.lines_per_second / result.lines_per_second:.2f}x"
        print(
            f"  {result.name:<12} {result.lines_per_second:>9.0f} {result.megabytes_per_second:>7.3f} "
            f"{result.cpu_seconds:>7.1f} {result.wall_seconds:>7.1f} {result.kept:>5.2f}{ratio}"
        )
    trafilatura = next(r for r in results if r.name == "trafilatura")
    _verdict("throughput vs trafilatura", ours.lines_per_second / trafilatura.lines_per_second, THROUGHPUT_TARGET, ">=")
    if beside is not None:
        print(f"  {results[1].name} vs trafilatura: {results[1].lines_per_second / trafilatura.lines_per_second:.2f}x")

    print(f"\ncold start ({args.cold_runs} alternating runs each; best, median)")
    cold = coldstart.measure(args.cold_runs)
    print(f"  python -m predict small.txt       {cold.predict_best:6.2f} s  {cold.predict_median:6.2f} s")
    print(f"  python -c 'import sklearn.linear_model'  {cold.bare_best:6.2f} s  {cold.bare_median:6.2f} s")
    _verdict("cold start vs bare import (best runs)", cold.ratio, COLD_START_TARGET, "<=")

    print("\npeak memory of python -m predict --input-format jsonl (one process)")
    peaks = memory.measure(pages, args.memory_mb)
    for peak in peaks:
        print(
            f"  {peak.megabytes:7.1f} MB, {peak.records:6d} records: peak RSS {peak.peak_rss_mb:6.1f} MB, "
            f"{peak.megabytes / peak.cpu_seconds:.3f} MB/s per core ({peak.cpu_seconds:.0f} s CPU, {peak.wall_seconds:.0f} s wall)"
        )
    _verdict("peak RSS, large input vs small", peaks[-1].peak_rss_mb / peaks[0].peak_rss_mb, FLAT_MEMORY_TARGET, "<=")
    return corpus.report(args.corpus_mb, _verdict)


def _verdict(what: str, value: float, target: float, relation: str) -> None:
    met = value >= target if relation == ">=" else value <= target
    print(f"  => {what}: {value:.2f}x (target {relation} {target}x): {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    raise SystemExit(main())
