"""Every exercise check: passes our solution, rejects every kept mutant, and reports a stub as
"not attempted".

Chapters plug in by adding ``tests/exercises/<chapter>.py`` (a list ``EXERCISES``), the files
``<chapter folder>/exercises/<file>`` and ``solutions/<file>``, and at least one mutant per
exercise in ``tests/exercises/mutants/<chapter>/<file stem>__<what_is_wrong>.py``.

``pytest --exercises=learner`` runs the same checks against the learner's ``exercises/`` files
instead (unattempted stubs are skipped), as ``python -m llmscratch check <chapter>`` does.

Correct answers written differently from ours (other torch calls, other legal orders) are kept in
``tests/exercises/alternatives/<chapter>/<file stem>__<how>.py``; each must pass, so a check that
ties itself to one way of writing the code fails the suite.

Every mutant may set ``EXPECTED_CAUSE = "key phrase"``: its failure message must contain it, so the
hint names the real cause. A mutant rejected by ``assert_close`` must sit at least ``MIN_MARGIN``
(default 10) allowed differences away, so the tolerance is far from the mistake; a mutant that
lowers ``MIN_MARGIN`` says why in a comment. In the check files listed in ``COMPLETE_CHAPTERS``
every mutant must name its cause. The statuses a real answer rarely reaches ("partly done",
"timed out", "checker error") are shown on the small answers in ``tests/exercises/fixtures/``.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import re
import threading
from pathlib import Path

import numpy as np
import pytest
import torch

from llmscratch.checking import (
    CHAPTERS,
    CheckFailure,
    CheckTimeout,
    Exercise,
    PartlyDone,
    answer_source,
    assert_close,
    call_answer,
    call_with_time_limit,
    check_cases,
    describe_difference,
    describe_elementwise,
    fresh_calls_right,
    fresh_copy,
    likely_cause,
    load_entry,
    load_exercises,
    narrowed_dtype,
    run_check,
    same_results,
    same_under_two_seeds,
    signature_of,
    state_probed,
)

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "tests" / "exercises" / "mutants"
ALTERNATIVES = ROOT / "tests" / "exercises" / "alternatives"

EXERCISES = [(ch, ex) for ch in CHAPTERS for ex in load_exercises(ch, ROOT)]
MUTANT_FILES = sorted(MUTANTS.glob("*/*__*.py"))
ALTERNATIVE_FILES = sorted(ALTERNATIVES.glob("*/*__*.py"))
FIXTURES = ROOT / "tests" / "exercises" / "fixtures"

# Check files (stems of tests/exercises/*.py) whose exercises are finished to the standard of the
# exercise-checks issue: every mutant names its cause, and each exercise has at least
# MIN_MUTANTS_COMPLETE kept mutants. A helper who finishes a chapter adds its stem here.
COMPLETE_CHAPTERS = ["ch02", "ch03", "ch04", "ch05", "ch06", "ch07", "appendix_a"]
MIN_MUTANTS_COMPLETE = 5
DEFAULT_MIN_MARGIN = 10.0
# The verdict tests below give each check this many times its own time limit: a busy CI machine
# (or one shared with other jobs) runs several times slower than a learner's laptop, and a
# verdict test must not turn into a timing test. The limit itself has its own tests (endless and
# slow fixtures further down).
SUITE_TIME_FACTOR = 4


def _suite_limit(exercise: Exercise) -> float:
    return exercise.timeout * SUITE_TIME_FACTOR


def _constants(path: Path) -> dict:
    """The module-level ``NAME = literal`` assignments of a file, read without importing it."""
    found = {}
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and \
                isinstance(node.targets[0], ast.Name):
            try:
                found[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass
    return found


def _ex_id(param) -> str:
    chapter, exercise = param
    return f"{chapter}-{exercise.id}"


@pytest.mark.parametrize("case", EXERCISES, ids=_ex_id)
def test_check_passes_the_answer(case, request):
    chapter, exercise = case
    which = "exercises" if request.config.getoption("--exercises") == "learner" else "solutions"
    path = ROOT / CHAPTERS[chapter] / which / exercise.file
    result = run_check(exercise, path, _suite_limit(exercise))
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
    result = run_check(exercise, stub_path, _suite_limit(exercise))
    assert result.status == "not attempted", f"{stub_path.name}: {result.status}: {result.message}"


@pytest.mark.parametrize("case", EXERCISES, ids=_ex_id)
def test_every_exercise_has_a_mutant(case):
    chapter, exercise = case
    stem = Path(exercise.file).stem
    # Invariant: each check is shown to fail on at least one plausible wrong answer.
    assert list((MUTANTS / chapter).glob(f"{stem}__*.py")), (
        f"{chapter} {exercise.id}: add a mutant tests/exercises/mutants/{chapter}/{stem}__<bug>.py"
    )


def _exercise_of(path: Path) -> Exercise:
    """The exercise a kept answer file ``<chapter>/<file stem>__<what>.py`` belongs to."""
    chapter, stem = path.parent.name, path.stem.split("__")[0]
    matches = [ex for ch, ex in EXERCISES if ch == chapter and Path(ex.file).stem == stem]
    assert matches, f"{path.name} names no exercise of {chapter}"
    return matches[0]


@pytest.mark.parametrize("path", ALTERNATIVE_FILES, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_check_passes_a_correct_answer_written_differently(path):
    exercise = _exercise_of(path)
    result = run_check(exercise, path, _suite_limit(exercise))
    # Invariant: a check judges what the answer computes, not how it is written.
    assert result.status == "passed", f"{path.name}: {result.status}: {result.message}"


@pytest.mark.parametrize("path", MUTANT_FILES, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_check_rejects_mutant(path):
    stem = path.stem.split("__")[0]
    exercise = _exercise_of(path)
    result = run_check(exercise, path, _suite_limit(exercise))
    # Invariant: the check catches this wrong implementation, with an explanation.
    assert result.status == "failed", (
        f"the check for {stem} gave {result.status!r} for the mutant {path.name}: {result.message}"
    )
    assert len(result.message) > 20, f"{path.name} was rejected without a useful message"
    constants = _constants(path)
    cause = constants.get("EXPECTED_CAUSE")
    if cause is not None:
        # Invariant: the message names this mutant's real cause.
        named = cause.lower() in result.message.lower()
        assert named, (
            f"{path.name}: the message does not name the cause {cause!r}:\n{result.message}"
        )
    if result.margin is not None:
        # Invariant: a numeric rejection sits far outside the tolerance, not just past its edge.
        floor = constants.get("MIN_MARGIN", DEFAULT_MIN_MARGIN)
        assert result.margin >= floor, (
            f"{path.name} is only {result.margin:.3g} tolerances away (needs {floor}): "
            f"{result.message}"
        )


def _check_file_exercises(stem: str) -> list[Exercise]:
    spec = importlib.util.spec_from_file_location(f"_complete_{stem}",
                                                  ROOT / "tests" / "exercises" / f"{stem}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.EXERCISES)


@pytest.mark.parametrize("stem", COMPLETE_CHAPTERS)
def test_complete_chapter_mutants_name_their_cause(stem):
    chapter = stem.split("_bonus")[0] if stem.startswith("ch") else stem
    for exercise in _check_file_exercises(stem):
        mutants = sorted((MUTANTS / chapter).glob(f"{Path(exercise.file).stem}__*.py"))
        # Invariant: a finished exercise is proven against several plausible mistakes ...
        assert len(mutants) >= MIN_MUTANTS_COMPLETE, (
            f"{stem} {exercise.id}: {len(mutants)} mutants, expected {MIN_MUTANTS_COMPLETE}"
        )
        # ... and each one's message is required to name its cause.
        missing = [m.name for m in mutants if "EXPECTED_CAUSE" not in _constants(m)]
        assert not missing, f"{stem} {exercise.id}: no EXPECTED_CAUSE in {missing}"


# --- the framework's statuses, on the small answers in tests/exercises/fixtures/ ----------------


def _expect(got, want, what):
    if not isinstance(got, (int, float)):
        raise CheckFailure(f"{what}: you returned a {type(got).__name__}, expected a number")
    if got != want:
        raise CheckFailure(f"{what} gave {got}, expected {want}")


def _check_scaled_sum(impl):
    check_cases([
        ("scale=None", lambda: _expect(impl(2, 3), 5, "scaled_sum(2, 3)")),
        ("scale=4", lambda: _expect(impl(2, 3, scale=4), 20, "scaled_sum(2, 3, scale=4)")),
    ])


def test_check_cases_stops_at_the_first_failure():
    ran = []

    def case(name, fails=False, todo=False):
        def run():
            ran.append(name)
            if todo:
                raise NotImplementedError("your code here")
            if fails:
                raise CheckFailure(f"{name} is wrong")
        return name, run

    with pytest.raises(CheckFailure, match="^second: second is wrong$"):
        check_cases([case("first", todo=True), case("second", fails=True), case("third"),
                     case("fourth", fails=True)])
    # Invariant: the first failure is reported, and the cases after it (which could not change
    # the report) never run.
    assert ran == ["first", "second"]
    ran.clear()
    with pytest.raises(PartlyDone, match="1 of 3 cases pass"):
        check_cases([case("first"), case("second", todo=True), case("third", todo=True)])
    # Invariant: without a failure every case runs, so "partly done" counts them all.
    assert ran == ["first", "second", "third"]


def _check_without_validation(impl):
    if impl(2, 3).bit_length() != 3:  # a check bug: assumes an int came back
        raise CheckFailure("wrong")


SCALED_SUM = Exercise(id="fx1", file="scaled_sum.py", entry="scaled_sum", title="Scaled sum",
                      check=_check_scaled_sum, timeout=5.0)


@pytest.mark.parametrize("answer, status, words", [
    ("right", "passed", ""),
    ("stub", "not attempted", "NotImplementedError"),
    ("partly_done", "partly done", "partly done: 1 of 2 cases pass; still raising "
                                   "NotImplementedError: scale=4"),
    ("crashes", "failed", "scale=None: your code raised TypeError"),
    ("returns_text", "failed", "scale=None: scaled_sum(2, 3): you returned a str"),
])
def test_statuses_of_small_answers(answer, status, words):
    result = run_check(SCALED_SUM, FIXTURES / f"scaled_sum_{answer}.py")
    # Invariant: each kind of answer gets its own status and says why.
    assert result.status == status, result.message
    assert words in result.message
    if answer == "crashes":
        assert "line 6 of scaled_sum_crashes.py" in result.message


def test_chapter_answer_with_one_branch_left_is_partly_done():
    [exercise] = [ex for ch, ex in EXERCISES if ch == "ch03" and ex.id == "ex3_8"]
    result = run_check(exercise, FIXTURES / "ex3_8_multihead_attention_partly_done.py")
    # Invariant: an answer whose qkv_bias branch is unwritten is neither "not attempted" nor
    # passing: the cases without qkv_bias pass, those with it (one or more) still raise.
    assert result.status == "partly done", result.message
    counts = re.search(r"(\d+) of (\d+) cases pass", result.message)
    assert counts and 0 < int(counts[1]) < int(counts[2]), result.message
    assert "qkv_bias=True" in result.message


def test_endless_loop_times_out():
    exercise = Exercise(id="fx1", file="scaled_sum.py", entry="scaled_sum", title="Scaled sum",
                        check=_check_scaled_sum, timeout=0.5)
    # Invariant: the exercise's own limit applies, and --timeout overrides it.
    for result in (run_check(exercise, FIXTURES / "scaled_sum_endless.py"),
                   run_check(SCALED_SUM, FIXTURES / "scaled_sum_endless.py", timeout=0.5)):
        assert result.status == "timed out", result.message
        assert "timed out after 0.5 s: an endless loop?" in result.message
        assert "--timeout 2." in result.message


def test_time_limit_outside_the_main_thread_gives_up_on_the_answer():
    results = []
    worker = threading.Thread(target=lambda: results.append(
        run_check(SCALED_SUM, FIXTURES / "scaled_sum_slow.py", timeout=0.3)))
    worker.start()
    worker.join()
    # Invariant: without a timer signal (Windows, threads), the fallback still reports in time.
    assert results[0].status == "timed out", results[0].message
    assert "keeps running" in results[0].message


def test_crash_in_the_check_is_a_checker_error_with_traceback():
    exercise = Exercise(id="fx2", file="scaled_sum.py", entry="scaled_sum", title="Scaled sum",
                        check=_check_without_validation)
    result = run_check(exercise, FIXTURES / "scaled_sum_returns_text.py")
    # Invariant: a crash in the check's own code is never blamed on the learner.
    assert result.status == "checker error", result.message
    assert "AttributeError" in result.message and "Traceback" in result.message
    assert "your code" not in result.message


def test_a_graph_the_answer_broke_fails_the_answer_not_the_check(tmp_path):
    answer = tmp_path / "weights.py"
    answer.write_text("import torch\n\n\ndef weights(scores):\n    e = scores.exp()\n"
                      "    e /= e.sum()  # in place on the tensor exp() saved for backward\n"
                      "    return e\n")

    def check(impl):
        scores = torch.randn(4, requires_grad=True)
        impl(scores).sum().backward()  # the check's own line raises

    exercise = Exercise(id="fx9", file="weights.py", entry="weights", title="t", check=check)
    result = run_check(exercise, answer)
    # Invariant: autograd refusing a graph the answer changed in place is the answer's failure.
    assert result.status == "failed", result.message
    assert "modified by an inplace operation" in result.message
    assert "out-of-place form" in result.message


def test_time_limit_restores_an_outer_timer():
    import signal
    import time

    fired = []
    before = signal.signal(signal.SIGALRM, lambda *args: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.6)
        assert call_with_time_limit(lambda: 5, 0.3) == 5
        with pytest.raises(CheckTimeout):
            call_with_time_limit(lambda: time.sleep(2), 0.2)
        time.sleep(0.6)
        # Invariant: a timer set by someone else (pytest-timeout, say) still fires afterwards.
        assert fired == [1]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


def test_assert_close_margin_nan_and_dtype():
    import math

    import torch

    with pytest.raises(CheckFailure) as info:
        assert_close(torch.tensor([1.0, 2.5]), torch.tensor([1.0, 2.0]), "the logits")
    # Invariant: the margin says how many tolerances away the answer is.
    assert info.value.margin == pytest.approx(0.5 / 1e-5)
    with pytest.raises(CheckFailure, match="NaN") as info:
        assert_close(torch.tensor([float("nan"), 2.0]), torch.tensor([1.0, 2.0]), "x")
    assert info.value.margin == math.inf
    with pytest.raises(CheckFailure, match="dtype torch.float32, expected torch.float64"):
        assert_close(torch.ones(2), torch.ones(2, dtype=torch.float64), "x", dtype=True)
    with pytest.raises(CheckFailure, match="returned a Linear"):
        assert_close(torch.nn.Linear(2, 2), torch.ones(2), "x")
    # a result on the meta device holds no numbers: the answer's failure, not a crash
    with pytest.raises(CheckFailure, match="on the 'meta' device") as info:
        assert_close(torch.ones(2, device="meta"), torch.ones(2), "x")
    assert info.value.margin == math.inf


@pytest.mark.parametrize("slip, words", [
    (lambda e: e * 8, "8 times the expected (a sum where a mean was wanted"),
    (lambda e: e / 8, "divided by sqrt(64) = 8"),
    (lambda e: -e, "opposite sign"),
    (lambda e: e + 0.25, "off by the same amount, +0.25"),
    (lambda e: e.transpose(1, 2), "dims 1 and 2 swapped (a transpose"),
    (lambda e: e.flip(1), "along dim 1 come in reverse order"),
    (lambda e: e.roll(1, 1), "one position later along dim 1 than expected, the last wrapping"),
    (lambda e: torch.cat([e[:, :1] * 0, e[:, :-1]], 1), "moved one position later (shifted"),
    (lambda e: e[:, [2, 0, 1, 3]], "in another order (yours [2, 0, 1, 3])"),
    (lambda e: e[:, :3], "dim 1 holds 3, expected 4, one too few: the last entry"),
    (lambda e: e[:, 1:], "one too few: the first entry along it is missing"),
    (lambda e: torch.cat([e, e[:, :1]], 1), "one too many: the first entries are right"),
    (lambda e: e.reshape(2, 3, 4), "only reshaped (a .view or .reshape"),
    (lambda e: e.unsqueeze(0), "an extra dimension of size 1 at dim 0"),
    (lambda e: torch.full_like(e, 0.5), "every value of yours is the same, 0.5"),
    (torch.zeros_like, "every value of yours is the same, 0,"),  # no factor of 0 (it crashed)
    (lambda e: e * -2, "-2 times the expected (a sum where a mean was wanted, or a value "
     "counted 2 times?), and the sign is flipped"),
    (lambda e: e / -8, "divided by sqrt(64) = 8"),
    (lambda e: e - e.mean(2, keepdim=True), "minus its mean along dim 2 (centred"),
    (lambda e: e + e.amax(2, keepdim=True), "along dim 2 every value is off by the same amount"),
    (lambda e: e / e.norm(dim=2, keepdim=True), "along dim 2 each slice is the expected times"),
    (lambda e: e * e, "each number was squared (x ** 2): "),
    (torch.abs, "each number was made positive (abs())"),
    (lambda e: e.clamp(min=0), "every negative number becoming 0 (clamp(min=0), relu)"),
    (lambda e: e.round(decimals=2), "rounded to 2 decimals (round(decimals=2)"),
    (torch.sigmoid, "each number was passed through a sigmoid: "),
    (lambda e: torch.cat([e[:, :3], e[:, 3:] + 1], 1), "along dim 1 only from index 3 on (of 4)"),
    (lambda e: e.index_put((torch.tensor(1), torch.tensor(2), torch.tensor(0)), torch.tensor(9.0)),
     "1 of 24 values differs, at index (1, 2, 0)"),
])
def test_describe_difference_names_the_relation_a_slip_leaves(slip, words):
    expected = torch.randn(2, 4, 3, generator=torch.Generator().manual_seed(0))
    assert words in describe_difference(slip(expected), expected)


@pytest.mark.parametrize("kept_as, want, dtype", [
    (lambda ids: np.array(ids).astype(np.uint16), 100257, "uint16"),  # cl100k's end of text
    (lambda ids: torch.tensor(ids).to(torch.int16), 40000, "int16"),
    (lambda ids: torch.tensor(ids).half(), 50256, "float16"),  # GPT-2's <|endoftext|>
    (lambda ids: torch.tensor(ids, dtype=torch.bfloat16), 50256, "bfloat16"),
    (lambda ids: torch.tensor(ids).to(torch.int8), 200, "int8"),
])
def test_narrowed_dtype_names_the_type_an_id_went_through(kept_as, want, dtype):
    value = int(kept_as([want])[0])
    # Invariant: the wrapped or rounded id names the type that changed it; an id that came
    # through unchanged, or one no narrow type explains, names none.
    assert value != want and narrowed_dtype(value, want) == dtype
    assert narrowed_dtype(want, want) is None
    assert narrowed_dtype(want + 1, want) is None
    assert narrowed_dtype(value + 0.5, want) is None  # not a whole number: no id came back
    assert narrowed_dtype(None, want) is None and narrowed_dtype(float("nan"), want) is None


def test_describe_difference_says_nothing_without_a_relation_and_assert_close_uses_it():
    expected = torch.randn(2, 4, 3, generator=torch.Generator().manual_seed(0))
    noise = torch.randn(2, 4, 3, generator=torch.Generator().manual_seed(1))
    assert describe_difference(expected, expected) == ""
    assert "spread over every dimension" in describe_difference(expected + noise, expected)
    assert describe_difference(expected.sum(-1), expected) == ""  # no relation: shapes only
    assert describe_difference(expected * float("nan"), expected) == ""
    assert describe_elementwise(expected * 2, expected) == ""  # a factor is not a function
    # where=False: a relation or nothing, never only where the values differ
    assert describe_difference(expected + noise, expected, where=False) == ""
    assert "2 times the expected" in describe_difference(expected * 2, expected, where=False)
    assert describe_elementwise(expected.exp(), expected).startswith(
        "What differs: each number was passed through exp(): ")
    named = describe_difference(expected.roll(1, 1), expected, dims=("batch", "tokens", "emb"))
    assert "along dim 1 (tokens) than expected" in named
    with pytest.raises(CheckFailure, match="2 times the expected"):
        assert_close(expected * 2, expected, "the scores")
    with pytest.raises(CheckFailure) as hinted:  # a check's own hint replaces the pattern
        assert_close(expected * 2, expected, "the scores", hint="softmax twice?")
    assert "What differs" not in str(hinted.value) and "softmax twice?" in str(hinted.value)


def test_likely_cause_picks_the_replay_that_matches():
    import torch

    def broken():
        raise RuntimeError("this replay cannot run")

    mistakes = {"no scaling": torch.tensor([0.5, 0.5]), "halved": torch.tensor([1.0, 2.0]),
                "broken replay": broken, "lazy": lambda: torch.tensor([3.0, 3.0])}
    # Invariant: the cause whose replay reproduces the answer is named; nothing else is.
    assert likely_cause(torch.tensor([1.0, 2.0 + 1e-7]), mistakes) == "halved"
    assert likely_cause(torch.tensor([3.0, 3.0]), mistakes) == "lazy"
    assert likely_cause(torch.tensor([7.0, 7.0]), mistakes) is None
    assert likely_cause([1, 2, 3], {"dropped": [1, 2], "kept": [1, 2, 3]}, atol=0) == "kept"
    # Invariant: NaNs and infinities in the same places match, with or without rtol.
    nan, inf = float("nan"), float("inf")
    shaped = {"no mask": torch.tensor([nan, 0.5]), "mask kept": torch.tensor([-inf, 0.5])}
    for rtol in (0.0, 1e-3):
        assert likely_cause(torch.tensor([nan, 0.5]), shaped, rtol=rtol) == "no mask"
        assert likely_cause(torch.tensor([-inf, 0.5]), shaped, rtol=rtol) == "mask kept"
        assert likely_cause(torch.tensor([inf, 0.5]), shaped, rtol=rtol) is None
        assert likely_cause(torch.tensor([1.0, 0.5]), shaped, rtol=rtol) is None


def test_likely_cause_confirm_passes_over_a_coincidence():
    import torch

    # Two replays agree on the first input; only the second configuration tells them apart.
    mistakes = {"first": torch.tensor([1.0, 2.0]), "second": torch.tensor([1.0, 2.0]),
                "far": torch.tensor([9.0, 9.0])}
    seen = []

    def only_second(cause):
        seen.append(cause)
        return cause == "second"

    def broken(cause):
        raise RuntimeError("the second configuration cannot run")

    out = torch.tensor([1.0, 2.0])
    # Invariant: without confirm the first close match wins (ties keep the table's order).
    assert likely_cause(out, mistakes) == "first"
    # Invariant: a refused cause is passed over for the next match, and only matches are asked.
    assert likely_cause(out, mistakes, confirm=only_second) == "second"
    assert seen == ["first", "second"]
    # Invariant: nothing confirmed, or a confirm that raises, names no cause.
    assert likely_cause(out, mistakes, confirm=lambda cause: False) is None
    assert likely_cause(out, mistakes, confirm=broken) is None


def test_likely_cause_stops_replaying_at_an_exact_match():
    import torch

    ran = []

    def replay(name, value):
        def run():
            ran.append(name)
            return torch.tensor(value)
        return run

    mistakes = {"near": replay("near", [1.0, 2.0 + 5e-6]), "exact": replay("exact", [1.0, 2.0]),
                "costly": replay("costly", [1.0, 2.0])}
    out = torch.tensor([1.0, 2.0])
    # Invariant: an exact match outranks a near one before it, and the replays after it, which
    # could not outrank it, never run.
    assert likely_cause(out, mistakes) == "exact" and ran == ["near", "exact"]
    # Invariant: an exact match that confirm refuses lets the later replays run and compete.
    ran.clear()
    assert likely_cause(out, mistakes, confirm=lambda cause: cause != "exact") == "costly"
    assert ran == ["near", "exact", "costly"]
    ran.clear()
    assert likely_cause(out, mistakes, confirm=lambda cause: cause == "near") == "near"
    assert ran == ["near", "exact", "costly"]


def test_non_contiguous_keeps_values_and_breaks_a_view():
    import torch

    from llmscratch.checking import non_contiguous

    for t in (torch.arange(24.0).view(2, 3, 4), torch.arange(5), torch.arange(6.0).view(6, 1)):
        twin = non_contiguous(t)
        # Invariant: same values, sizes and dtype, in a layout that is not contiguous.
        assert torch.equal(twin, t) and twin.dtype == t.dtype and not twin.is_contiguous()
    with pytest.raises(RuntimeError, match="view size is not compatible"):
        non_contiguous(torch.arange(12.0).view(3, 4)).view(-1)  # the learner's .view slip
    assert torch.equal(non_contiguous(torch.tensor(3.0)), torch.tensor(3.0))


def test_tensors_not_on_names_what_stayed_behind():
    import torch

    from llmscratch.checking import tensors_not_on

    meta = torch.ones(2, device="meta")
    layer = torch.nn.Linear(2, 2).to("meta")
    layer.register_buffer("mask", torch.ones(2))  # a buffer made without device=
    assert tensors_not_on((meta, {"k": [meta]}), "meta") == []
    assert tensors_not_on((meta, {"k": [torch.ones(1)]}), "meta") == [
        "the result[1]['k'][0] is on cpu"]
    assert tensors_not_on(layer, "meta", "the module") == ["the module.mask is on cpu"]
    assert tensors_not_on(torch.ones(1), "cpu") == [] and tensors_not_on(3, "meta") == []


def test_same_under_two_seeds_tells_a_self_seeding_answer_from_one_that_follows_the_caller():
    import torch

    def follows_caller():
        return torch.randn(3)

    def seeds_itself():
        torch.manual_seed(0)
        return torch.randn(3)

    assert not same_under_two_seeds(follows_caller)
    assert same_under_two_seeds(seeds_itself)
    # Invariant: prepare runs before each seed, so its own seeding cannot hide the answer's.
    made = []

    def prepare():
        torch.manual_seed(123)
        made.append(torch.randn(2))
        return (made[-1],)

    assert not same_under_two_seeds(lambda w: w + torch.randn(2), prepare=prepare)
    assert torch.equal(made[0], made[1])
    assert same_results({"a": [torch.ones(2), 1.5]}, {"a": [torch.ones(2), 1.5]})
    assert not same_results({"a": [torch.ones(2)]}, {"a": [torch.ones(3)]})
    assert not same_results([1, 2], [1, 2, 3])


def test_call_answer_names_the_input_the_line_and_the_matching_hint(tmp_path):
    answer = tmp_path / "my_answer.py"
    answer.write_text("def f(x):\n    y = x + 1\n    return [0][x]\n")
    f = load_entry(answer, "f")
    assert call_answer(f, (0,), "for x=0") == 0
    hints = [(KeyError, "not this one"), ("out of range", "Lists start at 0."),
             (IndexError, "a later, less specific hint")]
    with pytest.raises(CheckFailure) as failure:
        call_answer(f, (3,), "for x=3", hints)
    message = str(failure.value)
    assert message.startswith("for x=3: your code raised IndexError: list index out of range")
    assert "(line 3 of my_answer.py)" in message and message.endswith("Lists start at 0.")
    # e.g. MultiHeadAttention's arguments passed in the wrong order: 16 % 0.1 heads
    with pytest.raises(CheckFailure, match=r"for x=0: your code raised ZeroDivisionError"):
        call_answer(lambda x: 16 % x, (0,), "for x=0")
    # next() on an empty iterator: named with the input and what next() ran out of
    with pytest.raises(CheckFailure, match=r"for x=0: your code raised StopIteration \(line \d+ "
                       r"of test_exercises.py\)\. next\(\) was called on an iterator with nothing "
                       "left"):
        call_answer(lambda x: next(iter(range(x))), (0,), "for x=0")
    # an unfinished stub stays "not attempted": its NotImplementedError is not turned into a
    # failure (torch's own NotImplementedError is: tests/package/test_checking_errors.py)
    stub = tmp_path / "my_stub.py"
    stub.write_text("def f(x):\n    raise NotImplementedError('your code here')\n")
    with pytest.raises(NotImplementedError):
        call_answer(load_entry(stub, "f"), (0,), "stub")


def test_call_answer_points_at_the_answers_line_when_a_test_model_crashes(tmp_path):
    # the crash happens inside a model the check built (this file), called by the answer: the
    # message names the answer's line that called it, not the check's model code
    answer = tmp_path / "my_answer.py"
    answer.write_text("def score(model, x):\n    out = model(x)\n    return out\n")
    score = load_entry(answer, "score")

    def model(x):
        return [0][x]

    with pytest.raises(CheckFailure) as failure:
        call_answer(score, (model, 3), "for x=3")
    assert "(line 2 of my_answer.py)" in str(failure.value)
    # a check's lambda around the answer: still the answer's line
    with pytest.raises(CheckFailure) as failure:
        call_answer(lambda: score(model, 3), (), "for x=3")
    assert "(line 2 of my_answer.py)" in str(failure.value)
    # without a file of its own (a lambda here) the last non-library frame is named as before
    with pytest.raises(CheckFailure, match=r"line \d+ of test_exercises.py"):
        call_answer(lambda x: model(x), (3,), "for x=3")


def test_fresh_copy_forgets_what_earlier_calls_kept(tmp_path):
    answer = tmp_path / "cached.py"
    answer.write_text("_SEEN = []\n\n\ndef first(x):\n    _SEEN.append(x)\n    return _SEEN[0]\n")
    first = load_entry(answer, "first")
    assert first(1) == 1 and first(2) == 1  # the cache answers the second call
    assert fresh_copy(first)(2) == 2  # a new copy of the file starts clean
    assert first(3) == 1  # and the answer under check keeps its own state
    assert fresh_copy(len) is None  # a builtin has no file to load again


def test_state_probed_names_kept_state_only_when_a_fresh_copy_passes(tmp_path):
    import torch

    answer = tmp_path / "remembers.py"
    answer.write_text("_SEEN = []\n\n\ndef double(x):\n    _SEEN.append(x)\n"
                      "    return 2 * _SEEN[0]\n\n\ndef wrong(x):\n    return 3 * x\n")
    double, wrong = load_entry(answer, "double"), load_entry(answer, "wrong")

    def expect(x):
        def run(answer):
            assert_close(torch.tensor(float(answer(x))), torch.tensor(2.0 * x), f"double({x})")
        return run

    cases = [("x=1", expect(1)), ("x=5", expect(5))]
    with pytest.raises(CheckFailure) as kept:
        check_cases(state_probed(double, cases))
    assert str(kept.value).startswith("x=5: your code keeps state between calls")
    assert "double(5) is off" in str(kept.value)  # the failure's own text follows
    # Invariant: the usual holders of kept state are listed, a class body's list among them.
    assert "a list or dict assigned in a class body" in str(kept.value)
    assert kept.value.margin > 1e5  # and its margin, for the mutant tests
    # a plain mistake fails on a fresh copy too: no word about state
    with pytest.raises(CheckFailure) as plain:
        check_cases(state_probed(wrong, cases))
    assert "between calls" not in str(plain.value) and "double(1) is off" in str(plain.value)
    # a call made before the check is caught in the first case too, probe_first or not
    stale = load_entry(answer, "double")
    stale(7)
    for probe_first in (True, False):
        with pytest.raises(CheckFailure, match="x=1: your code keeps state between calls"):
            check_cases(state_probed(stale, cases, probe_first=probe_first))
    # a crash after earlier calls is probed too (a table filled on the first call, then indexed)
    table = tmp_path / "table.py"
    table.write_text("_ROWS = []\n\n\ndef double(x):\n    if not _ROWS:\n"
                     "        _ROWS.extend(range(0, 2 * x + 1, 2))\n    return _ROWS[x]\n")
    with pytest.raises(CheckFailure, match="keeps state between calls.*IndexError: list index"):
        check_cases(state_probed(load_entry(table, "double"), cases))


def test_state_probed_sees_state_kept_between_the_calls_of_one_case(tmp_path, monkeypatch):
    import llmscratch.checking_tools as tools

    answer = tmp_path / "remembers.py"
    answer.write_text("_SEEN = {}\n\n\ndef square(x):\n    key = x % 2  # a bad cache key\n"
                      "    return _SEEN.setdefault(key, helper(x))\n\n\n"
                      "def helper(x):\n    return x * x\n\n\nclass Square:\n    seen = []\n\n"
                      "    def __call__(self, x):\n        self.seen.append(x * x)\n"
                      "        return self.seen[0]\n")
    square = load_entry(answer, "square")
    calls = []

    def three_calls(answer):  # one case, three calls: 1 and 3 share the bad key
        namespace = getattr(answer, "__globals__", {})
        real = namespace.get("helper")
        namespace["helper"] = lambda x: calls.append(x) or real(x)  # a check's spy
        try:
            got = [answer(x) for x in (1, 2, 3)]
        finally:
            namespace["helper"] = real
        if got != [1, 4, 9]:
            raise CheckFailure(f"square(1), square(2), square(3) gave {got}, not [1, 4, 9]")

    # the first case, not probed as a whole, is still probed call by call
    with pytest.raises(CheckFailure) as kept:
        check_cases(state_probed(square, [("three calls", three_calls)], probe_first=False))
    assert str(kept.value).startswith("three calls: your code keeps state between calls: "
                                      "with a freshly loaded copy of your file for every call")
    assert "gave [1, 4, 1], not [1, 4, 9]" in str(kept.value)
    assert calls == [1, 2, 3, 1, 2, 3]  # the spy saw the answer's calls and the copies' calls
    # a class is probed with one fresh copy for the whole case: one case sees nothing ...
    square_class = load_entry(answer, "Square")

    def class_case(answer):
        three_calls(lambda x: answer()(x))

    with pytest.raises(CheckFailure) as whole:
        check_cases(state_probed(square_class, [("class", class_case)]))
    assert "between calls" not in str(whole.value)
    # ... and a case of more calls than the per-call probe may load falls back to it too
    monkeypatch.setattr(tools, "FRESH_LOADS_AT_MOST", 2)
    with pytest.raises(CheckFailure) as capped:
        check_cases(state_probed(load_entry(answer, "square"), [("three calls", three_calls)]))
    assert "between calls" not in str(capped.value)


def test_state_probed_reruns_a_case_on_the_inputs_it_drew(tmp_path):
    import torch

    answer = tmp_path / "small_only.py"  # right for x < 5 only, and stateless
    answer.write_text("def same(x):\n    return x if x < 5 else -x\n")
    same = load_entry(answer, "same")
    g = torch.Generator().manual_seed(7)  # draws 5, then 2: a rerun on new draws would pass

    def drawn(answer):
        x = int(torch.randint(0, 10, (1,), generator=g))
        if answer(x) != x:
            raise CheckFailure(f"same({x}) gave {answer(x)}")

    def drawn_globally(answer):  # the same from PyTorch's global generator
        x = int(torch.randint(0, 10, (1,)))
        if answer(x) != x:
            raise CheckFailure(f"same({x}) gave {answer(x)}")

    for run in (drawn, drawn_globally):
        torch.manual_seed(7)
        g.manual_seed(7)
        with pytest.raises(CheckFailure) as plain:
            check_cases(state_probed(same, [("drawn", run)]))
        assert str(plain.value) == "drawn: same(5) gave -5"  # no word about state
    # a model that the failed run switched to eval mode or changed is put back for the rerun
    # (else the rerun finds it already so, sees the call change nothing, and passes)
    for change in ("model.eval()", "model.weight.data.fill_(1.0)"):
        answer = tmp_path / "changes.py"
        answer.write_text(f"def run(model):\n    {change}\n")
        model = torch.nn.Linear(2, 2)

        def left_as_given(answer, model=model):  # the model in its defaults
            before = (model.training, model.weight.detach().clone())
            answer(model)
            if model.training != before[0] or not torch.equal(model.weight, before[1]):
                raise CheckFailure("the call switched the model's mode or changed its weights")

        with pytest.raises(CheckFailure) as changed:
            check_cases(state_probed(load_entry(answer, "run"), [("mode", left_as_given)]))
        assert "between calls" not in str(changed.value)


def test_fresh_calls_right_reloads_the_answer_for_every_call(tmp_path):
    answer = tmp_path / "remembers.py"
    answer.write_text("_SEEN = []\n\n\ndef first(x):\n    _SEEN.append(x)\n"
                      "    return _SEEN[0]\n\n\ndef wrong(x):\n    return x + 1\n")
    first, wrong = load_entry(answer, "first"), load_entry(answer, "wrong")
    calls = [((1,), lambda got: got == 1), ((2,), lambda got: got == 2)]
    assert [first(1), first(2)] == [1, 1]  # one copy, called twice, remembers the first call
    assert fresh_calls_right(first, calls)  # a copy per call gets both right: state is kept
    assert first(3) == 1  # the answer under check is left as it was
    assert not fresh_calls_right(wrong, calls)  # a plain mistake: no evidence of state
    assert not fresh_calls_right(len, [(([1],), lambda got: got == 1)])  # no file to reload


def test_fresh_copy_and_answer_source_find_a_class_answers_file(tmp_path):
    # a class's module is gone from sys.modules once loaded, so inspect cannot name its file
    answer = tmp_path / "counter.py"
    answer.write_text("class Counter:\n    made = 0\n\n    def __init__(self):\n"
                      "        type(self).made += 1\n")
    counter = load_entry(answer, "Counter")
    counter()
    counter()
    assert counter.made == 2
    assert fresh_copy(counter).made == 0
    assert "type(self).made += 1" in answer_source(counter)
    assert answer_source(len) is None


@pytest.mark.parametrize("body, status", [
    ('raise NotImplementedError("your code here")', "not attempted"),
    # torch's own NotImplementedError is the learner's mistake, not an unfinished stub
    ("return torch.nn.functional.cross_entropy(torch.tensor([1, 0]), x)", "failed"),
    ("return torch.nn.Module()(x)", "failed"),
])
def test_only_the_learners_own_not_implemented_means_not_attempted(tmp_path, body, status):
    answer = tmp_path / "answer.py"
    answer.write_text(f"import torch\n\n\ndef f(x):\n    {body}\n")

    def check(impl):
        impl(__import__("torch").randn(2, 3))

    result = run_check(Exercise(id="t", file="answer.py", entry="f", title="t", check=check),
                       answer)
    assert result.status == status, result.message


def test_a_learners_assert_is_reported_with_the_input_it_failed_on(tmp_path):
    answer = tmp_path / "answer.py"
    answer.write_text("def f(ids):\n    assert len(ids) > 1\n    return ids[:2]\n")

    def check(impl):
        call_answer(impl, ([1, 2, 3],), "for ids=[1, 2, 3]")
        call_answer(impl, ([7],), "for ids=[7]")

    result = run_check(Exercise(id="t", file="answer.py", entry="f", title="t", check=check),
                       answer)
    assert result.status == "failed", result.message
    assert result.message.startswith("for ids=[7]: your code raised AssertionError (line 2 of "
                                     "answer.py)"), result.message
    assert "An assert of yours failed" in result.message
    # a check's own CheckFailure raised inside the answer's call is not taken for the learner's
    def strict(impl):
        call_answer(lambda: (_ for _ in ()).throw(CheckFailure("wrong sizes")), (), "x")

    result = run_check(Exercise(id="t", file="answer.py", entry="f", title="t", check=strict),
                       answer)
    assert (result.status, result.message) == ("failed", "wrong sizes")


def test_a_module_without_nn_modules_setup_is_the_learners_failure_not_the_checks(tmp_path):
    # without super().__init__() torch raises from its own code when the module is called, so
    # no line of the answer is on the stack; it is still the answer's mistake, with its cause
    answer = tmp_path / "answer.py"
    answer.write_text("import torch\n\n\nclass Twice(torch.nn.Module):\n"
                      "    def __init__(self):\n        pass\n\n"
                      "    def forward(self, x):\n        return 2 * x\n")

    def check(impl):
        impl()(__import__("torch").ones(2))

    result = run_check(Exercise(id="t", file="answer.py", entry="Twice", title="t",
                                check=check), answer)
    assert result.status == "failed", result.message
    assert "call super().__init__() as the first line" in result.message


def test_hints_do_not_depend_on_a_warning_spent_earlier_in_the_process():
    # PyTorch warns about .T on a tensor that is not 2-D once per process; a check that read
    # that warning named the wrong cause whenever an earlier check had used such a .T (found
    # when pytest-xdist ran the tests in another order).
    import torch

    reversed_dims = torch.ones(2, 3, 4).T  # spends the warning, as an earlier check may have
    assert reversed_dims.shape == (4, 3, 2)
    path = MUTANTS / "ch03" / "ex3_8_multihead_attention__keys_T.py"
    result = run_check(_exercise_of(path), path)
    assert result.status == "failed"
    assert _constants(path)["EXPECTED_CAUSE"] in result.message, result.message


def test_every_check_starts_from_the_same_seed_and_puts_the_callers_generators_back(
        tmp_path, monkeypatch):
    import random

    import numpy as np

    answer = tmp_path / "answer.py"
    # the answer draws too, at import and in its call: both come from the seeded generators
    answer.write_text("import random\n\nimport torch\n\nOFFSET = random.random()\n\n\n"
                      "def f(x):\n    return x + torch.rand(1).item() + OFFSET\n")

    def check(impl):
        got = impl(float(np.random.rand()) + torch.rand(1).item())
        raise CheckFailure(f"drew {got!r}")

    exercise = Exercise(id="t", file="answer.py", entry="f", title="t", check=check)
    # an accelerator's generator cannot be put back here, so a check must leave it alone
    reseeded = []
    monkeypatch.setattr(torch.cuda, "manual_seed_all", reseeded.append)
    monkeypatch.setattr(torch.mps, "manual_seed", reseeded.append)
    torch.manual_seed(5), random.seed(5), np.random.seed(5)
    reseeded.clear()
    first = run_check(exercise, answer)
    assert reseeded == [], "a check reseeded an accelerator's random generator"
    after_first = (torch.rand(1).item(), random.random(), float(np.random.rand()))
    torch.manual_seed(6), random.seed(6), np.random.seed(6)
    second = run_check(exercise, answer)
    # Invariant: the same answer gets the same verdict and message, whatever came before.
    assert (first.status, first.message) == (second.status, second.message)
    assert first.message.startswith("drew ")
    # Invariant: the caller's generators continue as if no check had run.
    torch.manual_seed(5), random.seed(5), np.random.seed(5)
    assert after_first == (torch.rand(1).item(), random.random(), float(np.random.rand()))


def test_a_constructor_that_changes_its_config_is_reported(tmp_path):
    answer = tmp_path / "answer.py"
    answer.write_text("import torch\n\n\nclass Layer(torch.nn.Module):\n"
                      "    def __init__(self, cfg):\n        super().__init__()\n"
                      "        self.width = cfg.pop('emb_dim')\n\n"
                      "    def forward(self, x):\n        return x\n")

    def check(impl):
        # the class is the learner's own object: isinstance and the signature still work
        layer = impl({"emb_dim": 4, "n_heads": 2})
        assert isinstance(layer, impl) and list(inspect.signature(impl).parameters) == ["cfg"]

    exercise = Exercise(id="t", file="answer.py", entry="Layer", title="t", check=check)
    result = run_check(exercise, answer)
    # Invariant: a class that takes the caller's dict apart fails like a function would.
    assert result.status == "failed", result.message
    assert result.message.startswith("Layer(...) changed its argument `cfg` in place"), \
        result.message
    answer.write_text(answer.read_text().replace("cfg.pop('emb_dim')", "cfg['emb_dim']"))
    assert run_check(exercise, answer).status == "passed"


def test_routing_check_keeps_every_scores_tensor_alive(tmp_path):
    """ex4_23's kept mutant caches routes by data_ptr(): were a scores tensor freed during the
    check, the allocator could hand a later case its memory and the cache would answer that
    case from an earlier one, naming kept state instead of the identity key (seen once in CI).
    """
    exercise = next(ex for ch, ex in EXERCISES if ex.id == "ex4_23")
    freed = tmp_path / "freed.txt"
    answer = tmp_path / "answer.py"
    answer.write_text(
        "import weakref\n\nimport torch\n\nSEEN = []\n\n\n"
        "def route_tokens(router_logits, k):\n"
        f"    if any(ref() is None for ref in SEEN):\n        open({str(freed)!r}, 'w').close()\n"
        "    if router_logits.device.type != 'meta' and router_logits.numel():\n"
        "        SEEN.append(weakref.ref(router_logits))\n"
        "    top, experts = torch.topk(router_logits, k, dim=-1)\n"
        "    return experts, torch.softmax(top, dim=-1)\n")
    result = run_check(exercise, answer)
    assert result.status == "passed", result.message
    # Invariant: no scores tensor handed to the answer is freed while the check runs.
    assert not freed.exists()
