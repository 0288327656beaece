"""``python -m predict``: see :mod:`predict.cli`."""
from predict.cli import main

raise SystemExit(main())
