"""MurmurHash3 (x86, 32 bits, seed 0) of many strings at once, as scikit-learn's ``murmurhash3_32`` gives it.

The relation features put every distinct word of a batch in the column
``HashingVectorizer`` would give it, a hash of its UTF-8 bytes. One
``murmurhash3_32`` call per word costs a Python call each, tens of thousands
per batch; here all the words' bytes are hashed together with numpy, one
step per 4-byte block position, the longest words (rare, but unbounded)
one call each.
"""
from __future__ import annotations

import numpy as np
from sklearn.utils import murmurhash3_32

LONG_WORD_BYTES = 64
"""Strings longer than this are hashed one call each, so a huge word costs no long loop over block positions."""


def _rotate(x: np.ndarray, bits: int) -> np.ndarray:
    return (x << bits) | (x >> (32 - bits))


def _scramble(k: np.ndarray) -> np.ndarray:
    """MurmurHash3's mixing of one 4-byte block before it enters the hash."""
    return _rotate(k * np.uint32(0xCC9E2D51), 15) * np.uint32(0x1B873593)


def murmurhash3_32_many(strings: list[str]) -> np.ndarray:
    """``[murmurhash3_32(s) for s in strings]`` (signed 32-bit values) as an int64 array; no string holds a "\\n"."""
    if not strings:
        return np.zeros(0, dtype=np.int64)
    data = np.frombuffer("\n".join(strings).encode("utf-8"), dtype=np.uint8)
    end = np.append(np.flatnonzero(data == ord("\n")), len(data))
    start = np.concatenate(([0], end[:-1] + 1))
    lengths = end - start
    padded = np.concatenate((data, np.zeros(4, dtype=np.uint8))).astype(np.uint32)
    little_endian = padded[:-3] | padded[1:-2] << 8 | padded[2:-1] << 16 | padded[3:] << 24  # the 4 bytes from each byte
    blocks = np.where(lengths > LONG_WORD_BYTES, 0, lengths // 4).astype(np.int8)
    order = np.argsort(-blocks, kind="stable")  # most blocks first: the strings with a block i are a prefix
    running = np.zeros(len(strings), dtype=np.uint32)  # seed 0
    for block, active in enumerate(np.cumsum(np.bincount(blocks, minlength=1)[::-1])[::-1][1:].tolist()):
        k = _scramble(little_endian[start[order[:active]] + 4 * block])
        running[:active] = _rotate(running[:active] ^ k, 13) * np.uint32(5) + np.uint32(0xE6546B64)
    hashes = np.empty_like(running)
    hashes[order] = running
    tail = (lengths & 3).astype(np.uint32)  # the last 1 to 3 bytes (none: k is 0 and changes nothing)
    hashes ^= _scramble(little_endian[start + 4 * (lengths // 4)] & ((np.uint32(1) << 8 * tail) - 1))
    hashes ^= lengths.astype(np.uint32)
    for shift, factor in ((16, 0x85EBCA6B), (13, 0xC2B2AE35)):  # the final avalanche
        hashes ^= hashes >> shift
        hashes *= np.uint32(factor)
    hashes ^= hashes >> 16
    out = hashes.view(np.int32).astype(np.int64)
    long = np.flatnonzero(lengths > LONG_WORD_BYTES).tolist()
    out[long] = [murmurhash3_32(strings[i], seed=0) for i in long]
    return out
