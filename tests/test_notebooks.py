"""Run every chapter notebook headless in quick mode and compare it with the package.

For each ``ch*/*.ipynb`` and ``appendix_a_pytorch/*.ipynb``:
- the committed file has no outputs or execution counts, and no shell or magic lines;
- its first code cell holds the parameters ``QUICK`` and ``OUTPUT_DIR``; the runner inserts a cell
  right after it that sets ``QUICK = True`` and ``OUTPUT_DIR`` to a temporary folder, and starts the
  kernel in another temporary folder, so nothing is written into the checkout;
- every cell runs without error;
- every class or function the notebook defines under a name that ``llmscratch`` exports matches
  the package (tests/parity.py), with a message naming the notebook, the name and the difference.

A new chapter plugs in by adding notebooks that follow these rules and a
``tests/parity_cases/<chapter>.py``; nothing here changes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from llmscratch.checking import CHAPTERS

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(ROOT.glob("ch0*/*.ipynb")) + sorted(ROOT.glob("appendix_a_pytorch/*.ipynb"))
PARITY = ROOT / "tests" / "parity.py"
_MARK = "__LLMSCRATCH_PARITY__"
# chapter folder -> the chapter key used for parity cases and exercise checks (one map, the
# checker's)
_CHAPTER_OF = {folder: key for key, folder in CHAPTERS.items()}


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def _code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_notebook_is_committed_clean(path):
    import nbformat

    nb = nbformat.read(path, as_version=4)
    cells = _code_cells(nb)
    # Invariant: the first code cell holds the parameters that quick mode overrides.
    assert cells, f"{_id(path)} has no code cells"
    first = cells[0].source
    for name in ("QUICK", "OUTPUT_DIR"):
        assert f"{name} =" in first, f"{_id(path)}: the first code cell must set {name}"
    for i, cell in enumerate(cells):
        # Invariant: outputs and execution counts are stripped before committing.
        assert not cell.get("outputs"), f"{_id(path)}: code cell {i} has outputs; strip them"
        assert cell.get("execution_count") is None, (
            f"{_id(path)}: code cell {i} has an execution count; strip it"
        )
        # Invariant: plain Python only, so the lesson runs anywhere.
        for line in cell.source.splitlines():
            assert not line.lstrip().startswith(("!", "%")), (
                f"{_id(path)}: code cell {i} uses a shell or magic line: {line!r}"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_notebook_runs_in_quick_mode_and_matches_package(path, tmp_path):
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    out_dir, work_dir = tmp_path / "output", tmp_path / "cwd"
    out_dir.mkdir()
    work_dir.mkdir()
    first = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    override = f"QUICK = True\nOUTPUT_DIR = {str(out_dir)!r}\n"
    nb.cells.insert(first + 1, nbformat.v4.new_code_cell(override))
    chapter = _CHAPTER_OF[path.parent.name]
    parity = (
        "import importlib.util as _ilu, json as _json\n"
        f"_spec = _ilu.spec_from_file_location('_nb_parity', {str(PARITY)!r})\n"
        "_mod = _ilu.module_from_spec(_spec); _spec.loader.exec_module(_mod)\n"
        f"print({_MARK!r} + _json.dumps(_mod.compare_namespace(globals(), {chapter!r})))\n"
    )
    nb.cells.append(nbformat.v4.new_code_cell(parity))
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(work_dir)}}
    )
    try:
        client.execute()
    except CellExecutionError as err:
        pytest.fail(f"{_id(path)} failed in quick mode:\n{str(err)[-3000:]}", pytrace=False)
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.output_type == "stream")
    assert _MARK in text, f"{_id(path)}: the parity check printed nothing:\n{text}"
    report = json.loads(text.split(_MARK, 1)[1])
    # Invariant: what the notebook teaches is what the package ships.
    assert not report["problems"], (
        f"{_id(path)} drifted from llmscratch:\n  " + "\n  ".join(report["problems"])
    )
    # Invariant: nothing was written into the checkout (only temp folders).
    written = [p for p in path.parent.iterdir() if p.stat().st_mtime > path.stat().st_mtime
               and p.suffix not in (".ipynb", ".py", ".md") and p.name != "__pycache__"
               and p.is_file()]
    assert not written, f"{_id(path)} wrote into the checkout: {written}"
