"""Keeping freed batch memory: set where glibc allows it."""
from __future__ import annotations

import platform

from predict.corpus.allocator import keep_freed_memory


def test_set_exactly_where_the_c_library_is_glibc() -> None:
    assert keep_freed_memory() is (platform.libc_ver()[0] == "glibc")
    assert keep_freed_memory() is keep_freed_memory()  # setting it again is harmless
