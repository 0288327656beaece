"""junkfilter as a step of other corpus tools' pipelines, each behind its own optional extra.

- :mod:`predict.integrations.datatrove`: a datatrove filter (``pip install -e ".[datatrove]"``).

The Dask path, which is a function over bags rather than a step, is :mod:`predict.bag`.
"""
