"""What pyproject.toml cannot say: the packaged model ships inside the ``predict`` package.

``models/`` stays at the repository's top level (training writes there, kept
versions live there), and is mapped into the distribution as
``predict/_models/`` holding the current packaged model and its card, which
:mod:`predict.store.locations` finds with ``importlib.resources`` when no
checkout is around. Kept versions stay in the checkout: a wheel carries one model.
"""
from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["predict", "predict.*", "train", "train.*"]), "predict._models"],
    package_dir={"predict._models": "models"},
    package_data={"predict._models": ["junkfilter.joblib", "junkfilter.json"]},
)
