"""``python -m predict``: the command line only (arguments, help, messages, dispatch); the work is :mod:`predict.corpus`'s."""
