"""``python -m nodecompare``: the command line."""

from nodecompare.cli import main

raise SystemExit(main())
