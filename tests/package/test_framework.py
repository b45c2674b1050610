"""The exercise checker and the notebook parity check, tested on small made-up cases.

These prove the machinery itself can fail: a wrong answer is reported as failed (with the
learner's line number when it crashes), a stub as not attempted, and a notebook class that drifts
from the package is caught by name.
"""

from __future__ import annotations

import importlib.util
import textwrap
from pathlib import Path

import pytest
import torch

from llmscratch.checking import (
    CheckFailure,
    assert_close,
    check_chapter,
    format_results,
    normalize_chapter,
)

ROOT = Path(__file__).resolve().parents[2]

CHECKS = '''
from llmscratch.checking import CheckFailure, Exercise, assert_close

def check_double(impl):
    got = impl(21)
    if got != 42:
        raise CheckFailure(f"double(21) gave {got!r}, expected 42: multiply by two.")

EXERCISES = [Exercise(id="ex2_1", file="ex2_1_double.py", entry="double",
                      title="Double a number", check=check_double)]
'''


def _fake_project(tmp_path: Path, answer: str) -> Path:
    (tmp_path / "llmscratch").mkdir()
    (tmp_path / "tests" / "exercises").mkdir(parents=True)
    (tmp_path / "tests" / "exercises" / "ch02.py").write_text(CHECKS)
    folder = tmp_path / "ch02_tokenizing" / "exercises"
    folder.mkdir(parents=True)
    (folder / "ex2_1_double.py").write_text(textwrap.dedent(answer))
    return tmp_path


@pytest.mark.parametrize(
    "answer, status, words",
    [
        ("def double(x):\n    return 2 * x\n", "passed", ""),
        ("def double(x):\n    raise NotImplementedError\n", "not attempted", "NotImplementedError"),
        ("def double(x):\n    return x + 2\n", "failed", "gave 23, expected 42"),
        ("def double(x):\n    return x / None\n", "failed", "TypeError"),
        ("def triple(x):\n    return 3 * x\n", "failed", "defines no 'double'"),
    ],
)
def test_check_statuses(tmp_path, answer, status, words):
    root = _fake_project(tmp_path, answer)
    [result] = check_chapter("ch02", which="exercises", root=root)
    # Invariant: each kind of answer gets its own status and an explanation.
    assert result.status == status, result.message
    assert words in result.message
    if "TypeError" in words:
        # Invariant: a crash points at the learner's own line.
        assert "line 2 of ex2_1_double.py" in result.message
    assert "1 passed" in format_results([result]) or status != "passed"


@pytest.mark.parametrize(
    "answer, status, words",
    [
        # a method named without its call: the line does nothing, and the check fails
        ("class _M:\n    def eval(self):\n        return 2\n\n\ndef double(x):\n"
         "    m = _M()\n    m.eval\n    return x + 2\n", "failed",
         "Line 8 of ex2_1_double.py, `m.eval`, names a method without calling it"),
        # the same slip in a passing answer gets no verdict: the check decides
        ("def double(x):\n    x.real\n    return 2 * x\n", "passed", ""),
        # a value attribute on a line of its own (x.T) is idle, not a forgotten call
        ("import torch\n\n\ndef double(x):\n    torch.ones(2, 2).T\n    return x + 2\n",
         "failed", "gave 23"),
        # a new tensor made and thrown away: the receiver is unchanged
        ("import torch\n\n\ndef double(x):\n    t = torch.tensor(x)\n    t.mul(2)\n"
         "    return int(t)\n", "failed",
         "Line 6 of ex2_1_double.py: `t.mul(2)` returns a new object and this line throws it "
         "away, so `t` is left as it was: keep the result, `t = t.mul(2)`"),
        ("def double(x):\n    parts = [x, x]\n    sorted(parts)\n    return parts[0]\n",
         "failed", "or sort in place with `parts.sort()`"),
        # a module's .to changes it in place: no note; a set's add is called for its effect
        ("import torch\n\n\ndef double(x):\n    model = torch.nn.Linear(1, 1)\n"
         "    model.to('cpu')\n    seen = set()\n    seen.add(x)\n    return x + 2\n",
         "failed", "gave 23"),
        # an accumulator returned one indent too deep, under an if inside the loop
        ("def double(x):\n    total = []\n    for part in (x, x):\n        if part:\n"
         "            total.append(part)\n            return total\n", "failed",
         "Line 6 of ex2_1_double.py: this `return` sits straight inside the loop that starts "
         "on line 3"),
        ("def double(x):\n    total = 0\n    for part in (x, x):\n        total += part\n"
         "        return total\n", "failed", "so the function returns during the loop's first"),
        # a guard that returns what was built so far is no slip either
        ("import math\n\n\ndef double(x):\n    seen = []\n    for part in (x, x):\n"
         "        seen.append(part)\n        if math.isnan(part):\n            return seen\n"
         "    return sum(seen) + 1\n", "failed", "gave 43"),
        # a search that returns what it found is no slip
        ("def double(x):\n    for part in (x, 2 * x):\n        if part > x:\n"
         "            return part + 1\n", "failed", "gave 43"),
    ],
)
def test_a_failing_answer_hears_of_a_method_named_without_its_call(tmp_path, answer, status,
                                                                   words):
    root = _fake_project(tmp_path, answer)
    [result] = check_chapter("ch02", which="exercises", root=root)
    # Invariant: a failing answer's message names each line that holds only a method's name
    # (model.eval, optimizer.zero_grad), since that line does nothing.
    assert result.status == status, result.message
    assert words in result.message
    if status == "failed" and words.startswith("gave"):
        # Invariant: no note where nothing is idle (a module's .to, a set's add, a search).
        assert "\n" not in result.message, result.message


@pytest.mark.parametrize(
    "solution, answer, status, words",
    [
        # a renamed parameter: right values, but a caller passing x=... breaks
        ("def double(x):\n    return 2 * x\n", "def double(n):\n    return 2 * n\n", "failed",
         "(`n` where the stub has `x`): code that passes the arguments by name, such as "
         "double(..., x=...), fails with yours"),
        # more parameters after the stub's, with defaults: fine
        ("def double(x):\n    return 2 * x\n",
         "def double(x, factor=2):\n    return factor * x\n", "passed", ""),
        # the stub's names in another order (the check only passes one argument)
        ("def double(x, factor=2):\n    return factor * x\n",
         "def double(factor=2, x=None):\n    return 2 * (x if x is not None else factor)\n",
         "failed", "the same names in another order"),
        # a class: its __init__ without self
        ("class double(int):\n    def __new__(cls, x):\n        return 2 * x\n\n"
         "    def __init__(self, x):\n        pass\n",
         "class double(int):\n    def __new__(cls, v):\n        return 2 * v\n\n"
         "    def __init__(self, v):\n        pass\n", "failed",
         "your double.__init__ takes (v)"),
        # **kwargs takes any name: no verdict on the def line
        ("def double(x):\n    return 2 * x\n",
         "def double(*args, **kwargs):\n    return 2 * args[0]\n", "passed", ""),
    ],
)
def test_a_passing_answer_must_keep_the_stubs_parameters(tmp_path, monkeypatch, solution,
                                                         answer, status, words):
    root = _fake_project(tmp_path, answer)
    (root / "ch02_tokenizing" / "solutions").mkdir()
    (root / "ch02_tokenizing" / "solutions" / "ex2_1_double.py").write_text(solution)
    monkeypatch.chdir(root)
    [result] = check_chapter("ch02", root=root)
    # Invariant: an answer whose values pass still fails when its def line renames or
    # reorders the stub's parameters, since callers pass them by name or position.
    assert result.status == status, result.message
    assert words in result.message


def test_assert_close_says_how_far_off():
    assert_close(torch.ones(3), torch.ones(3), what="x")
    with pytest.raises(CheckFailure, match=r"max difference 0\.5.*sqrt"):
        assert_close(torch.tensor([1.0, 1.5]), torch.ones(2), what="weights", hint="sqrt?")
    with pytest.raises(CheckFailure, match="shape"):
        assert_close(torch.ones(2, 3), torch.ones(3, 2), what="weights")
    # with a relative tolerance, the entry named is the one past its allowance, not the one
    # with the largest difference (1 off 1000 is within 1%; 0.5 off 1 is not)
    with pytest.raises(CheckFailure, match=r"off at position 1: yours 1\.5, expected 1 "
                                           r"\(difference there 0\.5; allowed there 0\.01"):
        assert_close(torch.tensor([1001.0, 1.5]), torch.tensor([1000.0, 1.0]), what="x",
                     atol=0.0, rtol=0.01)


def test_assert_close_builds_a_callable_hint_only_on_failure():
    asked = []

    def costly_hint():
        asked.append(1)
        return "the replay of a mistake matches"

    assert_close(torch.ones(3), torch.ones(3), what="x", hint=costly_hint)
    # Invariant: a passing comparison never runs the hint's replay.
    assert asked == []
    with pytest.raises(CheckFailure, match="the replay of a mistake matches"):
        assert_close(torch.zeros(3), torch.ones(3), what="x", hint=costly_hint)
    assert asked == [1]
    with pytest.raises(CheckFailure, match=r"has shape \(2,\), expected \(3,\)\. the replay"):
        assert_close(torch.zeros(2), torch.ones(3), what="x", hint=costly_hint)


def test_normalize_chapter_accepts_common_spellings():
    assert normalize_chapter("ch3") == "ch03"
    assert normalize_chapter("ch03_attention/") == "ch03"
    assert normalize_chapter("A") == "appendix_a"
    with pytest.raises(ValueError):
        normalize_chapter("ch09")


def _parity():
    spec = importlib.util.spec_from_file_location("_parity", ROOT / "tests" / "parity.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Ref(torch.nn.Module):
    def __init__(self, d_in, d_out):
        super().__init__()
        self.W_query = torch.nn.Linear(d_in, d_out)
        self.W_key = torch.nn.Linear(d_in, d_out)

    def forward(self, x):
        return self.W_query(x) * self.W_key(x)


class SwappedOrder(Ref):
    def __init__(self, d_in, d_out):
        torch.nn.Module.__init__(self)
        self.W_key = torch.nn.Linear(d_in, d_out)
        self.W_query = torch.nn.Linear(d_in, d_out)


class WrongForward(Ref):
    def forward(self, x):
        return self.W_query(x) + self.W_key(x)


CASE = {"kwargs": lambda: dict(d_in=3, d_out=2), "inputs": lambda: (torch.rand(4, 3),)}


def test_parity_accepts_equal_and_names_each_kind_of_drift():
    parity = _parity()
    # Invariant: an identical class raises no problem.
    assert parity.compare_object("Ref", Ref, Ref, CASE) == []
    # Invariant: creation order (different seeded weights) is caught.
    assert any("initial weight" in p for p in parity.compare_object("Ref", SwappedOrder, Ref, CASE))
    # Invariant: a different forward is caught with the size of the difference.
    assert any("max difference" in p for p in parity.compare_object("Ref", WrongForward, Ref, CASE))

    def f(a, b=2):
        return a * b

    def g(a, c=2):
        return a * c

    # Invariant: a changed signature is caught.
    assert any("signature" in p for p in parity.compare_object("f", g, f, {"inputs": lambda: (3,)}))


def test_parity_reports_missing_cases():
    parity = _parity()

    def get_device():  # a notebook function named like a package export, with no parity case
        return "cpu"

    get_device.__module__ = "__main__"
    report = parity.compare_namespace({"get_device": get_device}, "no_such_chapter")
    # Invariant: an exported name without a case is reported, never silently skipped.
    assert report["checked"] == ["get_device"] and "no case" in report["problems"][0]
