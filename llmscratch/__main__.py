"""``python -m llmscratch doctor | fetch | check``: see ``llmscratch.cli``."""

from llmscratch.cli import main
from llmscratch.scripting import run_script

raise SystemExit(run_script(main))
