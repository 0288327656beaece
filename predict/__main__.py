"""``python -m predict``: see :mod:`predict.cli.main`."""
from predict.cli.main import main

raise SystemExit(main())
