"""Freed memory kept for the next batch: glibc's allocator set up for scoring batch after batch.

Scoring a batch allocates arrays of a few megabytes (code points, word ids,
feature columns) and frees them, and the next batch allocates the same sizes
again. By default glibc serves large allocations with fresh pages mapped from
the kernel and unmaps them when they are freed, and gives the top of its heap
back to the kernel too, so every batch pays the page faults of touching new
memory again. Raising the two thresholds keeps that memory in the process
between batches: it changes no result, only where memory comes from. It
gained 13% throughput on the benchmark, for a flat, higher peak RSS
(docs/performance.md, "Why the fast paths exist").

The setting is process-wide, so the command line and its worker processes
make it (and the benchmark, as the command line runs); importing the library
does not. Dask workers are left alone: their processes are the cluster's.
"""
from __future__ import annotations

import ctypes

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameter numbers
MMAP_THRESHOLD = 32 * 1024 * 1024
"""Allocations below this come from the heap, to be reused: glibc's largest allowed value on 64-bit systems."""
TRIM_THRESHOLD = 128 * 1024 * 1024
"""Free memory the heap keeps at its top instead of returning it."""


def keep_freed_memory() -> bool:
    """Raise glibc's mmap and trim thresholds for this process; False where there is no glibc ``mallopt``."""
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library this process already runs on
    except (OSError, AttributeError, TypeError):  # no such symbol (macOS, musl) or no dlopen(NULL) (Windows)
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
