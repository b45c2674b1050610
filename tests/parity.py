"""Compare what a notebook defines with the package, name by name.

The notebook runner (tests/test_notebooks.py) executes this inside the notebook's kernel after
the notebook has run. For every class or function that the notebook itself defines under a name
that ``llmscratch`` exports (or that the chapter's parity cases map with ``"ref"``), it checks:

- the same call signature (constructor for classes),
- for ``nn.Module`` classes: the same ``state_dict`` keys and shapes, the same initial weights
  under the same seed, and the same eval-mode outputs once both hold the same weights,
- for functions and probed objects: the same outputs on the same seeded inputs.

Inputs come from ``tests/parity_cases/<chapter>.py`` (a dict ``CASES``; the format is in
``tests/parity_cases/README.md``). A name without a case is reported, so nothing the notebook
defines goes unchecked.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import math
import random
from pathlib import Path

SEED = 123
ATOL = 1e-5


def _seed():
    import numpy as np
    import torch

    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)


def load_cases(chapter: str) -> dict:
    path = Path(__file__).parent / "parity_cases" / f"{chapter}.py"
    if not path.is_file():
        return {}
    spec = importlib.util.spec_from_file_location(f"_parity_cases_{chapter}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.CASES)


def _resolve(dotted: str):
    module, _, attr = dotted.rpartition(".")
    return getattr(importlib.import_module(module), attr)


def _describe_params(obj) -> list[tuple[str, str, str]]:
    target = obj.__init__ if inspect.isclass(obj) else obj
    params = list(inspect.signature(target).parameters.values())
    if inspect.isclass(obj) and params and params[0].name == "self":
        params = params[1:]
    return [(p.name, str(p.kind), repr(p.default)) for p in params]


def differences(a, b, path: str = "output", atol: float = ATOL) -> list[str]:
    """Where two (nested) results differ, as readable strings; empty when equal."""
    import torch

    if isinstance(a, torch.Tensor) or isinstance(b, torch.Tensor):
        if not (isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor)):
            return [f"{path}: {type(a).__name__} vs {type(b).__name__}"]
        if a.shape != b.shape:
            return [f"{path}: shape {tuple(a.shape)} vs {tuple(b.shape)}"]
        if a.dtype.is_floating_point or b.dtype.is_floating_point:
            diff = (a.detach().double() - b.detach().double()).abs()
            if diff.numel() and not torch.allclose(a.detach().double(), b.detach().double(),
                                                   atol=atol, rtol=atol):
                return [f"{path}: max difference {diff.max().item():.3g} (allowed {atol:g})"]
            return []
        return [] if torch.equal(a, b) else [f"{path}: tensors differ"]
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        if len(a) != len(b):
            return [f"{path}: length {len(a)} vs {len(b)}"]
        out = []
        for i, (x, y) in enumerate(zip(a, b)):
            out += differences(x, y, f"{path}[{i}]", atol)
        return out
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) != set(b):
            return [f"{path}: keys {sorted(map(str, a))} vs {sorted(map(str, b))}"]
        out = []
        for k in a:
            out += differences(a[k], b[k], f"{path}[{k!r}]", atol)
        return out
    if isinstance(a, float) and isinstance(b, float):
        if math.isnan(a) and math.isnan(b):
            return []
        return [] if math.isclose(a, b, rel_tol=atol, abs_tol=atol) else [f"{path}: {a} vs {b}"]
    try:
        equal = a == b
        equal = bool(equal)
    except Exception:
        equal = False
    return [] if equal else [f"{path}: {a!r} vs {b!r}"[:300]]


def _compare_modules(name, mine, ref, case) -> list[str]:
    import torch

    sd_a, sd_b = mine.state_dict(), ref.state_dict()
    shapes_a = {k: tuple(v.shape) for k, v in sd_a.items()}
    shapes_b = {k: tuple(v.shape) for k, v in sd_b.items()}
    if shapes_a != shapes_b:
        only_a = sorted(set(shapes_a) - set(shapes_b))
        only_b = sorted(set(shapes_b) - set(shapes_a))
        wrong = sorted(k for k in set(shapes_a) & set(shapes_b) if shapes_a[k] != shapes_b[k])
        return [f"{name}: state_dict differs: only in notebook {only_a}, only in package "
                f"{only_b}, different shapes {wrong}"]
    problems = []
    for key in sd_a:
        if sd_a[key].dtype.is_floating_point and not torch.allclose(sd_a[key], sd_b[key]):
            problems.append(f"{name}: initial weight {key} differs under the same seed "
                            "(are submodules created in the same order?)")
            break
    if "inputs" in case:
        ref.load_state_dict(sd_a)
        mine.eval()
        ref.eval()
        with torch.no_grad():
            _seed()
            out_a = mine(*case["inputs"]())
            _seed()
            out_b = ref(*case["inputs"]())
        problems += [f"{name}: {d}" for d in differences(out_a, out_b, atol=case.get("atol", ATOL))]
    return problems


def compare_object(name: str, mine, ref, case: dict) -> list[str]:
    """Problems found comparing the notebook's ``mine`` with the package's ``ref``."""
    import torch

    problems = []
    if _describe_params(mine) != _describe_params(ref):
        problems.append(f"{name}: signature differs: notebook {_describe_params(mine)} vs "
                        f"package {_describe_params(ref)}")
    try:
        if inspect.isclass(mine):
            _seed()
            a = mine(**case.get("kwargs", dict)())
            _seed()
            b = ref(**case.get("kwargs", dict)())
            if isinstance(a, torch.nn.Module):
                problems += _compare_modules(name, a, b, case)
            elif "probe" not in case:
                problems.append(f"{name}: a non-module class needs a 'probe' in its parity case")
        else:
            a, b = mine, ref
            if "inputs" in case:
                _seed()
                out_a = mine(*case["inputs"]())
                _seed()
                out_b = ref(*case["inputs"]())
                problems += [f"{name}: {d}" for d in differences(out_a, out_b,
                                                                 atol=case.get("atol", ATOL))]
        if "probe" in case:
            _seed()
            out_a = case["probe"](a)
            _seed()
            out_b = case["probe"](b)
            problems += [f"{name} (probe): {d}" for d in differences(
                out_a, out_b, atol=case.get("atol", ATOL))]
        if "inputs" not in case and "probe" not in case:
            problems.append(f"{name}: its parity case has neither 'inputs' nor 'probe'")
    except Exception as err:  # report, do not crash the kernel's report
        problems.append(f"{name}: comparing raised {type(err).__name__}: {err}")
    return problems


def compare_namespace(namespace: dict, chapter: str) -> dict:
    """Check every exported name that the notebook defines; return {"checked", "problems"}."""
    import llmscratch

    cases = load_cases(chapter)
    exported = set(llmscratch.__all__)
    checked, problems = [], []
    for name, obj in list(namespace.items()):
        if name.startswith("_") or not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue
        if getattr(obj, "__module__", None) != "__main__":
            continue  # imported, not defined by the notebook
        case = cases.get(name)
        if name not in exported and not (case and "ref" in case):
            continue
        checked.append(name)
        if case is None:
            problems.append(f"{name}: the notebook defines it and llmscratch exports it, but "
                            f"tests/parity_cases/{chapter}.py has no case to compare them")
            continue
        ref = _resolve(case["ref"]) if "ref" in case else getattr(llmscratch, name)
        problems += compare_object(name, obj, ref, case)
    return {"checked": sorted(checked), "problems": problems}
