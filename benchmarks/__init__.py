"""Speed and scale benchmarks of junkfilter: ``python -m benchmarks`` (see :mod:`benchmarks.__main__`).

Not tests: they take minutes, need the shared corpora in ``../shared`` and
print figures of this machine rather than pass or fail on them.
"""
