"""``python -m llmscratch doctor | fetch | check``: see ``llmscratch.cli``."""

from llmscratch.cli import main

raise SystemExit(main())
