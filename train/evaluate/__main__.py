from train.evaluate.cli import main

raise SystemExit(main())
