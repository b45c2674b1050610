"""The argument guard around every exercise answer: a change in place is reported, whatever the
exercise's own check looks at, and nothing else is (NaN, modules, spies, a correct answer)."""

from __future__ import annotations

import inspect
import textwrap

import pandas as pd
import pytest
import torch

from llmscratch.checking import CheckFailure, Exercise, run_check
from llmscratch.checking_guard import GuardedAnswer, _matmul_precision, guard_arguments


def _answer(tmp_path, body, name="answer.py"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def _exercise(check):
    return Exercise(id="gx", file="answer.py", entry="solve", title="Guard", check=check)


def _calls_once(*args):
    """A check that calls the answer once with ``args`` and accepts whatever it returns."""
    def check(impl):
        impl(*(a() if callable(a) else a for a in args))
    return check


@pytest.mark.parametrize("body, arg, words", [
    ("def solve(ids):\n    ids.append(0)\n    return ids\n", lambda: [1, 2],
     "changed its argument `ids` in place: it had 2 items, now 3"),
    ("def solve(cfg):\n    cfg['drop_rate'] = 0.0\n    return cfg\n", lambda: {"emb_dim": 4},
     "keys added: 'drop_rate'"),
    ("def solve(x):\n    x /= 2\n    return x\n", lambda: torch.ones(2, 3),
     "6 of its 6 values changed"),
    ("def solve(rows):\n    rows[1].pop()\n    return rows\n", lambda: [[1, 2], [3, 4]],
     "item 1: it had 2 items, now 1"),
    ("def solve(df):\n    df['b'] = 0\n    return df\n",
     lambda: pd.DataFrame({"a": [1], "b": [2]}), "its contents changed"),
])
def test_a_change_in_place_fails_an_answer_the_check_would_pass(tmp_path, body, arg, words):
    result = run_check(_exercise(_calls_once(arg)), _answer(tmp_path, body))
    # Invariant: the caller's data must come back as it was given.
    assert result.status == "failed", result.message
    assert words in result.message and "work on a copy" in result.message


def test_entries_replaced_in_the_callers_list_are_named_as_such(tmp_path):
    body = ("def solve(batch):\n    for i, item in enumerate(batch):\n"
            "        batch[i] = item + [0]  # the item is copied, the caller's list is not\n"
            "    return batch\n")
    result = run_check(_exercise(_calls_once(lambda: [[1, 2], [3]])), _answer(tmp_path, body))
    # Invariant: a learner who did copy each item is told what they changed: the outer list.
    assert result.status == "failed", result.message
    assert "2 entries of the caller's list (0, 1) now hold other objects" in result.message
    assert "batch[i] = ..." in result.message and "work on a copy" not in result.message


@pytest.mark.parametrize("body, arg", [
    ("def solve(ids):\n    ids = ids + [0]\n    return ids\n", lambda: [1, 2]),
    ("def solve(x):\n    return x / 2\n", lambda: torch.tensor([float('nan'), 1.0])),
    # plain floats too: a NaN in a list of rows is not "changed" because nan != nan
    ("def solve(rows):\n    return [list(r) for r in rows]\n",
     lambda: [[float('nan'), 1.0], (float('inf'), float('nan'))]),
    ("def solve(model):\n    model.weight.data.zero_()\n    return model\n",
     lambda: torch.nn.Linear(2, 2)),
    ("def solve(p):\n    p.data.zero_()\n    return p\n",
     lambda: torch.nn.Parameter(torch.ones(2))),
    ("def solve(x):\n    return x\n", lambda: torch.empty(3, device="meta")),
])
def test_copies_nan_modules_and_parameters_are_not_changes(tmp_path, body, arg):
    result = run_check(_exercise(_calls_once(arg)), _answer(tmp_path, body))
    # Invariant: a correct answer passes; NaN equals NaN here; models may be changed.
    assert result.status == "passed", result.message


def test_the_checks_own_words_about_a_change_in_place_come_first(tmp_path):
    def check(impl):
        x = torch.ones(3)
        impl(x)
        if not torch.equal(x, torch.ones(3)):
            raise CheckFailure("the logits were divided in place (logits /= temperature?)")
    result = run_check(_exercise(check), _answer(tmp_path, "def solve(x):\n    x /= 2\n"))
    assert result.message == "the logits were divided in place (logits /= temperature?)"


def test_a_failure_that_misses_the_change_is_led_by_it(tmp_path):
    def check(impl):
        vocab = {"a": 0}
        if impl(vocab, "b") != 99:
            raise CheckFailure("unknown words must map to <|unk|> (id 99)")
    body = "def solve(vocab, word):\n    return vocab.setdefault(word, len(vocab))\n"
    result = run_check(_exercise(check), _answer(tmp_path, body))
    assert result.message.startswith("solve changed its argument `vocab` in place: keys "
                                     "added: 'b'")
    assert result.message.endswith("which may only follow from it: unknown words must map to "
                                   "<|unk|> (id 99)")


def test_a_spy_tensor_does_not_see_the_guard():
    seen = []

    class Spy(torch.Tensor):
        @classmethod
        def __torch_function__(cls, func, types, args=(), kwargs=None):
            seen.append(getattr(func, "__name__", func))
            return super().__torch_function__(func, types, args, kwargs)

    spy = torch.arange(4).as_subclass(Spy)

    def solve(x):
        return 7

    guarded = guard_arguments(solve)
    seen.clear()
    assert guarded(spy) == 7 and guarded.change is None
    # Invariant: a check's spy records the learner's operations only, not the guard's copies.
    assert seen == []


def test_the_guarded_answer_looks_like_the_answer():
    def solve(a, b=2):
        """Add."""
        return a + b

    guarded = guard_arguments(solve)
    assert isinstance(guarded, GuardedAnswer)
    assert guarded.__name__ == "solve" and guarded.__doc__ == "Add."
    assert guarded.__globals__ is solve.__globals__  # checks replace names in the answer's module
    assert str(inspect.signature(guarded)) == "(a, b=2)"
    assert guard_arguments(torch.nn.Linear) is torch.nn.Linear  # classes are left as they are


def test_a_changed_package_constant_fails_and_is_put_back(tmp_path):
    from llmscratch import GPT_CONFIG_124M

    before = dict(GPT_CONFIG_124M)
    body = """
        from llmscratch import GPT_CONFIG_124M


        def solve():
            GPT_CONFIG_124M.update(emb_dim=1600, n_layers=48)
            return GPT_CONFIG_124M
    """
    result = run_check(_exercise(lambda impl: impl()), _answer(tmp_path, body))
    # Invariant: the package's configs are shared by everything that runs later; an answer that
    # edits one fails, and the checker restores it.
    assert result.status == "failed", result.message
    assert "changed llmscratch's GPT_CONFIG_124M" in result.message
    assert "key 'emb_dim': it was 768, now 1600" in result.message
    assert GPT_CONFIG_124M == before


def test_a_restored_config_keeps_the_identity_of_its_inner_dicts(tmp_path):
    from llmscratch import GPT2_CONFIGS

    small = next(iter(GPT2_CONFIGS.values()))
    before = dict(small)
    body = """
        from llmscratch import GPT2_CONFIGS


        def solve():
            next(iter(GPT2_CONFIGS.values()))["emb_dim"] = 1
            return 0
    """
    result = run_check(_exercise(lambda impl: impl()), _answer(tmp_path, body))
    assert result.status == "failed", result.message
    # Invariant: code that held an entry of the config table still holds the live entry.
    assert next(iter(GPT2_CONFIGS.values())) is small and small == before


def test_a_changed_constant_is_put_back_when_the_check_fails_too(tmp_path):
    from llmscratch import GPT2_CONFIGS

    before = {k: dict(v) for k, v in GPT2_CONFIGS.items()}
    body = """
        from llmscratch import GPT2_CONFIGS


        def solve():
            GPT2_CONFIGS.clear()
            return 0
    """

    def check(impl):
        if impl() != 1:
            raise CheckFailure("expected 1")
    result = run_check(_exercise(check), _answer(tmp_path, body))
    assert "changed llmscratch's GPT2_CONFIGS" in result.message
    assert result.message.endswith("which may only follow from it: expected 1")
    assert GPT2_CONFIGS == before


@pytest.mark.parametrize("body, words", [
    ("def solve():\n    torch.set_default_dtype(torch.float64)\n    return 1\n",
     "the default dtype to torch.float64"),
    ("def solve():\n    torch.set_grad_enabled(False)\n    return 1\n", "the grad mode"),
    ("def solve():\n    torch.set_default_device('meta')\n    return 1\n",
     "the default device to meta"),
    # on a machine without CUDA, torch.get_default_device() itself raises once this is set
    ("def solve():\n    torch.set_default_device('cuda')\n    return 1\n",
     "the default device to cuda"),
    # "cpu" is the device torch reports anyway, but the device mode it pushes stays on and puts
    # a torch frame at the end of every later traceback (hints that read the answer's line)
    ("def solve():\n    torch.set_default_device('cpu')\n    return 1\n",
     "the default device to cpu"),
    # the book's training scripts lower it for speed; on a GPU every later float32 product
    # of the caller would round its inputs
    ("def solve():\n    torch.set_float32_matmul_precision('high')\n    return 1\n",
     "the float32 matmul precision to 'high'"),
    ("def solve():\n    torch.backends.cuda.matmul.allow_tf32 = True\n    return 1\n",
     "the float32 matmul precision to 'high'"),
    # the newer API: the older getter then refuses to answer ("mixed")
    ("def solve():\n    torch.backends.cuda.matmul.fp32_precision = 'tf32'\n    return 1\n",
     "the float32 matmul precision to fp32_precision 'tf32'"),
    # a training loop that asks for reproducible kernels: every later op without a
    # deterministic kernel would raise in the caller's code
    ("def solve():\n    torch.use_deterministic_algorithms(True)\n    return 1\n",
     "the deterministic-algorithms switch to on"),
    ("def solve():\n    torch.use_deterministic_algorithms(True, warn_only=True)\n"
     "    return 1\n", "the deterministic-algorithms switch to on (warn only)"),
    # a debugging switch left on: every later backward is slow, and a NaN in it raises
    ("def solve():\n    torch.autograd.set_detect_anomaly(True)\n    return 1\n",
     "autograd's anomaly mode to on"),
])
def test_changed_torch_defaults_fail_and_are_put_back(tmp_path, body, words):
    before = (torch.get_default_dtype(), torch.get_default_device(), torch.is_grad_enabled())
    precision = _matmul_precision()
    result = run_check(_exercise(lambda impl: impl()), _answer(tmp_path, "import torch\n\n\n"
                                                                + body))
    # Invariant: a global default changed by one answer would break every later check in the
    # same run; the answer fails and the default is restored.
    assert result.status == "failed", result.message
    assert words in result.message and "global settings" in result.message
    assert (torch.get_default_dtype(), torch.get_default_device(),
            torch.is_grad_enabled()) == before
    assert getattr(torch._GLOBAL_DEVICE_CONTEXT, "device_context", None) is None
    assert _matmul_precision() == precision
    assert not torch.are_deterministic_algorithms_enabled()
    assert not torch.is_deterministic_algorithms_warn_only_enabled()
    assert not torch.is_anomaly_enabled() and torch.is_anomaly_check_nan_enabled()


def test_a_check_that_crashes_after_a_changed_default_names_the_change(tmp_path):
    def check(impl):
        impl()
        weight = torch.ones(2, requires_grad=True)
        (weight * 2).sum().backward()  # the check's own replay; fails with grad mode off

    body = "import torch\n\n\ndef solve():\n    torch.set_grad_enabled(False)\n    return 1\n"
    result = run_check(_exercise(check), _answer(tmp_path, body))
    # Invariant: a crash that follows from the answer's change is the answer's failure, named
    # by the change, not a checker error.
    assert result.status == "failed", result.message
    assert result.message.startswith("your code changed PyTorch's global settings"), \
        result.message
    assert "the grad mode" in result.message and "may only follow from it" in result.message
    assert torch.is_grad_enabled()
