"""Every exercise check: passes our solution, rejects every kept mutant, and reports a stub as
"not attempted".

Chapters plug in by adding ``tests/exercises/<chapter>.py`` (a list ``EXERCISES``), the files
``<chapter folder>/exercises/<file>`` and ``solutions/<file>``, and at least one mutant per
exercise in ``tests/exercises/mutants/<chapter>/<file stem>__<what_is_wrong>.py``.

``pytest --exercises=learner`` runs the same checks against the learner's ``exercises/`` files
instead (unattempted stubs are skipped), as ``python -m llmscratch check <chapter>`` does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from llmscratch.checking import CHAPTERS, load_entry, load_exercises, run_check, signature_of

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "tests" / "exercises" / "mutants"

EXERCISES = [(ch, ex) for ch in CHAPTERS for ex in load_exercises(ch, ROOT)]
MUTANT_FILES = sorted(MUTANTS.glob("*/*__*.py"))


def _ex_id(param) -> str:
    chapter, exercise = param
    return f"{chapter}-{exercise.id}"


@pytest.mark.parametrize("case", EXERCISES, ids=_ex_id)
def test_check_passes_the_answer(case, request):
    chapter, exercise = case
    which = "exercises" if request.config.getoption("--exercises") == "learner" else "solutions"
    path = ROOT / CHAPTERS[chapter] / which / exercise.file
    result = run_check(exercise, path)
    if which == "exercises" and result.status == "not attempted":
        pytest.skip(f"{exercise.id} not attempted yet")
    # Invariant: a correct answer passes its check.
    assert result.status == "passed", f"{chapter} {exercise.id} ({path}): {result.message}"


@pytest.mark.parametrize("case", EXERCISES, ids=_ex_id)
def test_stub_is_not_attempted_and_matches_solution(case):
    chapter, exercise = case
    folder = ROOT / CHAPTERS[chapter]
    stub_path = folder / "exercises" / exercise.file
    solution_path = folder / "solutions" / exercise.file
    # Invariant: the learner's stub and our solution offer the same entry point.
    stub = load_entry(stub_path, exercise.entry)
    solution = load_entry(solution_path, exercise.entry)
    assert str(signature_of(stub)) == str(signature_of(solution)), (
        f"{stub_path.name}: stub signature {signature_of(stub)} != "
        f"solution {signature_of(solution)}"
    )
    assert (stub.__doc__ or "").strip(), f"{stub_path.name}: the stub needs a docstring"
    # Invariant: an untouched stub is reported as not attempted, never as a failure.
    result = run_check(exercise, stub_path)
    assert result.status == "not attempted", f"{stub_path.name}: {result.status}: {result.message}"


@pytest.mark.parametrize("case", EXERCISES, ids=_ex_id)
def test_every_exercise_has_a_mutant(case):
    chapter, exercise = case
    stem = Path(exercise.file).stem
    # Invariant: each check is shown to fail on at least one plausible wrong answer.
    assert list((MUTANTS / chapter).glob(f"{stem}__*.py")), (
        f"{chapter} {exercise.id}: add a mutant tests/exercises/mutants/{chapter}/{stem}__<bug>.py"
    )


@pytest.mark.parametrize("path", MUTANT_FILES, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_check_rejects_mutant(path):
    chapter, stem = path.parent.name, path.stem.split("__")[0]
    matches = [ex for ch, ex in EXERCISES if ch == chapter and Path(ex.file).stem == stem]
    assert matches, f"mutant {path.name} names no exercise of {chapter}"
    result = run_check(matches[0], path)
    # Invariant: the check catches this wrong implementation, with an explanation.
    assert result.status == "failed", f"the check for {stem} accepted the mutant {path.name}"
    assert len(result.message) > 20, f"{path.name} was rejected without a useful message"
