"""Run every chapter notebook headless in quick mode and compare it with the package.

For each ``ch*/*.ipynb`` and ``appendix_a_pytorch/*.ipynb``:
- the committed file holds the outputs of a full run of exactly its code cells (the hash stored
  by tests/regenerate_notebooks.py matches), shows no machine paths, and has no shell or magic
  lines;
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

import importlib.util
import json
from pathlib import Path

import pytest

from llmscratch.checking import CHAPTERS

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(ROOT.glob("ch0*/*.ipynb")) + sorted(ROOT.glob("appendix_a_pytorch/*.ipynb"))
PARITY = ROOT / "tests" / "parity.py"
_spec = importlib.util.spec_from_file_location("_regen", ROOT / "tests" / "regenerate_notebooks.py")
REGEN = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(REGEN)
_MARK = "__LLMSCRATCH_PARITY__"
# chapter folder -> the chapter key used for parity cases and exercise checks (one map, the
# checker's)
_CHAPTER_OF = {folder: key for key, folder in CHAPTERS.items()}


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def _code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_notebook_is_committed_fresh(path):
    import nbformat

    nb = nbformat.read(path, as_version=4)
    cells = _code_cells(nb)
    # Invariant: the first code cell holds the parameters that quick mode overrides.
    assert cells, f"{_id(path)} has no code cells"
    first = cells[0].source
    for name in ("QUICK", "OUTPUT_DIR"):
        assert f"{name} =" in first, f"{_id(path)}: the first code cell must set {name}"
    for i, cell in enumerate(cells):
        # Invariant: plain Python only, so the lesson runs anywhere.
        for line in cell.source.splitlines():
            assert not line.lstrip().startswith(("!", "%")), (
                f"{_id(path)}: code cell {i} uses a shell or magic line: {line!r}"
            )
    # Invariant: the committed outputs come from a full run of exactly these code cells and
    # show no paths of the machine that made them.
    problems = REGEN.freshness_problems(nb)
    assert not problems, (
        f"{_id(path)}: " + "; ".join(problems)
        + f"\n  regenerate it: python tests/regenerate_notebooks.py {path.relative_to(ROOT)}"
    )


def test_freshness_check_rejects_stale_empty_and_leaky_notebooks():
    import nbformat

    v4 = nbformat.v4
    nb = v4.new_notebook(cells=[
        v4.new_markdown_cell("# A lesson"),
        v4.new_code_cell("QUICK = False\nOUTPUT_DIR = None"),
        v4.new_code_cell("print(1 + 1)", outputs=[v4.new_output("stream", text="2\n")]),
    ])
    nb.metadata["llmscratch"] = {"code_sha256": REGEN.code_hash(nb), "mode": "full"}
    assert REGEN.freshness_problems(nb) == []
    # Invariant: prose edits do not make outputs stale.
    nb.cells[0].source = "# A lesson, reworded"
    assert REGEN.freshness_problems(nb) == []
    # Mutant: a code cell edited without regenerating.
    edited = nbformat.from_dict(nb)
    edited.cells[2].source = "print(1 + 2)"
    assert any("hash" in p for p in REGEN.freshness_problems(edited))
    # Mutant: outputs stripped.
    stripped = nbformat.from_dict(nb)
    stripped.cells[2].outputs = []
    assert any("no outputs" in p for p in REGEN.freshness_problems(stripped))
    # Mutant: outputs of a quick run.
    quick = nbformat.from_dict(nb)
    quick.metadata["llmscratch"]["mode"] = "quick"
    assert any("quick" in p for p in REGEN.freshness_problems(quick))
    # Mutant: a machine path in an output; the cleaner removes it.
    for leak in ("/work/main/runs/x.pt", "/root/.cache/f", "/tmp/tmpab12/out.png", "/home/u/a"):
        leaky = nbformat.from_dict(nb)
        leaky.cells[2].outputs = [v4.new_output("stream", text=f"saved to {leak}\n")]
        assert any("machine path" in p for p in REGEN.freshness_problems(leaky)), leak
        REGEN.clean_outputs(leaky)
        assert REGEN.freshness_problems(leaky) == [], leaky.cells[2].outputs
    # A progress bar redrawn in many chunks is stored as its final state only.
    bar = nbformat.from_dict(nb)
    bar.cells[2].outputs = [v4.new_output("stream", name="stderr", text=f"\rrun: {k}/3")
                            for k in range(4)]
    REGEN.clean_outputs(bar)
    assert [o["text"] for o in bar.cells[2].outputs] == ["run: 3/3"]
    # An environment warning is dropped; the lesson's own stderr stays.
    noisy = nbformat.from_dict(nb)
    noisy.cells[2].outputs = [v4.new_output("stream", name="stderr", text=(
        "x/tqdm/auto.py:21: TqdmWarning: IProgress not found. Please update jupyter\n"
        "  from .autonotebook import tqdm as notebook_tqdm\n")),
        v4.new_output("stream", name="stdout", text="2\n")]
    REGEN.clean_outputs(noisy)
    assert [o["text"] for o in noisy.cells[2].outputs] == ["2\n"]
    # Mutant: what changes on every run (a tqdm bar's timing, a temporary folder's random name)
    # is refused; the cleaner keeps the bar and the folder's prefix.
    made = nbformat.from_dict(nb)
    made.cells[2].source = 'out = tempfile.mkdtemp(prefix="ch09-")\nprint(Path(out).name)'
    made.metadata["llmscratch"]["code_sha256"] = REGEN.code_hash(made)
    for text, kept in [("files go to ch09-k2x_9abq\n", "files go to ch09-<tmp>\n"),
                       ("Generating: 100%|##| 20/20 [00:33<00:00,  1.66s/it]",
                        "Generating: 100%|##| 20/20"),
                       ("epoch 1:  50%|#  | 1/2 [01:02:03<00:10, 12.50it/s]",
                        "epoch 1:  50%|#  | 1/2")]:
        run = nbformat.from_dict(made)
        run.cells[2].outputs = [v4.new_output("stream", name="stderr", text=text)]
        assert any("changes on every run" in p for p in REGEN.freshness_problems(run)), text
        REGEN.clean_outputs(run)
        assert [o["text"] for o in run.cells[2].outputs] == [kept]
        assert REGEN.freshness_problems(run) == []
    # Invariant: a name that merely starts with the prefix is not mistaken for a temporary one.
    same_prefix = nbformat.from_dict(made)
    same_prefix.cells[2].outputs = [v4.new_output("stream", text="see ch09-notebook.ipynb\n")]
    assert REGEN.freshness_problems(same_prefix) == []
    # A random name of letters only is found by the cleaner when the run reports it as made.
    letters = nbformat.from_dict(made)
    letters.cells[2].outputs = [v4.new_output("stream", text="files go to ch09-abcdefgh\n")]
    REGEN.clean_outputs(letters, made=["ch09-abcdefgh"])
    assert letters.cells[2].outputs[0]["text"] == "files go to ch09-<tmp>\n"


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


def test_parity_rejects_a_wrong_gpt2_weight_mapping():
    """Kept mutants of ch05's notebook `load_weights_into_gpt`: the parity probe must see each."""
    import torch

    nb = json.loads((ROOT / "ch05_pretraining" / "ch05.ipynb").read_text())
    source = next("".join(c["source"]) for c in nb["cells"]
                  if "def load_weights_into_gpt" in "".join(c["source"]))
    spec = importlib.util.spec_from_file_location("_nb_parity_mutants", PARITY)
    parity = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(parity)
    mutants = {
        "as written": (source, source),
        "no transpose of c_proj": ('p["attn.c_proj.weight"].T', 'p["attn.c_proj.weight"]'),
        "query and key swapped": ("q_w, k_w, v_w =", "k_w, q_w, v_w ="),
        "head not tied": ('assign(gpt.out_head.weight, params["wte.weight"])',
                          "gpt.out_head.weight"),
    }
    for label, (old, new) in mutants.items():
        assert old in source, f"the notebook no longer contains {old!r}: update this test"
        namespace = {"torch": torch, "__name__": "__main__"}
        exec(source.replace(old, new), namespace)
        fn = namespace["load_weights_into_gpt"]
        report = parity.compare_namespace({"load_weights_into_gpt": fn}, "ch05")
        assert report["checked"] == ["load_weights_into_gpt"]
        # Invariant: the right mapping passes, every wrong one is reported.
        assert bool(report["problems"]) == (label != "as written"), (label, report["problems"])
