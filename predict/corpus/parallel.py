"""Spreading work over processes without changing the result: an ordered, bounded map.

Scoring is CPU-bound Python and numpy, so ``--jobs N`` runs it in N worker
processes. Results come back in input order, so the output of a parallel run
is byte for byte that of ``--jobs 1``; only a few items per worker are in
flight at a time, so a huge input stream is never read far ahead of what has
been written. What every item needs (the loaded model, the settings) is sent
to each worker once, not with every item.

Each process scores with one BLAS thread: the matrices of a batch are small,
so more threads only compete with the other workers (and with the other
programs on the machine) for the same cores.
"""
from __future__ import annotations

import os
import signal
from collections import deque
from typing import Callable, Iterable, Iterator, TypeVar

from predict.corpus.allocator import keep_freed_memory

State = TypeVar("State")
Item = TypeVar("Item")
Result = TypeVar("Result")

IN_FLIGHT_PER_JOB = 2  # items queued per worker: enough to keep it busy while the parent writes
_worker_state: object = None


def useful_jobs(requested: int, inputs: int | None = None) -> int:
    """``--jobs`` cut to what can help: the CPUs this process may run on and, when given, the number of inputs.

    Each worker process loads the model and imports numpy and scikit-learn
    first: more workers than cores only share the cores and pay that start-up
    again (``--jobs 64`` on 2 cores took 2.5 times as long as ``--jobs 1`` on
    a small file), and a text input is scored by one worker, so more workers
    than text inputs wait idle. A JSONL input is split into batches of records,
    so it passes no ``inputs``.
    """
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(requested, cpus, inputs if inputs is not None else requested))


def one_thread():
    """A context in which numpy, scipy (BLAS) and scikit-learn's compiled code (OpenMP) use one thread each.

    A process scores on one core and ``--jobs`` adds processes. On a busy
    machine, OpenMP threads that wait for each other made the boosted context
    stage's training 11 times slower (147 s against 13 s on two loaded cores);
    one thread per process never oversubscribes the cores.
    """
    from threadpoolctl import threadpool_limits  # a scikit-learn dependency

    return threadpool_limits(limits=1)


def ordered_map(
    function: Callable[[State, Item], Result], state: State, items: Iterable[Item], jobs: int = 1
) -> Iterator[Result]:
    """``function(state, item)`` for each item, in input order, computed in ``jobs`` processes.

    ``function`` must be a module-level function (workers import it by name).
    With ``jobs`` 1 everything runs in this process, lazily. An exception
    raised by ``function`` is raised here, when its result's turn comes.
    """
    if jobs <= 1:
        with one_thread():
            for item in items:
                yield function(state, item)
        return

    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(state,))
    try:
        pending: deque = deque()
        for item in items:
            pending.append(pool.submit(_call, function, item))
            if len(pending) >= IN_FLIGHT_PER_JOB * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _start_worker(state: object) -> None:
    """Worker set-up: keep the shared state, leave Ctrl-C and SIGTERM's clean-up to the parent, use one BLAS thread,
    keep freed batch memory (see :mod:`predict.corpus.allocator`)."""
    global _worker_state
    _worker_state = state
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a worker ends on SIGTERM at once; its parent unwinds
    one_thread()
    keep_freed_memory()


def _call(function: Callable[[object, Item], Result], item: Item) -> Result:
    return function(_worker_state, item)
