"""Project-wide promises: exports, light imports, chapter independence, scripts with --help,
and a README whose quick-start commands are the ones CI runs."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

import llmscratch

ROOT = Path(__file__).resolve().parents[2]
CHAPTER_DIRS = sorted(ROOT.glob("ch0*_*")) + sorted(ROOT.glob("appendix_a_*"))
SCRIPTS = [p for d in CHAPTER_DIRS for p in sorted(d.glob("*.py"))]


def test_every_exported_name_imports():
    missing = []
    for name in llmscratch.__all__:
        try:
            getattr(llmscratch, name)
        except Exception as err:  # report them all at once
            missing.append(f"{name}: {type(err).__name__}: {err}")
    # Invariant: `from llmscratch import X` works for every name in the export table.
    assert not missing, "\n".join(missing)


def test_import_is_light():
    code = "import sys, llmscratch; print(sorted({'torch', 'matplotlib'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    # Invariant: importing the package imports neither torch nor matplotlib.
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


@pytest.mark.parametrize("folder", CHAPTER_DIRS, ids=lambda p: p.name)
def test_chapter_folder_is_complete_and_independent(folder):
    # Invariant: every chapter has a README, exercises and solutions.
    for part in ("README.md", "exercises", "solutions"):
        assert (folder / part).exists(), f"{folder.name} lacks {part}"
    others = [d.name for d in CHAPTER_DIRS if d != folder]
    pattern = re.compile(r"^\s*(from|import)\s+(" + "|".join(map(re.escape, others)) + r")\b",
                         re.MULTILINE)
    offenders = []
    for path in folder.rglob("*"):
        if path.suffix in (".py", ".ipynb") and pattern.search(path.read_text(encoding="utf-8")):
            offenders.append(str(path.relative_to(ROOT)))
    # Invariant: a chapter never imports from a sibling chapter folder (only from llmscratch).
    assert not offenders, offenders


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_script_has_help_and_main(script):
    spec = importlib.util.spec_from_file_location(f"_script_{script.stem}", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # must do no work at import
    # Invariant: each script documents itself and exposes main(argv=None).
    assert (module.__doc__ or "").strip(), f"{script.name} needs a module docstring"
    assert hasattr(module, "main"), f"{script.name} needs main(argv=None)"
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), pytest.raises(SystemExit) as exit_info:
        module.main(["--help"])
    assert exit_info.value.code == 0
    assert "--device" in buffer.getvalue() or "--help" in buffer.getvalue()


def _quick_start_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    block = text.split("## Quick start", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


def test_readme_quick_start_is_what_ci_runs():
    commands = _quick_start_commands()
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    # Invariant: two commands (main job, tests), and CI runs both exactly as written.
    assert len(commands) == 2
    for command in commands:
        assert command in ci, f"README command not in .ci/run: {command}"
    assert "pytest" in commands[1]


def test_readme_learning_path_names_real_files_and_exports():
    import re

    table = (ROOT / "README.md").read_text().split("## Learning path", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if re.search(r"\]\(([^)]+)\)", line)]
    # Invariant: one row per chapter folder.
    assert len(rows) == len(CHAPTER_DIRS)
    for row in rows:
        folder = ROOT / re.search(r"\]\(([^)]+)\)", row).group(1)
        cols = row.split("|")
        # Invariant: every notebook and script the table names exists ...
        for name in re.findall(r"`([^`]+\.(?:ipynb|py))`", cols[3] + cols[4]):
            assert (folder / name).is_file(), f"README names {folder.name}/{name}"
        # ... and every llmscratch name it lists is exported.
        for name in re.findall(r"`([A-Za-z_0-9]+)`", cols[5]):
            assert name in llmscratch.__all__, f"README lists {name}, not exported"
