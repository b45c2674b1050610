"""Check exercise answers: the engine behind ``python -m llmscratch check chNN``.

Every chapter folder has ``exercises/`` (stubs you edit) and ``solutions/`` (our answers). The
checks themselves live in ``tests/exercises/<chapter>.py`` as a list ``EXERCISES`` of
``Exercise`` records; each check receives the entry point (a function or class) loaded from the
file under test and raises ``CheckFailure`` with a message in plain words when the answer is wrong.

The same check runs three ways:
- against ``solutions/`` (the default in the test suite and CI), where it must pass;
- against kept mutants in ``tests/exercises/mutants/<chapter>/``, where it must fail, which proves
  the check can fail at all;
- against your ``exercises/`` files, where a stub that still raises ``NotImplementedError`` is
  reported as "not attempted" rather than as a failure.
"""

from __future__ import annotations

import importlib.util
import inspect
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

# chapter key -> folder name
CHAPTERS: dict[str, str] = {
    "ch02": "ch02_tokenizing",
    "ch03": "ch03_attention",
    "ch04": "ch04_gpt_model",
    "ch05": "ch05_pretraining",
    "ch06": "ch06_classification",
    "ch07": "ch07_instruction",
    "appendix_a": "appendix_a_pytorch",
}
_ALIASES = {"a": "appendix_a", "appa": "appendix_a", "appendix-a": "appendix_a"}


class CheckFailure(AssertionError):
    """The answer under test is wrong; the message says what, how far off, and a likely cause."""


@dataclass(frozen=True)
class Exercise:
    """One exercise: ``file`` in exercises/ and solutions/, its ``entry`` point, and its check."""

    id: str
    file: str
    entry: str
    title: str
    check: Callable[[Any], None]


@dataclass
class Result:
    """The outcome of checking one exercise file: passed, failed, not attempted or broken."""

    exercise: Exercise
    path: Path
    status: str  # "passed" | "failed" | "not attempted" | "error"
    message: str = ""


def assert_close(actual, expected, what: str, atol: float = 1e-5, rtol: float = 0.0,
                 hint: str = "") -> None:
    """Raise ``CheckFailure`` unless ``actual`` matches ``expected`` elementwise within tolerance.

    The message names ``what`` was compared, the shapes when they differ, the largest difference
    against the allowed one, and ``hint`` (the likely cause, in a learner's words).
    """
    import torch

    actual_t = torch.as_tensor(actual).detach().cpu().double()
    expected_t = torch.as_tensor(expected).detach().cpu().double()
    tail = f" {hint}" if hint else ""
    if actual_t.shape != expected_t.shape:
        raise CheckFailure(
            f"{what} has shape {tuple(actual_t.shape)}, expected {tuple(expected_t.shape)}.{tail}"
        )
    if not torch.isfinite(actual_t).all():
        raise CheckFailure(f"{what} contains NaN or infinite values.{tail}")
    diff = (actual_t - expected_t).abs()
    allowed = atol + rtol * expected_t.abs()
    if (diff > allowed).any():
        worst = int(diff.argmax())
        raise CheckFailure(
            f"{what} differs from the expected values: max difference {diff.max().item():.4g} "
            f"(allowed {atol:g}) at flat position {worst}.{tail}"
        )


def one_thread(check: Callable[[Any], None]) -> Callable[[Any], None]:
    """Decorate a check so it runs with one torch thread (tiny models only lose time to threads,
    and a learner's laptop may be busy); the previous setting is restored afterwards."""
    import functools

    @functools.wraps(check)
    def wrapper(impl):
        import torch

        before = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            return check(impl)
        finally:
            torch.set_num_threads(before)

    return wrapper


def normalize_chapter(chapter: str) -> str:
    """Map "ch2", "02", "ch02_tokenizing", "appendix_a" ... to a key of ``CHAPTERS``."""
    key = chapter.strip().lower().rstrip("/")
    key = _ALIASES.get(key, key)
    for k, folder in CHAPTERS.items():
        if key in (k, folder):
            return k
    digits = key.removeprefix("ch")
    if digits.isdigit() and f"ch{int(digits):02d}" in CHAPTERS:
        return f"ch{int(digits):02d}"
    raise ValueError(f"Unknown chapter {chapter!r}; choose one of {', '.join(CHAPTERS)}.")


def repo_root(start: Path | None = None) -> Path:
    """The project folder holding the chapter folders: from ``start``/cwd upwards, else the
    checkout that this (editable) install came from."""
    candidates = []
    here = Path(start or Path.cwd()).resolve()
    candidates += [here, *here.parents]
    candidates.append(Path(__file__).resolve().parents[1])
    for folder in candidates:
        if (folder / "tests" / "exercises").is_dir() and (folder / "llmscratch").is_dir():
            return folder
    raise FileNotFoundError(
        "Could not find the llmscratch project folder (with tests/exercises/). Run this command "
        "from inside your clone of the repository."
    )


def _load_module(path: Path, module_name: str):
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(module_name, None)
    return module


def load_exercises(chapter: str, root: Path | None = None) -> list[Exercise]:
    """The ``EXERCISES`` lists of ``tests/exercises/<chapter>.py`` and, after it, of each
    ``tests/exercises/<chapter>_<part>.py`` (for example ``ch04_bonus.py``), in name order."""
    chapter = normalize_chapter(chapter)
    folder = repo_root(root) / "tests" / "exercises"
    paths = [folder / f"{chapter}.py", *sorted(folder.glob(f"{chapter}_*.py"))]
    exercises: list[Exercise] = []
    for path in paths:
        if path.is_file():
            module = _load_module(path, f"_llmscratch_checks_{path.stem}")
            exercises += list(module.EXERCISES)
    return exercises


def load_entry(path: Path, entry: str):
    """Import the file at ``path`` on its own and return its attribute ``entry``."""
    module = _load_module(path, f"_llmscratch_answer_{path.stem}")
    try:
        return getattr(module, entry)
    except AttributeError:
        raise CheckFailure(
            f"{path.name} defines no {entry!r}: keep the name from the stub so the check can "
            "find your answer."
        ) from None


def _raised_not_implemented(exc: BaseException) -> bool:
    while exc is not None:
        if isinstance(exc, NotImplementedError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def run_check(exercise: Exercise, path: Path) -> Result:
    """Load ``exercise.entry`` from ``path`` and run its check; never raises."""
    try:
        impl = load_entry(path, exercise.entry)
        exercise.check(impl)
    except CheckFailure as err:
        if _raised_not_implemented(err):
            return Result(exercise, path, "not attempted", "still raises NotImplementedError")
        return Result(exercise, path, "failed", str(err))
    except Exception as err:  # the learner's code crashed: say where, in a few lines
        if _raised_not_implemented(err):
            return Result(exercise, path, "not attempted", "still raises NotImplementedError")
        frames = traceback.extract_tb(err.__traceback__)
        mine = [f for f in frames if Path(f.filename).resolve() == path.resolve()]
        where = f" (line {mine[-1].lineno} of {path.name})" if mine else ""
        return Result(exercise, path, "failed",
                      f"your code raised {type(err).__name__}: {err}{where}")
    return Result(exercise, path, "passed")


def check_chapter(chapter: str, which: str = "exercises", root: Path | None = None,
                  only: str | None = None) -> list[Result]:
    """Check every exercise of ``chapter`` in its ``exercises/`` or ``solutions/`` folder."""
    chapter = normalize_chapter(chapter)
    folder = repo_root(root) / CHAPTERS[chapter] / which
    results = []
    for exercise in load_exercises(chapter, root):
        if only and only not in (exercise.id, exercise.file, Path(exercise.file).stem):
            continue
        path = folder / exercise.file
        if not path.is_file():
            results.append(Result(exercise, path, "error", f"{path} is missing"))
            continue
        results.append(run_check(exercise, path))
    return results


def signature_of(obj) -> inspect.Signature:
    """The call signature of a function, or of a class's constructor."""
    return inspect.signature(obj.__init__ if inspect.isclass(obj) else obj)


_SYMBOL = {"passed": "PASS", "failed": "FAIL", "not attempted": "----", "error": "ERR "}


def format_results(results: list[Result]) -> str:
    """A report, one block per exercise, with a summary line at the end."""
    lines = []
    for r in results:
        lines.append(f"[{_SYMBOL[r.status]}] {r.exercise.id} {r.exercise.title} ({r.path.name})")
        if r.status != "passed" and r.message:
            lines += [f"       {line}" for line in r.message.splitlines()]
    counts = {s: sum(r.status == s for r in results) for s in _SYMBOL}
    lines.append(
        f"{counts['passed']} passed, {counts['failed'] + counts['error']} failed, "
        f"{counts['not attempted']} not attempted"
    )
    return "\n".join(lines)
