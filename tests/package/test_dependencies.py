"""The package's import graph: dependencies run one way, from a chapter to earlier chapters.

Every module of ``llmscratch`` has a place in the book's order (``RANK`` below). A module may
import modules of its own rank or lower, never a later chapter's, never the speed path in
``llmscratch.fast``, and never a private (``_name``) name of another module; the graph of all
imports, the ones inside functions included, has no cycle. The static rules are read from the
source with ``ast``; one subprocess also imports each teaching module for real and checks that
``llmscratch.fast`` stays out of ``sys.modules``.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "llmscratch"

# module -> its place in the book's order (appendix A first: it teaches PyTorch itself)
RANK = {
    "device": 0, "assets": 0,
    "pytorch_basics": 1,  # appendix A
    "tokenizer": 2, "bpe": 2, "data": 2,
    "attention": 3, "efficient_attention": 3,
    "model": 4, "generation": 4, "plotting": 4, "plotting_diagrams": 4,
    "gqa": 4, "mla": 4, "moe": 4, "kv_memory": 4, "plotting_variants": 4,  # ch04 bonus
    "training": 5, "checkpoints": 5, "gpt2_weights": 5,
    # ch05 bonus: from GPT-2 to Llama 3 and Qwen3
    "llama": 5, "llama_weights": 5, "qwen": 5, "llama_tokenizer": 5,
    "lora": 6,  # appendix E applies LoRA to chapter 6's classifier first
    "classification": 6,
    "instruction": 7, "evaluation": 7, "dpo": 7, "plotting_training": 7, "plotting_lessons": 7,
    # tools around the lessons
    "checking": 90, "checking_errors": 90, "checking_guard": 90, "checking_patterns": 90,
    "checking_tools": 90,
    "cli": 90, "scripting": 90,
    "__main__": 90, "__init__": 90,
    "fast": 100,  # the speed path: builds on everything, nothing teaching builds on it
}
TEACHING = sorted(m for m, r in RANK.items() if r < 90)


def module_name(path: Path) -> str:
    """'llmscratch/fast/model.py' -> 'fast'; 'llmscratch/model.py' -> 'model'."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def imports_of(path: Path) -> list[tuple[str, str | None]]:
    """Every (llmscratch module, imported name or None) that ``path`` imports, anywhere in it."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("llmscratch."):
                    found.append((alias.name.split(".")[1], None))
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            parts = node.module.split(".")
            if parts[0] != "llmscratch":
                continue
            if len(parts) > 1:
                found += [(parts[1], alias.name) for alias in node.names]
            else:  # from llmscratch import model / from llmscratch import GPTModel
                found += [(alias.name if alias.name in RANK else "__init__", None)
                          for alias in node.names]
    return found


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        here = module_name(path)
        graph.setdefault(here, set())
        graph[here] |= {mod for mod, _ in imports_of(path) if mod != here}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a list of nodes (first == last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node):
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def backward_edges(graph: dict[str, set[str]]) -> list[str]:
    """Imports of a later chapter's module (or of llmscratch.fast from outside it)."""
    return [f"{a} (rank {RANK[a]}) imports {b} (rank {RANK[b]})"
            for a in sorted(graph) for b in sorted(graph[a]) if RANK[b] > RANK[a]]


def test_every_module_has_a_place_in_the_book_order():
    unknown = sorted(set(import_graph()) - set(RANK))
    # Invariant: a new module is placed in the order on purpose, so the rules below cover it.
    assert not unknown, f"add these modules to RANK in {Path(__file__).name}: {unknown}"


def test_imports_run_from_later_chapters_to_earlier_ones_only():
    # Invariant: no teaching module imports a later chapter's module or llmscratch.fast.
    assert backward_edges(import_graph()) == []


def test_the_import_graph_has_no_cycle():
    # Invariant: the package can be read (and imported) bottom-up.
    assert find_cycle(import_graph()) is None


def test_no_private_name_crosses_a_module_boundary():
    crossings = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for mod, name in imports_of(path):
            if name and name.startswith("_") and not name.startswith("__"):
                crossings.append(f"{path.relative_to(ROOT)} imports {name} from {mod}")
    # Invariant: modules talk through public names only (within llmscratch.fast too).
    assert crossings == []


def test_the_checks_themselves_can_fail():
    # Kept mutants of the graph: a cycle and a backward import must both be caught.
    assert find_cycle({"attention": {"efficient_attention"},
                       "efficient_attention": {"attention"}}) is not None
    assert find_cycle({"model": {"attention"}, "attention": set()}) is None
    assert backward_edges({"training": {"fast"}, "fast": set()}) == [
        "training (rank 5) imports fast (rank 100)"]
    assert backward_edges({"checkpoints": {"classification"}, "classification": set()})


def test_importing_a_teaching_module_leaves_the_speed_path_out():
    code = (
        "import importlib, sys\n"
        f"for name in {TEACHING!r}:\n"
        "    importlib.import_module('llmscratch.' + name)\n"
        "    loaded = sorted(m for m in sys.modules if m.startswith('llmscratch.fast'))\n"
        "    assert not loaded, f'importing llmscratch.{name} loaded {loaded}'\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    # Invariant: learners who import the book's modules never load the speed path.
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-2000:]


@pytest.mark.parametrize("name", ["GPTModelFast", "DecodePlan", "head_cross_entropy",
                                  "keep_freed_memory", "compile_decoding"])
def test_speed_names_live_in_llmscratch_fast_only(name):
    import llmscratch
    import llmscratch.fast

    # Invariant: the top-level table holds the book's names; speed internals are not there.
    assert name not in llmscratch.__all__
    with pytest.raises(AttributeError):
        getattr(llmscratch, name)
    public = name in llmscratch.fast.__all__
    assert public or name in ("DecodePlan", "head_cross_entropy")
