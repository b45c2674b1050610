"""Checks for the Appendix A exercises (a PyTorch primer).

Each check gets the entry point loaded from the file under test and raises ``CheckFailure`` with
a message that says what is wrong, how far off, and the likely cause. Expected values come from
``llmscratch.pytorch_basics`` (the verified reference), from arithmetic, and from
``torch.utils.data.DistributedSampler`` itself.

Longer than our usual 400 lines on purpose: each check replays many known mistakes on two
or more configurations, and the checks of a chapter share their helpers (models, inputs,
replays); ``<chapter>_<part>.py`` files hold separate parts such as the bonus exercises.
"""

from __future__ import annotations

import ast
import copy
import functools
import inspect
import linecache
import math
import numbers
import os
import re
import textwrap
import traceback
from pathlib import Path

import torch
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

from llmscratch import NeuralNetwork, ToyDataset, make_toy_data, train_toy_model
from llmscratch.checking import (
    CheckFailure,
    Exercise,
    assert_close,
    call_answer,
    check_cases,
    describe_difference,
    describe_elementwise,
    fresh_calls_right,
    fresh_copy,
    likely_cause,
    non_contiguous,
    one_thread,
    same_under_two_seeds,
    state_probed,
)
from llmscratch.checking_guard import _device_context, restore_torch_settings, torch_settings
from llmscratch.checking_tools import ANSWER_MODULE_PREFIX, STATE_KEPT


def _toy_loader(batch_size=2, shuffle=False, drop_last=False):
    X_train, y_train, _, _ = make_toy_data()
    return DataLoader(ToyDataset(X_train, y_train), batch_size=batch_size, shuffle=shuffle,
                      drop_last=drop_last)


# --- exA_1: counting parameters ----------------------------------------------------------------


_EVAL_MODE_CAUSE = ("your count depends on the model's mode: you read m.training (or "
                    "model.training), which only switches dropout and batch norm between "
                    "training and evaluation; whether a parameter trains is p.requires_grad, "
                    "in either mode")


def _eval_mode_count(impl):
    """``impl``'s count of NeuralNetwork(2, 2) in eval mode (752 if right), or None if it
    fails."""
    try:
        return impl(NeuralNetwork(2, 2).eval())
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return None


def _mixed_model():
    """Embedding (21) + LayerNorm (6) + Linear (20) + BatchNorm1d (10) = 57 parameters, and
    BatchNorm's 11 buffer numbers, which are not parameters."""
    torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Embedding(7, 3), torch.nn.LayerNorm(3),
                               torch.nn.Linear(3, 5), torch.nn.BatchNorm1d(5))


class _ScaledNorm(torch.nn.Module):
    """A norm whose parameters are called ``scale`` and ``shift`` (like the book's LayerNorm)."""

    def __init__(self, dim):
        super().__init__()
        self.scale = torch.nn.Parameter(torch.ones(dim))
        self.shift = torch.nn.Parameter(torch.zeros(dim))

    def forward(self, x):
        return self.scale * x + self.shift


def _named_model():
    """Embedding(5, 2) (10) + Linear(2, 3) (9) + a norm of 3 with ``scale`` and ``shift`` (6) =
    25 parameters, two of them named neither weight nor bias, nested one level down."""
    torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Sequential(torch.nn.Embedding(5, 2),
                                                   torch.nn.Linear(2, 3), _ScaledNorm(3)))


class _OwnParameter(torch.nn.Module):
    """A module with a parameter of its own beside child layers: its ``weight`` (5 x 3 = 15)
    + LayerNorm(3) (6) + Linear(3, 2) (8) = 29 parameters."""

    def __init__(self):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.zeros(5, 3))
        self.norm = torch.nn.LayerNorm(3)
        self.out = torch.nn.Linear(3, 2)


class _Tied(torch.nn.Module):
    """An embedding and an output layer sharing one weight (weight tying, as GPT-2 does):
    Embedding(6, 4) (24, counted once) + LayerNorm(4) (8) = 32 parameters, and a buffer."""

    def __init__(self):
        super().__init__()
        self.register_buffer("mask", torch.ones(3))
        self.emb = torch.nn.Embedding(6, 4)
        self.norm = torch.nn.LayerNorm(4)
        self.head = torch.nn.Linear(4, 6, bias=False)
        self.head.weight = self.emb.weight


class _Positions(torch.nn.Module):
    """Token embedding (6 x 2 = 12) + a learned position embedding named ``pos_emb``
    (4 x 2 = 8) + Linear(2, 3) (9) = 29 parameters, as in a tiny GPT."""

    def __init__(self):
        super().__init__()
        self.tok_emb = torch.nn.Embedding(6, 2)
        self.pos_emb = torch.nn.Embedding(4, 2)
        self.out = torch.nn.Linear(2, 3)


class _ConvScalar(torch.nn.Module):
    """Conv1d(2, 3, kernel_size=4): a 3-D weight of 3 * 2 * 4 = 24 and a bias of 3, plus a
    scalar (0-d) temperature: 28 parameters."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv1d(2, 3, kernel_size=4)
        self.temperature = torch.nn.Parameter(torch.tensor(1.0))


def check_count_parameters(impl):
    """Thirteen models counted in turn, then one model counted again after a layer is frozen, eval
    mode, and more models: each a case of its own, so that a failure that freshly loaded
    copies of the answer avoid is named as state kept between calls."""
    check_cases(state_probed(impl, probe_first=False, cases=[
        ("thirteen models", _check_counts),
        ("one model counted again after a layer is frozen", _check_count_again),
        ("a model in eval mode", _check_eval_mode),
        ("a layer frozen in part", _check_partly_frozen),
        ("a model holding gradients", _check_count_with_grads),
        ("a model on 'meta'", _check_meta_model),
        ("a complex parameter", _check_complex_model),
        ("parameters of two dtypes", _check_mixed_dtypes),
        ("a weight and a bias that are views of one tensor", _check_flat_views),
        ("two norms holding equal values", _check_twin_norms),
        ("a pruned layer", _check_pruned_layer),
        ("a weight not stored contiguously", _check_non_contiguous),
        ("a count past 2**31", _check_large_model),
        ("a large model with a scalar parameter", _check_large_scalar),
        ("a parameter of a subclass of nn.Parameter", _check_parameter_subclass),
        ("a layer named module", _check_module_attribute),
        ("an optional submodule left as None", _check_none_submodule),
        ("a count inside torch.no_grad()", _check_count_no_grad),
        ("a buffer that requires grad", _check_grad_buffer)]))


def _check_grad_buffer(impl):
    """A buffer made with requires_grad=True (a tensor kept beside the weights, such as one
    derived from a weight at construction): it is still a buffer, not a parameter, so the
    optimizer never sees it and it does not count, whatever its requires_grad says."""
    model = NeuralNetwork(2, 2)
    model.register_buffer("scale", torch.ones(5, requires_grad=True))
    what = ("count_parameters(NeuralNetwork(2, 2) with a buffer of 5 numbers registered with "
            "requires_grad=True)")
    got = call_answer(impl, (model,), what)
    if isinstance(got, int) and got == 752:
        return
    how = ("you counted the buffer because it requires grad: your code walks the buffers too "
           "(model.buffers(), or state_dict(keep_vars=True), beside the parameters) and keeps "
           "every tensor with requires_grad; a buffer is never a parameter (the optimizer "
           "gets model.parameters() only), so count model.parameters() alone"
           if got == 757 else "the model's parameters are those of NeuralNetwork(2, 2), 752; "
           "a registered buffer adds none, whatever its requires_grad")
    raise CheckFailure(f"{what} returned {got!r}, expected 752 (the buffer is not a "
                       f"parameter): {how}")


def _check_non_contiguous(impl):
    """A first-layer weight stored transposed (as ``w.t()`` or a channels_last layout leaves
    it): every parameter still counts by ``numel()``, but ``.view(-1)`` refuses a tensor whose
    memory is not in row order, and so does ``parameters_to_vector``, which flattens with it."""
    model = NeuralNetwork(2, 2)
    layer = model.layers[0]
    layer.weight = torch.nn.Parameter(layer.weight.detach().t().contiguous().t())
    what = ("count_parameters(NeuralNetwork(2, 2) whose first weight is stored transposed, "
            "not contiguous)")
    flattens = ("parameters_to_vector flattens every parameter with .view(-1)"
                if "parameters_to_vector" in _names_read(impl) else
                "your code flattens a parameter with .view(-1)")
    got = call_answer(impl, (model,), what, [(
        "view size is not compatible",
        f"{flattens}, which a tensor not stored in row order (a transposed weight, a "
        "channels_last convolution) refuses; count without flattening: p.numel() works for "
        "every layout")])
    if not (isinstance(got, int) and got == 752):
        raise CheckFailure(f"{what} returned {got!r}, expected 752, as when stored in row order: "
                           "the layout of a tensor in memory does not change how many numbers "
                           "it holds (p.numel())")


def _check_count_no_grad(impl):
    """Counted inside the caller's ``torch.no_grad()`` block: the grad mode switches off the
    recording of operations, not the parameters' ``requires_grad``, so the count is the same."""
    with torch.no_grad():
        got = impl(NeuralNetwork(2, 2))
    if not (isinstance(got, int) and got == 752):
        reads = "is_grad_enabled" in _names_read(impl)
        raise CheckFailure(
            f"count_parameters(NeuralNetwork(2, 2)) called inside `with torch.no_grad():` "
            f"returned {got!r}, expected 752, as outside the block (where your count was "
            "right): your count depends on the global grad mode"
            + (" (your code reads torch.is_grad_enabled())" if reads else "")
            + "; torch.no_grad() only stops PyTorch from recording operations, and leaves each "
            "parameter's requires_grad as it was: test p.requires_grad alone")


def _check_none_submodule(impl):
    """A model whose optional submodule slot holds None (register_module(name, None), a layer
    switched off): model.parameters() skips it, a hand-written walk over _modules meets it."""
    model = NeuralNetwork(2, 2)
    model.register_module("adapter", None)
    what = ("count_parameters(NeuralNetwork(2, 2) with an optional submodule slot set to None, "
            "model.register_module('adapter', None))")
    got = call_answer(impl, (model,), what, [(
        "'NoneType' object has no attribute",
        "this model keeps an optional submodule slot as None (a layer switched off): "
        "module._modules, or a walk over it, hands out that None as if it were a module; "
        "model.parameters() (and model.modules(), model.children()) skip it")])
    if not (isinstance(got, int) and got == 752):
        raise CheckFailure(f"{what} returned {got!r}, expected 752, as without the slot: a "
                           "slot that holds None has no parameters")


def _check_eval_mode(impl):
    if (eval_count := impl(NeuralNetwork(2, 2).eval())) != 752:
        raise CheckFailure(f"count_parameters(NeuralNetwork(2, 2) in eval mode) returned "
                           f"{eval_count}, expected 752 (as in training mode): "
                           + _EVAL_MODE_CAUSE)


def _check_counts(impl):
    frozen = NeuralNetwork(2, 2)
    frozen.layers[0].requires_grad_(False)  # 2*30 + 30 = 90 parameters no longer trainable
    all_frozen = NeuralNetwork(3, 2).requires_grad_(False)  # nothing left to train: 0
    cases = [("NeuralNetwork(2, 2)", NeuralNetwork(2, 2), 752),
             ("NeuralNetwork(50, 3)", NeuralNetwork(50, 3), 2213),
             ("a model of Embedding, LayerNorm, Linear and BatchNorm1d layers", _mixed_model(), 57),
             ("NeuralNetwork(2, 2) with its first layer frozen", frozen, 662),
             ("Embedding, Linear and a norm with parameters named scale and shift",
              _named_model(), 25),
             ("a module with a parameter of its own beside its children", _OwnParameter(), 29),
             ("an embedding and an output layer sharing one weight (weight tying)", _Tied(), 32),
             ("a Conv1d layer (a 3-D weight)", _ConvScalar().conv, 27),
             ("a Conv1d layer (a 3-D weight) and a scalar parameter", _ConvScalar(), 28),
             ("NeuralNetwork(4, 3) in float64 (model.double())", _double_model(), 833),
             ("NeuralNetwork(3, 2) with every layer frozen", all_frozen, 0),
             ("NeuralNetwork(2, 2) with its middle layer frozen", _middle_frozen(), 132),
             ("token and position embeddings (tok_emb, pos_emb) and a Linear layer",
              _Positions(), 29)]
    gots, crash = [], None  # every model's count, up to a crash
    for name, model, _ in cases:
        flags = [p.requires_grad for p in model.parameters()]
        modes = [m.training for m in model.modules()]
        kinds = [(p.dtype, p.device) for p in model.parameters()]
        hints = list(_COUNT_CRASH_HINTS)
        if flags and all(flags):  # nothing frozen: an empty list is the frozen parameters'
            hints = [(key, _NOTHING_FROZEN if key == "non-empty list of Tensors" else hint)
                     for key, hint in hints]
        if "grad" in _names_read(impl) and not any(
                v is None for m in model.modules() for v in m._parameters.values()):
            hints.append(("'NoneType' object has no attribute", "Your code reads p.grad, and "
                          "this model has no None parameter: p.grad is None until a "
                          "loss.backward() has run (a fresh model has no gradients); the "
                          "count belongs to the parameter itself, p.numel(), and whether it "
                          "trains to p.requires_grad"))
        if any(v is None for m in model.modules() for v in m._parameters.values()):
            hints.append(("'NoneType' object has no attribute", "This model has a layer "
                          "without a bias (nn.Linear(..., bias=False)): its bias is None, and "
                          "module._parameters (or m.bias) hands out that None; "
                          "model.parameters() yields only the real parameters, each once"))
        if any("." not in n for n, _ in model.named_parameters()):
            hints.append(("values to unpack", "This model has a parameter of its own, and "
                          "model.named_parameters() names it plainly ("
                          + ", ".join(repr(n) for n, _ in model.named_parameters() if "." not in n)
                          + ", no dot: only a child's parameters get names such as "
                          "'norm.weight'), while every model before it ran: your code splits "
                          "each name at a dot into two parts (layer, kind = "
                          "name.rsplit('.', 1)?); the count needs no names, sum(p.numel() for "
                          "p in model.parameters() if p.requires_grad)"))
        try:
            got = call_answer(impl, (model,), f"count_parameters({name})", hints)
        except CheckFailure as err:
            crash = err
            if any(key in str(err) for key in _COMPARED_KEYS) and _compares_by_value(impl):
                try:
                    call_answer(impl, (model,), f"count_parameters({name})",
                                [(key, _COMPARED) for key in _COMPARED_KEYS])
                except CheckFailure as again:
                    crash = again
            break
        if flags != [p.requires_grad for p in model.parameters()]:
            raise CheckFailure(f"count_parameters({name}) changed which parameters require "
                               "gradients (p.requires_grad = True, or requires_grad_(), in "
                               "your loop): it unfroze the caller's frozen layers. Only read "
                               "p.requires_grad; counting must leave the model as it was")
        changed = next(((a, b) for a, b in zip(kinds, [(p.dtype, p.device)
                                                      for p in model.parameters()]) if a != b),
                       None)
        if changed is not None:
            (was_dtype, was_device), (dtype, device) = changed
            what = (f"dtype from {was_dtype} to {dtype}" if was_dtype != dtype else
                    f"device from {was_device} to {device}")
            raise CheckFailure(f"count_parameters({name}) changed the caller's model: its "
                               f"parameters' {what} (a model.float(), .double(), .half() or "
                               ".to(...) while counting, which converts the model in place); "
                               "counting only reads p.numel() and p.requires_grad, so leave "
                               "the model as it was")
        if modes != [m.training for m in model.modules()]:
            now = "eval" if not model.training else "training"
            raise CheckFailure(f"count_parameters({name}) handed in a model in "
                               f"{'training' if modes[0] else 'eval'} mode and left it in "
                               f"{now} mode: your code switches the mode (model.{now}() or "
                               f"model.train({model.training})) while counting; counting "
                               "only reads the parameters, so leave the model as it was")
        if torch.is_tensor(got):
            raise CheckFailure(f"count_parameters({name}) returned a tensor, {got!r}; return a "
                               "Python int: sum(p.numel() for p in ...) adds up ints")
        if isinstance(got, bool) or not isinstance(got, int):
            numpy = (" a NumPy number (np.prod of a shape?): p.numel() gives a Python int"
                     if type(got).__module__ == "numpy" else "")
            comma = (" (a tuple: a trailing comma after the return value, return total,?)"
                     if isinstance(got, tuple) and len(got) == 1 else
                     f" (a tuple of {len(got)}: more than the trainable count, such as "
                     "(trainable, total)?)" if isinstance(got, tuple) else
                     " (a float where the other models gave ints: an empty sum turned float; "
                     "torch.tensor([]) of no trainable parameters is float32, so its "
                     ".sum().item() is 0.0; start from the int 0, sum(p.numel() for ...))"
                     if isinstance(got, float) and got == 0 and gots else
                     " (the right count held as a float: a total that starts at 0.0, a "
                     "float(...), a / division, or .item() of a float tensor such as "
                     "torch.tensor(p.shape, dtype=torch.float32).prod()?)"
                     if isinstance(got, float) and got == cases[len(gots)][2] else
                     _scaled_count(got, cases[len(gots)][2])
                     if isinstance(got, float) and _scaled_count(got, cases[len(gots)][2]) else
                     " (a float: float sizes, or a / division?)"
                     if isinstance(got, float) else "")
            raise CheckFailure(f"count_parameters({name}) returned {got!r}{comma}; return one "
                               f"whole number (an int){';' if numpy else ''}{numpy}")
        gots.append(got)
    wrong = next((i for i, (got, case) in enumerate(zip(gots, cases)) if got != case[2]), None)
    if wrong is None:
        if crash is not None:
            raise crash
        return
    name, model, expected = cases[wrong]
    got = gots[wrong]
    seen = [case[1] for case in cases[:len(gots)]]
    # judged on every model counted so far: one model alone can leave two mistakes tied
    cause = likely_cause(gots, {text: functools.partial(_count_all, count, seen)
                                for text, count in _COUNT_MISTAKES.items()}, atol=0)
    if cause is None and not any(gots):
        cause = _zero_cause(impl)
    if cause is not None and cause.startswith("that counts frozen parameters too"):
        cause = _generator_reused(impl) or _frozen_test_cause(impl) or cause
    if cause is not None and cause.startswith("that leaves out the scalar parameters"):
        cause = _single_entry_cause(impl) or cause
    if cause is not None and cause.startswith("that counts only the non-zero entries"):
        cause = _all_zero_skipped(impl) or cause
    zeros = all(g == 0 for g, case in zip(gots, cases) if g != case[2])
    if cause is None and not zeros:  # no mistake fits every model: one that fits the wrong ones
        bad = [m for g, m, case in zip(gots, seen, cases) if g != case[2]]
        cause = likely_cause([g for g, case in zip(gots, cases) if g != case[2]],
                             {text: functools.partial(_count_all, count, bad)
                              for text, count in _COUNT_MISTAKES.items()}, atol=0)
    if cause is not None and cause.startswith("that leaves out the model's first") and \
            gots[0] == cases[0][2]:  # NeuralNetwork(2, 2) right: its first weight was counted
        cause = None
    partly = [g == case[2] for g, case in zip(gots, cases)
              if 0 < case[2] < sum(p.numel() for p in case[1].parameters())]
    if expected == 0 and got == sum(p.numel() for p in model.parameters()) and partly and all(
            partly) and all(g == case[2] for g, case in zip(gots, cases) if case[2]):
        cause = (f"only the model with every layer frozen came out wrong ({got}, all its "
                 "parameters), while the partly frozen one came out right: your code falls "
                 "back to counting every parameter when none is trainable (a `trainable or "
                 "total`, or an if on an empty count?); 0 is the answer there")
    if cause is None and got < expected and {"id", "data"} <= _names_read(impl):
        cause = ("your code reads id(...) and .data: if you told the parameters apart by "
                 "id(p.data), p.data makes a new tensor object on every access, which is freed "
                 "at once, so the next one often gets the same id and the counts overwrite "
                 "each other; model.parameters() already yields each parameter once (a tied "
                 "weight too), so no deduplication is needed")
    if cause is None:
        cause = _running_total_cause(impl)
    offsets = {g - case[2] for g, case in zip(gots, cases)}
    if cause is None and len(gots) > 2 and len(offsets) == 1 and len(
            {len(list(case[1].parameters())) for case in cases[:len(gots)]}) > 1:
        k = offsets.pop()
        cause = (f"every model's count is off by exactly {k:+d}, whatever its size and however "
                 f"many parameters it holds ({got} for {expected} here, {gots[-1]} for "
                 f"{cases[len(gots) - 1][2]} on {cases[len(gots) - 1][0]}): a constant "
                 f"added once per call, such as a total that starts at {k} instead of 0 "
                 f"(total = {k}, as in a product loop) or a {k:+d} at the end; start the "
                 "total at 0")
    if cause is None and (eval_count := _eval_mode_count(impl)) not in (None, 752, gots[0]):
        cause = (f"with NeuralNetwork(2, 2) in eval mode (model.eval()) your count is "
                 f"{eval_count}, in training mode it is {gots[0]}: " + _EVAL_MODE_CAUSE)
    if cause is None:
        others = [f"{case[0]}: {g} (expected {case[2]})"
                  for g, case in zip(gots, cases) if g != case[2] and case is not cases[wrong]]
        others = "; ".join(others[:3]) + (f"; and {len(others) - 3} more" if len(others) > 3
                                         else "")
        ratio = f" ({got / expected:.4g} times the answer)" if expected else ""
        right = [case[0] for g, case in zip(gots, cases) if g == case[2] and case[2]]
        right = "; ".join(right[:3]) + (f"; and {len(right) - 3} more" if len(right) > 3 else "")
        firsts = {n.split(".")[0] for g, m, case in zip(gots, seen, cases)
                  if g == case[2] and case[2] for n, _ in m.named_parameters()}
        if zeros and len(firsts) == 1 and not any(n.startswith(f"{min(firsts)}.") for n, _ in
                                                   model.named_parameters()):
            cause = (f"0 for every model counted wrong, although their parameters train; "
                     f"every model you counted right names its parameters {min(firsts)}.*, "
                     f"and this one names them {', '.join(n for n, _ in model.named_parameters())}"
                     ": your code picks parameters by their name (or by an attribute such as "
                     f"model.{min(firsts)}), which only the book's network has. ")
        else:
            cause = ""
        cause += _offset_count_note(gots, cases)
        cause += (f"off by {got - expected}{ratio}, and no usual mistake gives these counts"
                 + _difference_note(model, got, expected, [
                     (case[1], g, case[2]) for g, case in zip(gots, cases) if g != case[2]])
                 + _one_at_a_time_note(impl, model)
                 + (f"; also wrong: {others}" if others else "")
                 + (f"; right: {right} (what does this model have that those do not?)"
                    if right else "")
                 + ". Add up p.numel() of every p in model.parameters() with p.requires_grad")
    raise CheckFailure(f"count_parameters({name}) returned {got}, expected {expected}: {cause}")


_PER_MODEL_COUNTS = [  # (what is counted, how many of it a model has)
    ("child modules (model.children())", lambda m: len(list(m.children()))),
    ("modules (model.modules(), the model itself included)", lambda m: len(list(m.modules()))),
    ("parameter tensors (model.parameters())", lambda m: len(list(m.parameters()))),
    ("trainable parameter tensors", lambda m: len(_trainable(m))),
    ("named children and grandchildren (named_modules() without the model)",
     lambda m: len(list(m.modules())) - 1),
    ("buffer tensors (model.buffers(): a norm's running statistics and counter)",
     lambda m: len(list(m.buffers()))),
]


def _offset_count_note(gots, cases):
    """'every count is off by the number of ...; ' when each model's count is off by how many
    of one thing it holds (modules, parameter tensors), on every model counted; "" else."""
    offsets = [g - case[2] for g, case in zip(gots, cases)]
    for sign, way in ((1, "too high"), (-1, "too low")):
        for what, count in _PER_MODEL_COUNTS:
            try:
                counts = [count(case[1]) for case in cases[:len(gots)]]
            except Exception:  # noqa: BLE001 - a model without that thing is no evidence
                continue
            if any(counts) and offsets == [sign * c for c in counts]:
                return (f"every count is {way} by exactly the number of {what} of that "
                        f"model (off by {offsets[:4]} for {counts[:4]}): your code adds or "
                        "takes away one for each of them (a count of layers mixed into the "
                        "total, a += 1 per module, a len() added?); ")
    return ""


def _one_at_a_time_note(impl, model):
    """Each parameter of ``model`` counted alone (a copy in a module of its own, under the same
    last name, with the same shape, dtype, values and requires_grad): the ones counted wrong,
    or that every one comes out right (then the walk over the model is at fault)."""
    wrong, pairs = [], []
    for name, p in model.named_parameters():
        holder = torch.nn.Module()
        setattr(holder, name.rsplit(".", 1)[-1],
                torch.nn.Parameter(p.detach().clone(), requires_grad=p.requires_grad))
        try:
            got = impl(holder)
        except Exception:  # noqa: BLE001 - a crash here is no evidence
            return ""
        want = p.numel() if p.requires_grad else 0
        if got != want:
            looks = (", all zeros" if not bool(p.any()) else ", all ones"
                     if bool((p == 1).all()) else "")
            wrong.append(f"{name} (shape {tuple(p.shape)}"
                         f"{'' if p.requires_grad else ', frozen'}{looks}): {got!r} for {want}")
            pairs.append((p, got, want))
    if not wrong:
        return ("; counted one at a time (each parameter alone in a module of its own), every "
                "parameter of this model comes out right, so the mistake is in how your code "
                "walks the model or adds the counts up (nested modules, a shared weight, a "
                "loop over modules or names?)")
    return (f"; counted one at a time (each parameter alone in a module of its own), "
            f"{len(wrong)} of this model's {len(list(model.parameters()))} parameters come out "
            f"wrong: {'; '.join(wrong[:4])}{'; ...' if len(wrong) > 4 else ''}"
            + _pattern_of_wrong(model, pairs))


def _pattern_of_wrong(model, pairs):
    """What the parameters counted wrong alone share: one offset or factor, and whether they
    are exactly the parameters of one dimension; else a question to look with."""
    gots = [g for _, g, _ in pairs]
    if not all(isinstance(g, int) and not isinstance(g, bool) for g in gots):
        return " (look at what these have in common: a shape, a dimension, their values)"
    dims = {p.dim() for p, _, _ in pairs}
    exact = len(dims) == 1 and len(pairs) == sum(p.dim() in dims for p in model.parameters())
    which = (f" (exactly the {dims.pop()}-D parameters: a branch on p.dim() or len(p.shape)?)"
             if exact else "")
    if all(g == 0 for g in gots) and all(w for _, _, w in pairs):
        others = [q.numel() for q in model.parameters()
                  if q.requires_grad and not any(q is p for p, _, _ in pairs)]
        odd = (" (every one of them has an odd number of entries, every parameter counted "
               "right an even one: a test on p.numel() % 2?)"
               if all(p.numel() % 2 for p, _, _ in pairs) and others and
               not any(n % 2 for n in others) else "")
        return (f": each of them counted 0, left out entirely{which or odd or ''}; look at "
                "what your filter tests besides p.requires_grad")
    if len(pairs) > 1 and all(g - w == p.dim() for p, g, w in pairs) and len(dims) > 1:
        return (": each of them is over by its number of dimensions (1 for a bias, 2 for a "
                "weight): p.dim() or len(p.shape) added to the count, where p.numel() alone "
                "belongs")
    offsets = {g - w for _, g, w in pairs}
    if len(offsets) == 1 and len({w for _, _, w in pairs}) > 1:
        k = offsets.pop()
        return (f": each of them is off by {k:+d}{which}, the same for every size, so an "
                f"extra {k:+d} per parameter (an off-by-one added to the size, not the size "
                "itself)")
    ratios = {g / w for _, g, w in pairs if w}
    if len(ratios) == 1 and all(w for _, _, w in pairs):
        return f": each of them is {ratios.pop():.3g} times its size{which}"
    by_dim = [_dim_pattern(d, [(p, g, w) for p, g, w in pairs if p.dim() == d])
              for d in sorted({p.dim() for p, _, _ in pairs})]
    if len(by_dim) > 1 and all(by_dim):
        return f": by dimension, {'; '.join(by_dim)}{which}"
    return (which or " (look at what these have in common: a shape, a dimension, their "
            "values)")


def _dim_pattern(dim, pairs):
    """What the ``dim``-D parameters counted wrong alone share, in words, or ''."""
    gots = [g for _, g, _ in pairs]
    if all(g == 0 for g in gots):
        return f"every {dim}-D parameter counted 0 (skipped: a test on p.dim() or len(p.shape)?)"
    if dim and all(g - w == p.shape[0] for p, g, w in pairs):
        return (f"every {dim}-D parameter over by its first size, p.shape[0]"
                + (" (a bias of p.shape[0] added to each weight, while the real biases are "
                   "counted apart?)" if dim > 1 else " (each counted twice?)"))
    if dim and all(g - w == p.shape[-1] for p, g, w in pairs):
        return f"every {dim}-D parameter over by its last size, p.shape[-1]"
    if len({g - w for _, g, w in pairs}) == 1:
        return f"every {dim}-D parameter off by {gots[0] - pairs[0][2]:+d}"
    if all(w for _, _, w in pairs) and len({g / w for _, g, w in pairs}) == 1:
        return f"every {dim}-D parameter {gots[0] / pairs[0][2]:.3g} times its size"
    return ""


def _running_total_cause(impl):
    """Two calls on one fresh NeuralNetwork(2, 2): a total kept between calls (a global or a
    default argument) gives 752, then 752 more."""
    model = NeuralNetwork(2, 2)
    try:
        first, second = impl(model), impl(model)
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return None
    if not isinstance(first, int) or not isinstance(second, int) or second - first != 752:
        return None
    return (f"two calls on the same NeuralNetwork(2, 2) gave {first}, then {second}: each call "
            "adds its 752 to what the calls before it counted, so the total outlives the call "
            "(a global total, or a default argument such as total=[0]); start total = 0 "
            "inside count_parameters")


def _scaled_count(got, expected):
    """' (the count divided by 1e6: ...)' when ``got`` is ``expected`` over a power of ten."""
    for power, unit in ((3, "thousands"), (6, "millions"), (9, "billions")):
        if expected and abs(got * 10**power - expected) < 1e-6 * 10**power:
            return (f" (that is {expected} divided by 1e{power}: the count in {unit}, as "
                    f"GPT-2's '124M' is written; return the count itself and scale it only "
                    f"when you print it, f'{{count / 1e{power}:.2f}}')")
    return ""


def _difference_parts(model, diff):
    """Labels of the groups of ``model``'s parameters (every layer of one type, one layer, one
    parameter) and of its buffers that hold exactly ``diff`` numbers; and the layer types."""
    seen, by_type, layers, single = set(), {}, [], []
    for name, mod in model.named_modules():
        kind = type(mod).__name__
        for pname, q in mod.named_parameters(recurse=False):
            if id(q) in seen:
                continue
            seen.add(id(q))
            by_type[kind] = by_type.get(kind, 0) + q.numel()
            full = f"{name}.{pname}" if name else pname
            single.append((f"parameter {full} ({kind}, shape {tuple(q.shape)}"
                           f"{'' if q.requires_grad else ', frozen'})", q.numel()))
        size = sum(q.numel() for q in mod.parameters(recurse=False))
        if name and size and len(list(mod.parameters(recurse=False))) > 1:
            layers.append((f"layer {name} (a {kind}: all its parameters)", size))
    types = [k for k, v in by_type.items() if v == diff]
    labels = [f"every {k} layer's parameters" for k in types]
    groups = {}  # every parameter named bias, every 1-D parameter, ...
    for pname, q in model.named_parameters():
        for key in (f"every parameter named {pname.split('.')[-1]}",
                    f"every {q.dim()}-D parameter"):
            groups[key] = groups.get(key, 0) + q.numel()
    labels += [f"{key} together" for key, v in groups.items() if v == diff and len(single) > 1]
    labels += [text for text, size in layers + single if size == diff]
    labels = [f"buffer {n} (shape {tuple(b.shape)}, not a parameter)"
              for n, b in model.named_buffers() if b.numel() == diff] + labels
    return labels, types


def _difference_note(model, got, expected, wrong_models=()):
    """What in ``model`` is as large as the difference, if anything; and a layer type whose
    parameters make up the difference in every model counted wrong."""
    diff = abs(got - expected)
    everything = sum(t.numel() for t in model.parameters()) + sum(
        b.numel() for b in model.buffers())
    if got > 2 * everything:
        return (f"; your count is more than twice every number this model holds ({everything}"
                ", parameters and buffers together, frozen or not), so adding sizes cannot "
                "give it: something multiplies across parameters (a size product that is "
                "not reset for each parameter, or sizes multiplied where they add up?)")
    alone = _difference_parts(model, got)[0] if 0 < got < expected else []
    note = (f"; your count, {got}, is exactly the size of {' or '.join(alone[:4])} "
            "alone: the rest of the parameters were skipped (a filter, a deduplication "
            "or a loop that leaves too much out?)") if alone else ""
    labels, types = _difference_parts(model, diff)
    layers = [text for text in labels if text.startswith("layer ")]
    if alone and layers:  # what was skipped is one whole layer: name it too
        labels = layers
    elif alone or not diff or not labels:
        return note
    note += (f"; the difference, {diff}, is exactly the size of {' or '.join(labels[:4])}: "
             f"your count {'misses' if got < expected else 'adds'} it")
    common = set(types)
    for other, other_got, other_expected in wrong_models:
        common &= set(_difference_parts(other, abs(other_got - other_expected))[1])
    if common and len(wrong_models) > 1:
        kind = sorted(common)[0]
        note += (f"; in every model counted wrong ({len(wrong_models)}) the difference is "
                 f"exactly its {kind} parameters: look at how your code treats {kind} layers "
                 "(a test on the layer's type or name?)")
    return note


_COUNT_CRASH_HINTS = [
    ("Boolean value of Tensor", "A tensor was used as a condition: p.requires_grad_() "
     "returns the parameter itself (and switches its gradients on); test the "
     "attribute p.requires_grad, without parentheses."),
    ("tuple index out of range", "A parameter can have no dimensions at all (a scalar, "
     "shape ()), so p.shape[0] does not exist: p.numel() counts the entries of a "
     "tensor of any shape."),
    ("has no attribute 'layers'", "Only the book's NeuralNetwork keeps its layers in "
     "model.layers; another model (an nn.Sequential, a module of your own) has no such "
     "attribute: loop over model.parameters(), which every "
     "nn.Module has."),
    ("non-empty list of Tensors", "With every layer frozen there are no trainable "
     "parameters to join (parameters_to_vector or torch.cat of an empty list fails); "
     "the answer is then 0: sum(p.numel() for p in model.parameters() if "
     "p.requires_grad) gives it."),
    ("has no attribute 'num_parameters'", "num_parameters() is a method of Hugging Face "
     "models (transformers' PreTrainedModel), not of torch.nn.Module: count the parameters "
     "yourself, sum(p.numel() for p in model.parameters() if p.requires_grad)."),
    ("reduce() of empty iterable", "A scalar parameter (shape ()) has no sizes to "
     "multiply, so functools.reduce without an initial value fails on it; the product of no "
     "sizes is 1: reduce(operator.mul, p.shape, 1), math.prod(p.shape), or simply p.numel()."),
    ("'builtin_function_or_method'", "A method was used without its call: p.numel (or "
     "p.size, p.dim) only names the method; call it, p.numel(), which returns the number of "
     "entries as an int.")]


_NOTHING_FROZEN = (
    "This model has no frozen parameter (every one requires gradients), so a list of its "
    "frozen parameters is empty, and parameters_to_vector or torch.cat of an empty list "
    "fails (a total minus the frozen part breaks when nothing is frozen; the list that was "
    "empty here is not the trainable parameters, which this model has): count the trainable "
    "parameters directly, sum(p.numel() for p in model.parameters() if p.requires_grad).")


_COMPARED_KEYS = ("must match the size of tensor", "Boolean value of Tensor with more than")
_COMPARED = ("Your code compares parameters with each other by value (it ran on a model whose "
             "parameters hold one number each): p in a_list (or a_list.index(p), "
             "a_list.remove(p), p == q) tests each earlier parameter with ==, which for tensors "
             "compares entry by entry, so parameters of other shapes cannot be compared at all; "
             "model.parameters() already yields a shared (tied) parameter once, and to note "
             "parameters seen, keep their ids, a set of id(p)")


class _Scalars(torch.nn.Module):
    """Three one-entry parameters, 0, 2 and 3 (3 to count): ``p in a_list`` works on them."""

    def __init__(self):
        super().__init__()
        self.a = torch.nn.Parameter(torch.zeros(1))
        self.b = torch.nn.Parameter(torch.full((1,), 2.0))
        self.c = torch.nn.Parameter(torch.full((1,), 3.0))


def _compares_by_value(impl):
    """True when the answer, crashing on tensors of other shapes compared entry by entry,
    counts a model of one-entry parameters (0, 2, 3) right: it compares parameters by value."""
    try:
        return impl(_Scalars()) == 3
    except Exception:  # noqa: BLE001 - no evidence either way
        return False


class _OneShot(NeuralNetwork):
    """NeuralNetwork(2, 2) with its first layer frozen (662 trainable) whose parameters() notes
    every request made after its generator is used up."""

    def __init__(self):
        super().__init__(2, 2)
        self.layers[0].requires_grad_(False)
        self.used_up = []

    def parameters(self, recurse=True):
        return _CountingIter(super().parameters(recurse), self.used_up)


def _generator_reused(impl):
    """Whether the answer read one parameters() generator twice (its second pass is empty)."""
    model = _OneShot()
    try:
        impl(model)
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return None
    if len(model.used_up) < 2:
        return None
    return ("you read one model.parameters() generator twice: a generator is used up after "
            "one pass, so the second loop (the frozen ones to subtract) saw nothing; call "
            "model.parameters() again for each loop, or count in one pass: sum(p.numel() for "
            "p in model.parameters() if p.requires_grad)")


def _frozen_test_cause(impl):
    """Which always-true test let the frozen parameters through, read from the answer's code."""
    names = _names_read(impl)
    if "requires_grad_" in names and "requires_grad" not in names:
        return ("that counts frozen parameters too: your code names p.requires_grad_ (with "
                "the underscore), the method that SETS the flag; a method without its call is "
                "always true in an if. Read the flag itself, p.requires_grad, no underscore")
    if "grad_fn" in names or "is_leaf" in names:
        return ("that counts frozen parameters too: every parameter is a leaf tensor with "
                "grad_fn None (is_leaf True), frozen or not, so that test keeps them all; "
                "test p.requires_grad")
    return None


def _all_zero_skipped(impl):
    """Zero entries counted out one by one (count_nonzero) or whole all-zero parameters
    skipped (``if p.any()``) agree on models whose zeros fill whole parameters (zero biases);
    a Linear(3, 2) with one zero weight entry and a zero bias tells them apart (5 or 6 of 8)."""
    layer = torch.nn.Linear(3, 2)
    with torch.no_grad():
        layer.weight[0, 0] = 0.0
        layer.bias.zero_()
    try:
        got = impl(layer)
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return None
    if got != 6:
        return None
    return ("that skips every parameter whose entries are ALL zero (a test such as p.any(), "
            "p.abs().sum() > 0 or p.count_nonzero() in the filter): a Linear(3, 2) with one "
            "zero weight entry and a zero bias counts 6 of its 8, so the weight counts whole "
            "and the zero bias is left out; a bias or a norm's shift starts at zero, yet it is "
            "a parameter: filter on p.requires_grad alone and count p.numel()")


def _single_entry_cause(impl):
    """A 1-D parameter of one entry, shape (1,), tells a test of p.numel() > 1 (which skips
    it) from one of p.dim() (which keeps it): a scalar alone cannot."""
    model = torch.nn.Module()
    model.gain = torch.nn.Parameter(torch.ones(1))
    model.bias = torch.nn.Parameter(torch.zeros(3))
    try:
        got = impl(model)
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return None
    if got != 3:
        return None
    return ("that leaves out every parameter with a single entry: a scalar (shape ()) here, "
            "and a parameter of shape (1,) too (a test such as p.numel() > 1?); "
            "a one-entry parameter is still a trainable number: add up p.numel() of every "
            "trainable p")


def _middle_frozen():
    """NeuralNetwork(2, 2) with its second Linear(30, 20) frozen: 752 - 620 = 132 trainable,
    with a trainable parameter before the frozen ones and after them."""
    model = NeuralNetwork(2, 2)
    model.layers[2].requires_grad_(False)
    return model


def _until_frozen(model):
    """The trainable count up to the first frozen parameter (a `break` where `continue`
    belongs)."""
    total = 0
    for p in model.parameters():
        if not p.requires_grad:
            break
        total += p.numel()
    return total


def _double_model():
    """NeuralNetwork(4, 3) in float64: 4*30 + 30 + 30*20 + 20 + 20*3 + 3 = 833 parameters."""
    torch.manual_seed(0)
    return NeuralNetwork(4, 3).double()


def _check_count_again(impl):
    """A second call on the same model after freezing its first layer must see the change."""
    model = NeuralNetwork(2, 2)
    impl(model)  # counted once as it is (752, as the thirteen models showed)
    model.layers[0].requires_grad_(False)
    try:
        got = impl(model)
    finally:
        model.layers[0].requires_grad_(True)
    if got == 752:
        raise CheckFailure("count_parameters(NeuralNetwork(2, 2)) gave 752, and 752 again for the "
                           "same model after its first layer was frozen (expected 662): the "
                           "count is remembered between calls (functools.lru_cache, or a dict "
                           "keyed by the model); count afresh on every call")
    if got != 662:
        raise CheckFailure(f"count_parameters(NeuralNetwork(2, 2)) gave 752, but {got!r} for the "
                           "same model after its first layer was frozen (expected 662, as for "
                           "a new model with that layer frozen): count afresh on every call")


def _check_meta_model(impl):
    """A model on the 'meta' device (shapes, no data) has its parameters all the same:
    p.data_ptr() (0 for each of them) would miss that. (A transposed, non-contiguous weight is
    not tried: parameters_to_vector, a fair answer, cannot view one either.)"""
    meta = NeuralNetwork(2, 2).to("meta")
    got = call_answer(impl, (meta,), "count_parameters(NeuralNetwork(2, 2) on the 'meta' "
                      "device)", [("meta", "A model on the 'meta' device has the shapes of its "
                                   "parameters but no values (the same model on the CPU came "
                                   "out right), so anything that reads the values fails on it: "
                                   ".numpy(), .cpu(), .tolist(), .item(); count from the "
                                   "shapes alone, p.numel()")])
    if got != 752:
        # every pointer is 0 on 'meta': one parameter is kept, the last (a dict) or the first
        by_pointer = {sum({p.data_ptr(): p.numel() for p in meta.parameters()}.values()),
                      next(meta.parameters()).numel()}
        raise CheckFailure(
            f"count_parameters(NeuralNetwork(2, 2) on the 'meta' device) returned {got!r}, "
            "expected 752 (a meta model has the shapes of its parameters but no data): "
            + ("you told the parameters apart by p.data_ptr() (or by their storage's, "
               "p.untyped_storage().data_ptr()), which is 0 for every parameter on 'meta' (and "
               "the same for views of one buffer); model.parameters() already "
               "yields each parameter once, a tied weight too, so count them without "
               "deduplicating" if got in by_pointer else
               "every parameter was left out on 'meta' (the same model on the CPU came out "
               "right): your count depends on where the parameters live (a test of p.device, "
               "p.is_meta, p.is_cpu or p.is_cuda?); a parameter trains wherever it is, so test "
               "p.requires_grad alone" if got == 0 else
               "the same model on the CPU came out right, so your count depends on where "
               "the parameters live or on their values (which 'meta' does not have)"
               + (_difference_note(meta, got, 752) or f"; it is {abs(got - 752)} "
                  f"{'fewer' if got < 752 else 'more'} than on the CPU")
               + "; count from the shapes and requires_grad alone, p.numel()"))


def _check_complex_model(impl):
    """A Linear(3, 2) (8) beside a trainable complex64 parameter of 4 entries: 12. A test on
    p.is_floating_point() (or p.dtype.is_floating_point) is False for a complex tensor."""
    model = torch.nn.Module()
    model.proj = torch.nn.Linear(3, 2)
    model.phase = torch.nn.Parameter(torch.zeros(4, dtype=torch.complex64))
    got = impl(model)
    if got == 12:
        return
    try:  # a dtype list (float32 and float64 only) also leaves out a half-precision model
        half = impl(NeuralNetwork(2, 2).to(torch.bfloat16))
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        half = None
    mixed = _mixed_dtype_cause(impl)
    try:
        if not mixed and impl(_two_dtype_model(torch.float64, 4)) != 12:
            mixed = _MIXED_DTYPES  # float parameters of two dtypes go wrong too
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        pass
    how = (mixed if mixed else
           "the complex parameter was left out, and so is every parameter of a bfloat16 "
           f"model (NeuralNetwork(2, 2) in bfloat16 gave {half!r}, not 752): your code keeps "
           "only some dtypes (a test such as p.dtype in (torch.float32, torch.float64)), yet "
           "a parameter of any dtype trains (its requires_grad is True)"
           if got == 8 and half is not None and half != 752 else
           "the complex parameter was left out: p.is_floating_point() (and "
           "p.dtype.is_floating_point) is False for a complex tensor, yet it trains like any "
           "other (its requires_grad is True)" if got == 8 else
           "each complex entry was counted as two numbers (torch.view_as_real, or its real and "
           "imaginary parts counted apart), but PyTorch counts a complex parameter of 4 "
           "entries as 4, p.numel()" if got == 16 else
           "the float32 models came out right, so your count treats a complex dtype "
           "differently (a dtype test, or sizes in bytes: 8 per complex64 number?)")
    raise CheckFailure(f"count_parameters(a Linear(3, 2) and a trainable complex64 parameter of "
                       f"4 entries) returned {got!r}, expected 12 (8 + 4): {how}; count every "
                       "p in model.parameters() with p.requires_grad, whatever its dtype")


def _two_dtype_model(dtype, size):
    """A float32 Linear(3, 2) (8 numbers) beside a trainable parameter of ``size`` entries of
    ``dtype``, registered on the model itself (so model.parameters() yields it first)."""
    model = torch.nn.Module()
    model.extra = torch.nn.Parameter(torch.zeros(size, dtype=dtype))
    model.proj = torch.nn.Linear(3, 2)
    return model


def _mixed_dtype_cause(impl):
    """The mistake that explains the counts of two models mixing dtypes, each replay confirmed
    on both (a float64 and a float16 parameter beside float32 layers), or ""."""
    models = [_two_dtype_model(torch.float64, 4), _two_dtype_model(torch.float16, 6)]
    try:
        gots = [impl(m) for m in models]
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return ""

    def params(m):
        return [p for p in m.parameters() if p.requires_grad]

    replays = {
        "your count is the size in bytes divided by one parameter's element size (the first "
        "parameter's; a float64 or a float16 parameter beside float32 layers gives the same "
        "mistake), which is right only when every parameter has that dtype":
            lambda m: sum(p.numel() * p.element_size() for p in params(m))
            // params(m)[0].element_size(),
        "your count keeps only the parameters of one dtype (the first parameter's, "
        "next(model.parameters()).dtype; a float64 or a float16 parameter beside float32 "
        "layers gives the same mistake), so the layers of another dtype are left out":
            lambda m: sum(p.numel() for p in params(m) if p.dtype == params(m)[0].dtype),
    }
    for cause, replay in replays.items():
        if all(got == replay(m) for got, m in zip(gots, models)):
            return cause
    return ""


_MIXED_DTYPES = ("with every parameter of one dtype your counts were right, so your count "
                 "treats the parameters of one model differently by dtype (a dtype test, or "
                 "sizes in bytes divided by one element size?)")


def _check_mixed_dtypes(impl):
    """A float64 parameter of 4 entries beside a float32 Linear(3, 2): 12 numbers."""
    got = impl(_two_dtype_model(torch.float64, 4))
    if got == 12:
        return
    cause = _mixed_dtype_cause(impl) or _MIXED_DTYPES
    raise CheckFailure(f"count_parameters(a float64 parameter of 4 entries beside a float32 "
                       f"Linear(3, 2)) returned {got!r}, expected 12 (4 + 8): {cause}; a model "
                       "may mix dtypes: count the numbers themselves, sum(p.numel() for p in "
                       "model.parameters() if p.requires_grad)")


def _check_flat_views(impl):
    """A Linear(2, 3) whose weight (6) and bias (3) are views into one flat tensor of 9 numbers
    (flat parameters, as FSDP keeps them): 9. A count of each parameter's storage gives 18."""
    model = torch.nn.Linear(2, 3)
    flat = torch.cat([model.weight.detach().reshape(-1), model.bias.detach()])
    model.weight = torch.nn.Parameter(flat[:6].view(3, 2))
    model.bias = torch.nn.Parameter(flat[6:])
    got = impl(model)
    if got == 9:
        return
    how = ("you counted the storage under each parameter (untyped_storage() or storage()), "
           "which here is the whole flat tensor for both; a parameter's own entries are "
           "p.numel()" if "storage" in _names_read(impl) or "untyped_storage" in _names_read(
               impl) else
           "the same layer with parameters of their own came out right, so your count reads "
           "something beyond the parameter's own entries (its storage, its base tensor?)")
    raise CheckFailure(f"count_parameters(a Linear(2, 3) whose weight and bias are views into "
                       f"one flat tensor of 9 numbers) returned {got!r}, expected 9 (6 + 3): "
                       f"{how}; count p.numel() of every p in model.parameters() with "
                       "p.requires_grad")


def _check_twin_norms(impl):
    """Two LayerNorm(4) layers, as a transformer block has (norm1, norm2): both start with
    weights of ones and biases of zeros, equal in value yet separate parameters: 16."""
    block = torch.nn.Module()
    block.norm1, block.norm2 = torch.nn.LayerNorm(4), torch.nn.LayerNorm(4)
    got = impl(block)
    if got == 16:
        return
    kept = []  # the trainable parameters, each kept only when no earlier one has its values
    for p in _trainable(block):
        if not any(q.shape == p.shape and torch.equal(q, p) for q in kept):
            kept.append(p)
    how = ("that is one of each pair of equal-valued parameters: your code skips a parameter "
           "whose values equal an earlier one's (torch.equal, or a comparison of values, to "
           "leave out tied weights?), but two layers that start with the same numbers are "
           "still two parameters that train apart; a tied weight is ONE Parameter object, "
           "which model.parameters() already yields once, so no deduplication is needed"
           if got == sum(p.numel() for p in kept) else
           "the models whose parameters all differ in value came out right, so your count "
           "depends on the values the parameters hold (here 8 ones and 8 zeros)")
    raise CheckFailure(f"count_parameters(a block of two LayerNorm(4) layers, norm1 and norm2, "
                       f"each with a weight of 4 ones and a bias of 4 zeros) returned {got!r}, "
                       f"expected 16: {how}; add up p.numel() of every p in "
                       "model.parameters() with p.requires_grad")


def _check_pruned_layer(impl):
    """NeuralNetwork(2, 2) whose first layer is pruned (torch.nn.utils.prune.l1_unstructured):
    pruning keeps the trainable weight as the parameter ``weight_orig``, a mask as the buffer
    ``weight_mask``, and ``weight`` as a plain tensor computed from them: still 752."""
    from torch.nn.utils import prune

    model = NeuralNetwork(2, 2)
    with torch.no_grad():  # the computed weight then holds no graph, so a deepcopy works
        prune.l1_unstructured(model.layers[0], "weight", amount=0.5)
    what = ("count_parameters(NeuralNetwork(2, 2) with its first layer pruned by "
            "torch.nn.utils.prune.l1_unstructured)")
    got = call_answer(impl, (model,), what)
    if isinstance(got, int) and got == 752:
        return
    missing = [name for name, p in model.named_parameters()
               if isinstance(got, numbers.Number) and 752 - got == p.numel()]
    how = (f"that is {752 - got} short, the size of the parameter {missing[0]}: pruning keeps "
           "the layer's trainable weight under the name weight_orig (the weight the layer "
           "uses is weight_orig times the mask buffer weight_mask, a plain tensor, not a "
           "parameter), so a test on the parameter's name (such as leaving out names that end "
           "in '_orig') drops a weight that trains; whether a parameter counts is "
           "p.requires_grad alone" if missing and missing[0].endswith("_orig") else
           "the unpruned models came out right, so your count treats a pruned layer "
           "differently: pruning keeps the trainable weight as the parameter weight_orig "
           "(60 entries) beside a mask buffer weight_mask, and the layer's weight becomes a "
           "plain tensor, not a parameter")
    raise CheckFailure(f"{what} returned {got!r}, expected 752, as before pruning: {how}; add "
                       "up p.numel() of every p in model.parameters() with p.requires_grad")


def _check_large_model(impl):
    """Linear(65537, 32769) on 'meta': 65537 * 32769 + 32769 parameters, past what a 32-bit
    integer holds (no memory is used on 'meta'); a product of sizes in int32 wraps around, and
    a float32 running total rounds the count (it is not a multiple of float32's spacing)."""
    model = torch.nn.Linear(65537, 32769, device="meta")
    expected = 65537 * 32769 + 32769
    float32_total = torch.zeros(())
    for p in model.parameters():
        float32_total += p.numel()
    got = call_answer(impl, (model,), "count_parameters(a Linear(65537, 32769) on the 'meta' "
                      "device)")
    if got == expected:
        return
    how = ("that is the right count wrapped around a 32-bit integer (2**31 and more do not fit "
           "in int32): a size product in int32, such as np.prod(p.shape, dtype=np.int32), "
           "NumPy's default int on Windows, or torch.tensor(p.shape, dtype=torch.int32).prod()"
           if isinstance(got, numbers.Integral) and (got - expected) % 2**32 == 0 else
           "that is the count added up in a float32 total (torch.zeros(()) or "
           "torch.tensor(0.0) with += p.numel(), or a float32 tensor of sizes summed): float32 "
           "holds whole numbers exactly only up to 2**24 (16,777,216), so a larger count is "
           "rounded; add Python ints, sum(p.numel() for ...)"
           if isinstance(got, numbers.Number) and got == int(float32_total.item()) else
           "the small models came out right, so your count goes wrong only on a large one "
           f"(off by {got - expected!r}" + (f", {got / expected:.4g} times the answer)"
                                           if isinstance(got, numbers.Number) else ")")
           + ": a fixed-size integer or float type that cannot hold the count?")
    raise CheckFailure(f"count_parameters(a Linear(65537, 32769) on the 'meta' device) returned "
                       f"{got!r}, expected {expected} (65537 * 32769 + 32769): {how}; "
                       "p.numel() is a Python int, which never overflows")


class _LargeScalar(torch.nn.Module):
    """Linear(4097, 4097) on 'meta' (16,789,506 parameters, past float32's exact whole
    numbers) and a scalar (0-d) temperature: 16,789,507 in all."""

    def __init__(self):
        super().__init__()
        self.proj = torch.nn.Linear(4097, 4097, device="meta")
        self.temperature = torch.nn.Parameter(torch.tensor(1.0, device="meta"))


def _check_large_scalar(impl):
    """A large model with a scalar parameter: each count right so far, but a size product
    built with torch.tensor(p.shape) is float32 for the scalar's empty shape
    (torch.tensor([]) is float32), which turns a summed count into float32 and rounds it."""
    model = _LargeScalar()
    expected = 4097 * 4097 + 4097 + 1
    what = "count_parameters(Linear(4097, 4097) and a scalar parameter, on the 'meta' device)"
    got = call_answer(impl, (model,), what)
    if got == expected:
        return
    empty_shape = sum(torch.tensor(p.shape).prod() for p in model.parameters())
    how = ("that is the count summed as tensors of torch.tensor(p.shape).prod(): the scalar "
           "parameter's shape is empty, torch.tensor(()) is a float32 tensor (PyTorch's "
           "default dtype when there is no number to infer from), its product 1.0 is "
           "float32, and adding it turns the whole sum into float32, which holds whole "
           "numbers exactly only up to 2**24 (16,777,216); use p.numel() (or "
           "math.prod(p.shape)), a Python int"
           if isinstance(got, numbers.Number) and got == int(empty_shape.item()) else
           "the counts so far came out right, a model past 2**31 included, so your count "
           "goes wrong on this one, a large model with a scalar (0-d) parameter (off by "
           f"{got - expected!r})" if isinstance(got, numbers.Number) else
           "a count is a Python int")
    raise CheckFailure(f"{what} returned {got!r}, expected {expected} (4097 * 4097 + 4097 + "
                       f"1): {how}")


class _TaggedParameter(torch.nn.Parameter):
    """A subclass of nn.Parameter, as libraries make them (quantised or sharded weights,
    parameters tagged for an optimizer): still a parameter, found by model.parameters()."""


def _check_parameter_subclass(impl):
    """NeuralNetwork(2, 2) whose first layer's weight (60 numbers) is a subclass of
    nn.Parameter: 752 either way."""
    torch.manual_seed(0)
    model = NeuralNetwork(2, 2)
    first = model.layers[0]
    first.weight = _TaggedParameter(first.weight.detach().clone())
    what = ("count_parameters(NeuralNetwork(2, 2) whose first weight is an instance of a "
            "subclass of nn.Parameter)")
    got = call_answer(impl, (model,), what)
    if got == 752:
        return
    how = ("that is the count without that weight's 60 numbers: your code tests the exact "
           "type (type(p) is nn.Parameter, or type(p) == nn.Parameter), which a subclass "
           "fails; every tensor model.parameters() yields is a parameter, so test only "
           "p.requires_grad (isinstance(p, nn.Parameter) where you need a type test)"
           if got == 752 - 60 else
           f"the plain network came out right, so the subclass changes your count (off by "
           f"{got - 752!r}): count every tensor model.parameters() yields, whatever its "
           "class" if isinstance(got, numbers.Number) else "a count is a Python int")
    raise CheckFailure(f"{what} returned {got!r}, expected 752: {how}")


def _check_module_attribute(impl):
    """A plain model whose first layer is called ``module`` (as many wrappers and LoRA layers
    call theirs) beside a head: Linear(2, 3) (9) + Linear(3, 2) (8) = 17."""
    model = torch.nn.Module()
    model.module = torch.nn.Linear(2, 3)
    model.head = torch.nn.Linear(3, 2)
    got = call_answer(impl, (model,), "count_parameters(a model with layers named module and "
                      "head)")
    if got == 17:
        return
    how = ("that is model.module alone: your code unwraps model.module (getattr(model, "
           "'module', model) or a hasattr test, for DistributedDataParallel?), but here "
           "module is an ordinary layer of a model that is not wrapped, and its head was left "
           "out; no unwrapping is needed, since a DDP wrapper's parameters() yields the wrapped "
           "model's parameters" if got == 9 else
           "the same layers under other names came out right, so your count depends on a "
           "layer's name")
    raise CheckFailure(f"count_parameters(a model with a Linear(2, 3) named module and a "
                       f"Linear(3, 2) named head) returned {got!r}, expected 17 (9 + 8): {how}; "
                       "add up p.numel() of every p in model.parameters() with p.requires_grad")


def _check_count_with_grads(impl):
    """A model after a backward pass (every parameter holding a .grad) has 752 all the same."""
    model = NeuralNetwork(2, 2)
    model(torch.ones(3, 2)).sum().backward()
    got = impl(model)
    if got != 752:
        how = ("you kept only the parameters whose p.grad is None (not yet computed): a "
               "gradient says nothing about being trainable, and every trainable parameter "
               "holds one after loss.backward()" if got == 0 else
               "the count depends on the gradients the parameters hold")
        raise CheckFailure(f"count_parameters(NeuralNetwork(2, 2)) gave 752 on a fresh model, "
                           f"but {got!r} on one after loss.backward() (every parameter holds a "
                           f"gradient): {how}; test p.requires_grad alone")
    stale = NeuralNetwork(2, 2)
    stale(torch.ones(3, 2)).sum().backward()
    stale.layers[0].requires_grad_(False)  # frozen after training: its .grad stays
    got = impl(stale)
    if got != 662:
        for p in stale.layers[0].parameters():
            p.grad = None
        cleared = impl(stale)
        how = ("you counted the frozen first layer (90 numbers) because its parameters still "
               f"hold a .grad from the earlier backward(); with those gradients cleared your "
               f"count is {cleared!r}: a test such as p.grad is not None (or ... or p.requires_"
               "grad) reads the history, not whether the parameter trains now"
               if got == 752 and cleared == 662 else
               "the count depends on the gradients the parameters hold")
        raise CheckFailure(f"count_parameters(NeuralNetwork(2, 2) after loss.backward(), then "
                           f"its first layer frozen (its .grad kept)) returned {got!r}, "
                           f"expected 662: {how}; test p.requires_grad alone")


def _check_partly_frozen(impl):
    """Freezing is per parameter: a layer whose weight is frozen and whose bias trains (as in
    bias-only fine-tuning) adds its bias only, 752 - 60 = 692."""
    model = NeuralNetwork(2, 2)
    model.layers[0].weight.requires_grad_(False)
    got = impl(model)
    if got == 692:
        return
    how = ("the frozen weight was counted because its layer still has a trainable parameter "
           "(the bias): you judged each layer as a whole (any(...) over its parameters?)"
           if got == 752 else
           "the whole layer was left out, its trainable bias too, because one of its "
           "parameters is frozen: you judged each layer as a whole (all(...) over its "
           "parameters?)" if got == 662 else
           f"(the first layer's weight holds 60 numbers, its bias 30; {got!r} is neither "
           "752 - 60 nor a count of whole layers)")
    raise CheckFailure(f"count_parameters(NeuralNetwork(2, 2) with only its first layer's "
                       f"weight frozen, its bias still trainable) returned {got!r}, expected "
                       f"692 (the models with whole layers frozen came out right): {how}; "
                       "requires_grad belongs to each parameter, so test p.requires_grad "
                       "for every p in model.parameters()")


def _count_all(count, models):
    """A mistake's counts for every model (a replay that crashes is skipped by likely_cause)."""
    return [count(m) for m in models]


def _trainable(model):
    return [p for p in model.parameters() if p.requires_grad]


def _first_layer(model):
    """The parameters of the first module (in model.modules() order) that holds any itself."""
    return next((list(m.parameters(recurse=False)) for m in model.modules()
                 if any(True for _ in m.parameters(recurse=False))), [])


def _weight_bias_attributes(model):
    """The trainable entries found as each module's .weight and .bias attributes."""
    found = [getattr(m, name, None) for m in model.modules() for name in ("weight", "bias")]
    return sum(p.numel() for p in found
               if isinstance(p, torch.nn.Parameter) and p.requires_grad)


# cause -> the count the reference gives for a model when it makes that mistake
_COUNT_MISTAKES = {
    "that leaves out the learned position embedding (every parameter whose name holds "
    "'pos', here pos_emb.weight, 8 numbers): a position embedding is an nn.Embedding whose "
    "weights train like any other (GPT-2 learns them); only a fixed sinusoidal table kept as "
    "a buffer is not a parameter. Do not pick parameters by name: count sum(p.numel() for p "
    "in model.parameters() if p.requires_grad)":
        lambda m: sum(p.numel() for n, p in m.named_parameters()
                      if p.requires_grad and "pos" not in n),
    "that is TWICE the right count on every model (each trainable number counted twice: "
    "2 * p.numel(), the weights and their gradients, or the sum added twice?); a parameter's "
    "gradient holds no numbers of its own to train: count sum(p.numel() for p in "
    "model.parameters() if p.requires_grad) once":
        lambda m: 2 * sum(p.numel() for p in _trainable(m)),
    "that pairs model.state_dict() with model.parameters() (zip of the two): the state dict "
    "also holds the buffers (BatchNorm's running statistics) and a shared (tied) weight under "
    "each of its names, so the pairs slip out of step "
    "and the sizes come from other tensors; count sum(p.numel() for p in model.parameters() "
    "if p.requires_grad)":
        lambda m: sum(t.numel() for t, p in zip(m.state_dict().values(), m.parameters())
                      if p.requires_grad),
    "that ADDS each parameter's sizes (sum(p.shape): 30 + 2 = 32 for a (30, 2) weight) "
    "where they multiply: a weight of shape (30, 2) holds 30 * 2 = 60 numbers; count them "
    "with p.numel()":
        lambda m: sum(sum(p.shape) for p in _trainable(m)),
    "that counts only each module's .weight and .bias attributes (getattr(module, "
    "'weight')): a parameter under another name (a norm's scale and shift) is missed, and a "
    "weight shared by two modules is counted once for each; count every parameter once, "
    "sum(p.numel() for p in model.parameters() if p.requires_grad)":
        _weight_bias_attributes,
    "that is the trainable count MINUS the frozen parameters (90 in the frozen first layer, "
    "taken away a second time; a fully frozen model goes negative): the trainable ones "
    "already leave the frozen out; count sum(p.numel() for p in model.parameters() if "
    "p.requires_grad) alone":
        lambda m: sum(p.numel() for p in _trainable(m))
        - sum(p.numel() for p in m.parameters() if not p.requires_grad),
    "that is the trainable parameters minus the buffers' entries (BatchNorm's running "
    "statistics, a registered mask): buffers are not parameters, so they neither add nor "
    "take away; count sum(p.numel() for p in model.parameters() if p.requires_grad) alone":
        lambda m: sum(p.numel() for p in _trainable(m)) - sum(b.numel() for b in m.buffers()),
    "that is the right count plus the NUMBER of trainable parameter tensors (one extra per "
    "weight and per bias: a + 1 per tensor, or len(...) added to the sum?); count only "
    "sum(p.numel() for p in model.parameters() if p.requires_grad)":
        lambda m: sum(p.numel() for p in _trainable(m)) + len(_trainable(m)),
    "that is every parameter's size minus the NUMBER of frozen parameter tensors (the frozen "
    "layer's weight and bias take away 2, not 90): a frozen tensor holds p.numel() numbers; "
    "count those of the trainable ones, sum(p.numel() for p in model.parameters() if "
    "p.requires_grad)":
        lambda m: sum(p.numel() for p in m.parameters())
        - sum(1 for p in m.parameters() if not p.requires_grad),
    "that counts each parameter by its LAST size (p.shape[-1]: 2 for a (30, 2) weight, 30 "
    "for its bias), not by all its entries: a weight of shape (30, 2) holds 60 numbers; "
    "count them with p.numel()":
        lambda m: sum(p.shape[-1] if p.dim() else 1 for p in _trainable(m)),
    "that leaves out the parameters with more than 2 dimensions (a Conv1d weight is 3-D: a "
    "test such as p.dim() <= 2 or p.dim() in (1, 2) skips it); count every trainable "
    "parameter, whatever its shape, with p.numel()":
        lambda m: sum(p.numel() for p in _trainable(m) if p.dim() <= 2),
    "that leaves out the model's last parameter (here the last layer's bias: a [:-1] slice "
    "of list(model.parameters()), or a range one short?); count every trainable parameter":
        lambda m: sum(p.numel() for p in list(m.parameters())[:-1] if p.requires_grad),
    "that leaves out the embedding layers' parameters (nn.Embedding, by type or by a name "
    "such as 'emb'): an embedding's weight is trained like any other (GPT-2's "
    "'non-embedding' count is a different number); count every p in model.parameters() "
    "with p.requires_grad": lambda m: sum(
        p.numel() for p in m.parameters() if p.requires_grad and not any(
            p is q for mod in m.modules() if isinstance(mod, torch.nn.Embedding)
            for q in mod.parameters())),
    "that leaves out the model's first parameter (here the first layer's weight: a [1:] "
    "slice of list(model.parameters()), or a loop that starts at index 1?); count every "
    "trainable parameter": lambda m: sum(p.numel() for p in list(m.parameters())[1:]
                                         if p.requires_grad),
    "that is the number of parameter tensors; add up p.numel() for each parameter p":
        lambda m: len(list(m.parameters())),
    "that is the number of parameter tensors (the trainable ones); add up p.numel() for "
    "each parameter p": lambda m: len(_trainable(m)),
    "that counts only the weight matrices; the biases are parameters too":
        lambda m: sum(p.numel() for n, p in m.named_parameters() if "weight" in n),
    "that counts only the weight matrices (of the trainable layers); the biases are "
    "parameters too": lambda m: sum(p.numel() for n, p in m.named_parameters()
                                    if "weight" in n and p.requires_grad),
    "that counts only the parameters with 2 or more dimensions (p.dim() > 1); the biases are "
    "parameters too, and so is a norm's 1-D weight":
        lambda m: sum(p.numel() for p in _trainable(m) if p.dim() > 1),
    "that leaves out the 1-D parameters (p.dim() != 1: every bias and a norm's weight and "
    "bias), keeping the matrices and a scalar: count every parameter, whatever its "
    "dimension, with p.numel()":
        lambda m: sum(p.numel() for p in _trainable(m) if p.dim() != 1),
    "that counts each weight matrix (2-D) by its entries but every other parameter as ONE "
    "number (an `else 1` for the biases, the norms' 1-D weights and a 3-D Conv1d weight): a "
    "bias of 30 holds 30 numbers; count every parameter with p.numel()":
        lambda m: sum(p.numel() if p.dim() == 2 else 1 for p in _trainable(m)),
    "that counts each parameter with 2 or more dimensions by its entries but every 1-D or "
    "scalar parameter as ONE number (an `else 1` for the biases and the norms' 1-D "
    "weights): a bias of 30 holds 30 numbers; count every parameter with p.numel()":
        lambda m: sum(p.numel() if p.dim() > 1 else 1 for p in _trainable(m)),
    "that counts frozen parameters too; count only those with p.requires_grad":
        lambda m: sum(p.numel() for p in m.parameters()),
    "that leaves out the frozen weight matrices but counts the frozen biases (and other "
    "1-D parameters): freezing a layer freezes all its parameters; test p.requires_grad for "
    "every parameter, whatever its dimension": lambda m: sum(
        p.numel() for p in m.parameters() if p.requires_grad or p.dim() < 2),
    "that counts the frozen parameters instead of the trainable ones; keep those with "
    "p.requires_grad True": lambda m: sum(p.numel() for p in m.parameters()
                                          if not p.requires_grad),
    "that adds the buffers (model.buffers(): BatchNorm's running statistics, a mask) to "
    "the parameters; buffers are not trained: count only model.parameters()":
        lambda m: sum(p.numel() for p in _trainable(m)) + sum(b.numel() for b in m.buffers()),
    "that adds the floating-point buffers (model.buffers() or named_buffers(): BatchNorm's "
    "running mean and variance) to the parameters; buffers are not trained: count only "
    "model.parameters()": lambda m: sum(p.numel() for p in _trainable(m)) + sum(
        b.numel() for b in m.buffers() if b.dtype.is_floating_point),
    "that counts only the float32 parameters (p.dtype == torch.float32); a model can be in "
    "float64, float16 or bfloat16 (model.double()): count every trainable p, whatever its "
    "dtype": lambda m: sum(p.numel() for p in _trainable(m) if p.dtype == torch.float32),
    "that includes the buffers of state_dict() (BatchNorm's running statistics), which "
    "are not parameters; count model.parameters()":
        lambda m: sum(t.numel() for t in m.state_dict().values()),
    "that counts only the nn.Linear layers; count every parameter of the model "
    "(model.parameters() covers embeddings and norms too)":
        lambda m: sum(p.numel() for mod in m.modules() if isinstance(mod, torch.nn.Linear)
                      for p in mod.parameters(recurse=False) if p.requires_grad),
    "that counts only some layer types (nn.Linear, nn.Embedding, nn.LayerNorm picked by "
    "isinstance): BatchNorm, Conv1d and a module's own parameters are skipped, and a weight "
    "shared by two of those layers counts twice; model.parameters() covers every kind, each "
    "parameter once": lambda m: sum(
        p.numel() for mod in m.modules()
        if isinstance(mod, (torch.nn.Linear, torch.nn.Embedding, torch.nn.LayerNorm))
        for p in mod.parameters(recurse=False) if p.requires_grad),
    "that is in_features * out_features + out_features summed over the nn.Linear layers "
    "alone: every other kind of layer is skipped (Embedding, LayerNorm, BatchNorm1d, a "
    "Conv1d), and the formula counts a bias even for bias=False and reads no requires_grad; "
    "add up p.numel() of every p in model.parameters() with p.requires_grad":
        lambda m: sum(mod.in_features * mod.out_features + mod.out_features
                      for mod in m.modules() if isinstance(mod, torch.nn.Linear)),
    "that counts each layer's weight plus weight.shape[0] numbers as its bias (a bias "
    "assumed for every layer with a weight): an Embedding has no bias, nor has a layer made "
    "with bias=False, and parameters not called weight are skipped; add up p.numel() of "
    "every p in model.parameters() with p.requires_grad": lambda m: sum(
        mod.weight.numel() + mod.weight.shape[0] for mod in m.modules()
        if isinstance(getattr(mod, "weight", None), torch.nn.Parameter)
        and mod.weight.requires_grad),
    "that leaves out the scalar parameters (shape (), p.dim() == 0, such as a learned "
    "temperature): `if p.dim()` or `if p.shape` is False for them; p.numel() counts a scalar as "
    "1": lambda m: sum(p.numel() for p in _trainable(m) if p.dim()),
    "that counts only the parameters named weight or bias; a parameter can have any "
    "name (this model has scale and shift): count every p in model.parameters()":
        lambda m: sum(p.numel() for n, p in m.named_parameters() if p.requires_grad
                      and n.rsplit(".", 1)[-1] in ("weight", "bias")),
    "that adds up p.shape[0] (each parameter's first size, as len(p) gives it); p.numel() "
    "is the number of entries": lambda m: sum(p.shape[0] for p in _trainable(m)),
    "that multiplies only the first two sizes of each parameter (rows times columns); "
    "a parameter can have more dimensions (Conv1d's weight is 3-D): p.numel() counts "
    "every entry": lambda m: sum(p.shape[0] * (p.shape[1] if p.dim() > 1 else 1)
                                 if p.dim() else 1 for p in _trainable(m)),
    "that multiplies the first and the last size of each parameter (p.shape[0] * "
    "p.shape[-1]), which squares every 1-D bias (30 becomes 900): p.numel() counts the "
    "entries of a tensor of any shape":
        lambda m: sum(p.shape[0] * p.shape[-1] for p in _trainable(m) if p.dim()),
    "that counts only the non-zero entries (torch.count_nonzero(p), or (p != 0).sum()): "
    "a bias or a norm's shift starts at zero, yet every entry is a parameter; p.numel() "
    "counts them all": lambda m: sum(int(torch.count_nonzero(p)) for p in _trainable(m)),
    "that counts each parameter's DISTINCT values (p.unique().numel(), or len(set(...))): "
    "a norm's weight of ones or a bias of zeros holds one distinct value but many numbers; "
    "p.numel() counts every entry": lambda m: sum(p.unique().numel() for p in _trainable(m)),
    "that keeps ONE parameter per layer (the last one, its bias here): the parameters "
    "were told apart by their module's name (name.rsplit('.', 1)[0]), so a layer's weight "
    "and bias share one key; model.parameters() already yields each parameter once, so no "
    "deduplication is needed": lambda m: sum({n.rsplit(".", 1)[0]: p.numel() for n, p in
                                              m.named_parameters() if p.requires_grad}.values()),
    "that is the size in bytes (p.numel() * p.element_size(): 4 bytes per float32 "
    "number); count the numbers themselves, p.numel()":
        lambda m: sum(p.numel() * p.element_size() for p in _trainable(m)),
    "your count depends on the parameters' dtype: the float32 models come out right and the "
    "float64 one (8 bytes per number) twice too large, as bytes divided by 4 give "
    "(p.numel() * p.element_size() // 4, or nbytes / 4, assumes float32); count the numbers "
    "themselves, p.numel(), whatever their dtype":
        lambda m: sum(p.numel() * p.element_size() // 4 for p in _trainable(m)),
    "parameters of the same size (a LayerNorm's weight and bias) count once: a set of sizes, "
    "or a dict keyed by size or shape, keeps each key once; add up p.numel() of every "
    "parameter (a generator or list, not a set {...} or dict)":
        lambda m: sum({p.numel() for p in _trainable(m)}),
    "that counts the frozen weights (but not the frozen biases): `\"weight\" in name or "
    "\"bias\" in name and p.requires_grad` means `\"weight\" in name or (\"bias\" in name "
    "and p.requires_grad)`; test p.requires_grad for every parameter":
        lambda m: sum(p.numel() for n, p in m.named_parameters()
                      if "weight" in n or ("bias" in n and p.requires_grad)),
    "that counts a shared (tied) parameter once for every module that holds it; "
    "model.parameters() yields each parameter once: use it (not model.modules(), state_dict() "
    "or remove_duplicate=False)": lambda m: sum(
        p.numel() for _, p in m.named_parameters(remove_duplicate=False) if p.requires_grad),
    "that counts only the parameters of the leaf modules (those without children); a "
    "module can hold parameters of its own beside its children: count every p in "
    "model.parameters()": lambda m: sum(
        p.numel() for mod in m.modules() if not any(True for _ in mod.children())
        for p in mod.parameters() if p.requires_grad),
    "that counts the parameters of nested modules again: model.modules() yields the "
    "model and every submodule, and each m.parameters() already recurses; use "
    "model.parameters() once": lambda m: sum(p.numel() for mod in m.modules()
                                             for p in mod.parameters() if p.requires_grad),
    "that stops counting at the first frozen parameter (a `break` where `continue` belongs: "
    "with the middle layer frozen only the first layer's 90 are counted, the last layer's 42 "
    "never): skip a frozen parameter and go on, or count sum(p.numel() for p in "
    "model.parameters() if p.requires_grad)": _until_frozen,
    "that judges the whole model by its FIRST parameter's requires_grad (every parameter "
    "when the first trains, none when it is frozen: with the middle layer frozen you counted "
    "all 752, with the first layer frozen 0): each parameter has its own flag; count "
    "sum(p.numel() for p in model.parameters() if p.requires_grad)":
        lambda m: sum(p.numel() for p in m.parameters())
        if next(m.parameters()).requires_grad else 0,
    "that honours freezing only in the FIRST layer (its frozen parameters left out, a frozen "
    "layer anywhere else counted: with the middle layer frozen you counted all 752); the "
    "docstring's 752 - 90 = 662 is one example, not the rule: test p.requires_grad of every "
    "parameter, sum(p.numel() for p in model.parameters() if p.requires_grad)":
        lambda m: sum(p.numel() for p in m.parameters()) - sum(
            p.numel() for p in _first_layer(m) if not p.requires_grad),
    "that is the size of the FIRST trainable parameter alone: a "
    "`return total` indented inside the for loop ends the function after the first "
    "parameter it adds (or a break there); return after the loop":
        lambda m: ([p.numel() for p in _trainable(m)] + [0])[0],
    "that is the size of the LAST trainable parameter alone (the last layer's bias: `total = "
    "p.numel()` replaces the count instead of adding to it); add every one up, total += "
    "p.numel()": lambda m: ([0] + [p.numel() for p in _trainable(m)])[-1],
    "that counts only the model's own parameters: model.parameters(recurse=False) leaves out "
    "those of its submodules; call model.parameters() with the default recurse=True":
        lambda m: sum(p.numel() for p in m.parameters(recurse=False) if p.requires_grad),
    "that counts only the parameters held directly by the model's children: "
    "model.parameters() recurses into every submodule, children() does not":
        lambda m: sum(p.numel() for c in m.children() for p in c.parameters(recurse=False)
                      if p.requires_grad),
    "that leaves out the parameters the model holds ITSELF (beside its submodules): "
    "model.modules() starts with the model, and skipping that first entry "
    "(list(model.modules())[1:], or a named_modules() name test) skips its own parameters; "
    "model.parameters() yields every parameter once, the model's own included":
        lambda m: sum(p.numel() for sub in list(m.modules())[1:]
                      for p in sub.parameters(recurse=False) if p.requires_grad),
    "that counts every BIAS TWICE (the right count plus each module's .bias again): "
    "model.parameters() already yields the biases beside the weights, so adding m.bias "
    "counts them a second time; count sum(p.numel() for p in model.parameters() if "
    "p.requires_grad) alone":
        lambda m: sum(p.numel() for p in _trainable(m)) + sum(
            b.numel() for mod in m.modules()
            if isinstance(b := getattr(mod, "bias", None), torch.nn.Parameter)
            and b.requires_grad),
    "that counts only ONE parameter per last name part (the first 'weight' and the first "
    "'bias': telling parameters apart by name.split('.')[-1] treats every layer's weight as "
    "the same one); model.parameters() already yields each parameter once, a tied weight "
    "too, so no deduplication is needed":
        lambda m: sum(p.numel() for p in {n.split(".")[-1]: p for n, p in reversed(
            list(m.named_parameters())) if p.requires_grad}.values()),
    "that multiplies the sizes with a product that is never reset: `n = 1` stands before "
    "the loop over the parameters, so each parameter's product goes on from the previous "
    "one's; start the product at 1 for every parameter (or use p.numel())":
        lambda m: _carried_product(m),
}


def _carried_product(model):
    """The count when a running product of sizes is started once, outside the parameter loop."""
    total, n = 0, 1
    for p in _trainable(model):
        for size in p.shape:
            n *= size
        total += n
    return total


class _KeepVars(NeuralNetwork):
    """NeuralNetwork(2, 2) whose state_dict() hands out the parameters themselves (as
    ``keep_vars=True`` does), so an answer that reads state_dict() sees requires_grad."""

    def state_dict(self, *args, **kwargs):
        kwargs["keep_vars"] = True
        return super().state_dict(*args, **kwargs)


def _zero_cause(impl):
    """The answer counted 0 for every model: tell apart p.grad, state_dict() and the rest by
    two probes that a correct answer counts as 752."""
    with_grads = NeuralNetwork(2, 2)
    with_grads(torch.ones(3, 2)).sum().backward()  # every parameter now has a .grad
    probes = {}
    for key, model in (("grad", with_grads), ("state_dict", _KeepVars(2, 2))):
        try:
            probes[key] = impl(model)
        except Exception:  # noqa: BLE001 - a crash here is no evidence either way
            probes[key] = None
    if probes["grad"] == 752:
        return ("you counted 0 for every model, but 752 once the parameters hold gradients: "
                "you tested p.grad, which is None before any backward(); test "
                "p.requires_grad")
    names = _names_read(impl)
    if "is_leaf" in names or "grad_fn" in names:
        return ("you counted 0 for every model, even with every parameter trainable, and your "
                "code reads p." + ("is_leaf" if "is_leaf" in names else "grad_fn") + ": every "
                "parameter is a leaf tensor (is_leaf True, grad_fn None), frozen or not, so a "
                "test of `not p.is_leaf` (or p.grad_fn is not None) drops them all; whether a "
                "parameter trains is p.requires_grad alone")
    if probes["state_dict"] == 752:
        return ("you counted 0 for every model: the tensors of model.state_dict() are "
                "detached copies whose requires_grad is always False; loop over "
                "model.parameters() and test p.requires_grad")
    if names & {"shape", "size"} and not names & {"numel", "data", "detach", "state_dict"}:
        return ("you counted 0 for every model, even with every parameter trainable, and your "
                "code multiplies the sizes in p.shape: every product came out 0, so it starts "
                "at 0 (functools.reduce(operator.mul, p.shape, 0), or prod = 0 before prod *= "
                "size) and stays 0 whatever the sizes; start the product at 1 "
                "(math.prod(p.shape)) or use p.numel()")
    return ("you counted 0 for every model, even with every parameter trainable: a detached "
            "tensor (p.data, p.detach()) never requires gradients, and a total that is never "
            "added to stays 0; add up p.numel() of every p in model.parameters() with "
            "p.requires_grad")


# --- exA_2: a Dataset for new data ---------------------------------------------------------------

_ROWS = [(0.5, -1.0, 1), (2.0, 3.0, 0), (-1.5, 0.25, 1), (4.0, 1.0, 2), (0.0, 0.0, 0)]
# three features; a class index above 255, which a uint8 (or int8) label table wraps around
_ROWS3 = [(1.0, 2.0, 3.0, 2), (-1.0, 0.5, 0.0, 0), (0.25, -2.0, 1.5, 300)]
_ROWS_INT = [(1, 2, 3, 4, 0), (5, -6, 7, 8, 1), (0, 9, -2, 3, 1), (4, 4, 4, 4, 0)]  # whole numbers
# labels written as floats (as read from a CSV file); one feature per row; a single row
_ROWS_FLOAT_LABELS = [(0.5, 2.5, 1.0, 2.0), (1.5, -0.5, 3.0, 0.0), (-2.0, 1.0, 0.5, 1.0)]
_ROWS_ONE_FEATURE = [(0.75, 1), (-1.25, 0), (2.5, 1), (3.0, 0), (-0.5, 1), (1.0, 0)]
_ROWS_SINGLE = [(1.5, -2.0, 1)]


def check_points_dataset(impl):
    """Six sets of rows (2, 3, 4 and 1 features, whole numbers, float labels, a single row),
    then the rows left unchanged, repeated rows, two datasets side by side and a DataLoader:
    each a case of its own, so that a failure only a fresh copy of the answer avoids is named
    as state kept between calls."""
    check_cases(state_probed(impl, probe_first=False, cases=[
        *((f"{len(rows)} row{'s' * (len(rows) != 1)} of {len(rows[0]) - 1} feature"
           f"{'s' * (len(rows[0]) != 2)}", functools.partial(_check_rows, rows=rows))
          for rows in (_ROWS, _ROWS3, _ROWS_INT, _ROWS_FLOAT_LABELS, _ROWS_ONE_FEATURE,
                       _ROWS_SINGLE)),
        ("rows kept, repeated rows and two datasets", _check_datasets_apart),
        ("an index past the end, and rows of NumPy numbers", _check_past_end_and_numpy),
        ("a class index past 2**24", _check_large_class_index),
        ("a missing value (NaN) and infinite features", _check_missing_values),
        ("a label of -100 (F.cross_entropy's ignore_index)", _check_negative_label),
        ("a machine with a GPU", lambda impl: _cuda_chosen(
            impl, lambda fresh: fresh(_ROWS)[0], "PointsDataset(5 rows of 2 features)[0]",
            "a device chosen as 'cuda' if torch.cuda.is_available() else 'cpu' puts the "
            "dataset's tensors on the GPU. A Dataset hands out its items on the CPU, as "
            "torch.tensor(...) makes them: the DataLoader's worker processes and pin_memory "
            "expect CPU tensors, and the training loop moves each batch to wherever the "
            "caller keeps the model; leave the device out"))]))


def _check_missing_values(impl):
    """Rows holding NaN (a missing measurement, as pandas reads an empty cell) and infinities:
    the dataset keeps every row and every number as it is; cleaning the data (dropping such
    rows, or replacing the numbers) is the caller's decision, and a dataset that does it
    silently changes which example item i is."""
    nan, inf = float("nan"), float("inf")
    rows = [(1.0, nan, 0), (inf, 2.0, 1), (0.5, -0.5, 1), (3.0, -inf, 0)]
    table = torch.tensor([row[:-1] for row in rows], dtype=torch.float32)
    what = "for the rows [(1.0, nan, 0), (inf, 2.0, 1), (0.5, -0.5, 1), (3.0, -inf, 0)]"
    ds = impl(rows)
    if len(ds) != len(rows):
        raise CheckFailure(
            f"{what}, len(dataset) is {len(ds)}, expected {len(rows)}: rows holding NaN or "
            "an infinity were dropped (a filter with math.isnan, math.isfinite or "
            "torch.isnan?); the dataset keeps every row, so that item i is row i: cleaning "
            "the data is the caller's decision, made before the rows are handed over")
    got = [ds[i][0] for i in range(len(rows))]
    if all(torch.is_tensor(g) and g.shape == (2,) for g in got):
        mine = torch.stack(got).float()
        if torch.equal(mine.isnan(), table.isnan()) and \
                torch.equal(torch.nan_to_num(mine), torch.nan_to_num(table)):
            return
        changed = ~((mine == table) | (mine.isnan() & table.isnan()))
        kept = torch.equal(mine[~changed], table[~changed])
        if kept and not table.isfinite()[changed].any():
            raise CheckFailure(
                f"{what}, the features came back as {mine.tolist()}, expected "
                f"{table.tolist()}: your dataset replaced the NaN and infinite numbers "
                "(torch.nan_to_num, a fill with 0, or a clamp?) and kept every other number "
                "as it was; the features hold the row's numbers as they are, NaN and "
                "infinities included: cleaning the data is the caller's decision")
        raise CheckFailure(f"{what}, the features came back as {mine.tolist()}, expected "
                           f"{table.tolist()}: the rows without NaN or an infinity came out "
                           "right in the earlier cases; keep every number as it is")
    raise CheckFailure(f"{what}, the items' features are {got!r}; expected tensors of shape (2,)")


def _check_negative_label(impl):
    """A label of -100, the value F.cross_entropy skips by default (ignore_index=-100: an
    example marked as not to be scored, as chapter 7 marks padding): the dataset hands it out
    as it is; a label made non-negative (abs, a clamp at 0) turns it into a class."""
    rows = [(0.5, 1.0, -100), (1.5, -2.0, 1), (-1.0, 0.5, 0)]
    ds = impl(rows)
    got = [ds[i][1] for i in range(len(rows))]
    if all(torch.is_tensor(g) and g.dtype == torch.int64 and g.ndim == 0 for g in got):
        values = [int(g) for g in got]
        if values == [-100, 1, 0]:
            return
        what = (f"for the rows {rows}, the labels came back as {values}, expected [-100, 1, 0] "
                "(-100 is F.cross_entropy's ignore_index: an example the loss skips)")
        how = {100: "made positive (abs(label)?)",
               0: "replaced by 0 (a clamp at 0, max(label, 0), or negative labels taken for "
                  "missing ones?)"}
        if values[1:] == [1, 0] and values[0] in how:
            raise CheckFailure(
                f"{what}: the label -100 was {how[values[0]]}, so the example becomes one of "
                f"class {values[0]} and is trained on; the label is the row's last entry as "
                "it is, negative included: torch.tensor(row[-1], dtype=torch.int64)")
        raise CheckFailure(f"{what}: keep each row's last entry as it is, "
                           "torch.tensor(row[-1], dtype=torch.int64)")
    raise CheckFailure(f"for the rows {rows}, the labels came back as {got!r}; expected 0-d "
                       "int64 tensors holding -100, 1 and 0")


def _check_large_class_index(impl):
    """A class index of 16,777,217 (2**24 + 1, as an item id in a large catalogue can be): an
    int64 label keeps it, a label that went through float32 (one float32 table of whole rows,
    then ``.long()`` of its last column) comes back as 16,777,216."""
    rows = [(0.5, 1.0, 2**24 + 1), (1.5, -2.0, 3)]
    ds = impl(rows)
    label = ds[0][1]
    if torch.is_tensor(label) and label.dtype == torch.int64 and label.ndim == 0 and \
            label.item() == 2**24 + 1:
        return
    got = (f"{label!r} ({label.dtype}, shape {tuple(label.shape)})" if torch.is_tensor(label)
           else repr(label))
    what = f"for the rows {rows}, dataset[0] label is {got}; expected tensor(16777217) in int64"
    if torch.is_tensor(label) and label.numel() == 1 and \
            float(label.reshape(()).item()) == float(torch.tensor(2**24 + 1.0).item()):
        raise CheckFailure(
            f"{what}: the label went through float32 on the way (one table of whole rows "
            "built with dtype=torch.float32, then its last column cast back with .long()?); "
            "float32 holds whole numbers exactly only up to 2**24 (16,777,216), so a larger "
            "class index is rounded; build the labels from the rows' last entries directly, "
            "torch.tensor([row[-1] for row in rows], dtype=torch.int64)")
    raise CheckFailure(f"{what}: the smaller class indices came back right, so the label is "
                       "held in a type that cannot keep a large whole number; build the labels "
                       "with dtype=torch.int64")


def _check_rows(impl, rows):
    """One set of rows: the length, three items (shape, dtype, values) and the labels."""
    k = len(rows[0]) - 1
    try:
        ds = impl(rows)
    except TypeError as err:
        if "indices must be integers or slices, not tuple" not in str(err):
            raise
        raise CheckFailure(
            f"PointsDataset(rows) raised TypeError: {err} (rows = {rows[0]}, ..., a Python "
            f"list of {type(rows[0]).__name__}s). Two-index slicing such as "
            "rows[:, :-1] works on a tensor or a NumPy array, not on a list: build the "
            "table first, table = torch.tensor(rows, dtype=torch.float32), then slice "
            "table[:, :-1] and table[:, -1], or take row[:-1] for row in rows") from None
    except RuntimeError as err:
        small = re.search(r"converted to type (\w+) without overflow", str(err))
        info = small and getattr(torch, small[1], None)
        if info is None or info.is_floating_point:
            raise
        low, high = torch.iinfo(info).min, torch.iinfo(info).max
        labels = [row[-1] for row in rows]
        outside = [v for v in labels if not low <= v <= high]
        features = [v for row in rows for v in row[:-1] if not low <= v <= high]

        def builds(probe):
            try:
                impl(probe)
            except Exception:  # noqa: BLE001 - the probe only tells which column overflows
                return False
            return True

        if outside and features:  # which of them: rebuild with one of the two in range
            if builds([(*row[:-1], i % 2) for i, row in enumerate(rows)]):
                features = []
            elif builds([(*(1.0 for _ in row[:-1]), row[-1]) for row in rows]):
                outside = []
        raise CheckFailure(
            f"PointsDataset(rows) raised RuntimeError: {err} (rows with the labels {labels}): "
            f"a torch.{small[1]} table holds only {low} to {high}, and "
            + (f"the label{'s' * (len(outside) > 1)} {outside} "
               f"{'are' if len(outside) > 1 else 'is'} outside it: you kept the labels in a "
               "small integer dtype (to save memory?); a class index can be any size: "
               "torch.tensor(labels, dtype=torch.int64)"
               if outside and not features else
               f"the features {features[:4]} are outside it: features are float32, "
               "torch.tensor(features, dtype=torch.float32)" if features and not outside else
               f"the labels {outside} and the features {features[:4]} are outside it: the "
               "features are float32 and the labels int64")) from None
    try:  # read once: a dataset that shares its rows grows with every new one
        size = len(ds)
    except TypeError as err:
        cause = _zero_d_table_cause(ds, rows)
        if cause is not None:
            raise CheckFailure(f"len(dataset) failed for 1 row ({err}): {cause}") from None
        raw = ds.__len__()
        how = (f", the shape {tuple(raw)}: return its first entry, len(self.labels) or "
               "self.labels.shape[0]" if isinstance(raw, tuple) else
               f" ({raw!r}): len(self.labels) gives the int" if torch.is_tensor(raw) else
               ": return an int, len(self.labels)")
        raise CheckFailure(f"len(dataset) failed for {len(rows)} rows ({err}): your "
                           f"__len__ returns a {type(raw).__name__}{how}") from None
    if size != len(rows):
        why = (": 2 is the number of dimensions of the feature table, (rows, features), "
               "the same for any rows (len(self.features.shape), or features.ndim); use "
               "features.shape[0] or len(self.labels)" if size == 2 and _table_ndim(impl) else
               f": {k} is the number of features in a row (features.shape[1]); use "
               "features.shape[0] or len(self.labels)" if len(ds) == k else
               f": {k + 1} is the length of one row (len(rows[0]))"
               if len(ds) == k + 1 else
               f": that is {len(rows)} rows times {k} features (features.numel()); use "
               "features.shape[0] or len(self.labels)" if len(ds) == len(rows) * k else
               _label_filter_cause(ds, rows) or _row_slice_cause(ds, k, rows)
               if len(ds) == len(rows) - 1 else
               _label_filter_cause(ds, rows) if len(ds) < len(rows) else
               _shared_rows_cause(impl) if len(ds) > len(rows) else "")
        raise CheckFailure(f"len(dataset) is {size} for {len(rows)} rows; it should be "
                           f"the number of rows{why}")
    for i in (0, len(rows) // 2, len(rows) - 1):
        try:
            item = ds[i]
        except IndexError as err:
            cause = _zero_d_table_cause(ds, rows)
            if cause is None:
                raise
            raise CheckFailure(f"for rows of {k} feature{'s' * (k != 1)} and a label, "
                               f"dataset[{i}] raised IndexError "
                               f"({str(err).split('. ')[0]}): {cause}") from None
        if isinstance(item, list) and len(item) == 2:
            raise CheckFailure(f"dataset[{i}] is a list [features, label]; return a tuple, "
                               "as a Dataset item usually is: return features, label")
        if not (isinstance(item, tuple) and len(item) == 2):
            raise CheckFailure(f"dataset[{i}] should be a pair (features, label), got "
                               f"{item!r}")
        features, label = item
        j = (i + 1) % len(rows)
        later = ds[j][0] if j != i else None
        if torch.is_tensor(features) and torch.is_tensor(later) and features.numel() and (
                later is features or later.data_ptr() == features.data_ptr()):
            raise CheckFailure(
                f"dataset[{i}] and dataset[{j}] hand out the same features tensor (one "
                f"buffer filled in place by every __getitem__?), so reading dataset[{j}] "
                f"turned the features of dataset[{i}] into those of row {j}, "
                f"{list(rows[j][:-1])}, and a DataLoader batch would hold one row many "
                "times: return each item's own tensor, self.features[index]")
        if not torch.is_tensor(features):
            raise CheckFailure(f"dataset[{i}] features are a {type(features).__name__}; "
                               "return them as a float32 tensor, e.g. torch.tensor(row[:-1],"
                               " dtype=torch.float32)")
        if features.shape != (k,):
            shape = tuple(features.shape) if torch.is_tensor(features) else type(features)
            if shape == () and torch.is_tensor(label) and tuple(label.shape) == (k,):
                hint = "your items are (label, features); return (features, label)"
            elif shape == (k + 1,):
                hint = "the label is still inside the features; leave out the last entry"
            elif shape == (2,):
                hint = ("you kept only the first 2 numbers; a row may have any number of "
                        "features: take every number except the last")
            elif shape == (1, k) and torch.is_tensor(label) and label.ndim == 0:
                hint = ("the features have an extra leading dimension of 1, the label "
                        "has none: an unsqueeze(0), view(1, -1) or [None] on the features, "
                        "or torch.tensor([row[:-1]]) with one pair of brackets too many; "
                        "make them torch.tensor(row[:-1], dtype=torch.float32)")
            elif shape == (1, k):
                hint = ("each item keeps a batch dimension of 1 (a slice such as "
                        "features[index:index + 1], or [[index]]); index with the integer "
                        "itself: self.features[index], self.labels[index]")
            elif shape == (k, 1):
                hint = (f"the features are a column of shape ({k}, 1): a view(-1, 1), "
                        f"unsqueeze(1) or reshape({k}, 1) on them; keep them 1-D, "
                        "self.features[index] as it is")
            elif shape == (len(rows),) and i < k and torch.allclose(
                    features.float(), torch.tensor([float(row[i]) for row in rows])):
                table = torch.tensor([[float(v) for v in row[:-1]] for row in rows])
                kept = next((name for name, v in vars(ds).items() if torch.is_tensor(v)
                             and v.shape == table.shape and torch.allclose(v.float(), table)),
                            None)
                hint = (f"the features hold feature {i} of every row (column {i}), yet your "
                        f"table self.{kept} is the right way round, (rows, features): "
                        f"__getitem__ reads a column, self.{kept}[:, index], where the row "
                        f"self.{kept}[index] belongs" if kept else
                        f"the features hold feature {i} of every row (column {i}), so "
                        "the feature table is transposed, (features, rows) instead of "
                        "(rows, features): built column by column (zip(*rows)) or with a "
                        ".T too many; make one row of the table per example, "
                        "torch.tensor([row[:-1] for row in rows])")
            elif shape == (k - 1,):
                try:  # rows of 4 features tell row[:-2] (3 kept) from row[:1] (1 kept)
                    probe = impl(_ROWS_INT)[0][0]
                except Exception:  # noqa: BLE001 - a crash here is no evidence
                    probe = None
                hint = _missing_feature_hint(features, rows[i], probe)
            elif shape == () and (k == 1 or len(rows) == 1):
                hint = ("the features lost a dimension: with "
                        + ("one feature per row" if k == 1 else "a single row")
                        + " the feature table has a dimension of size 1, and a squeeze() "
                        "removes it; keep the table 2-D, (rows, features), and leave out "
                        "squeeze()")
            else:
                shown = (features.tolist() if torch.is_tensor(features)
                         and features.numel() <= 12 else "")
                hint = (f"row {i} is {rows[i]}, so its features are every number except "
                        f"the last (the label), {list(rows[i][:-1])}"
                        + (f"; yours are {shown}" if shown != "" else ""))
            raise CheckFailure(f"for rows of {k} feature{'s' * (k != 1)} and a label, "
                               f"dataset[{i}] features "
                               f"have shape {shape}; expected ({k},): {hint}")
        if features.dtype != torch.float32:
            whole = (" (rows of whole numbers give int64 unless you pass "
                     "dtype=torch.float32)" if features.dtype == torch.int64 else "")
            raise CheckFailure(f"for rows {rows[0]}, ...: dataset[{i}] features have dtype "
                               f"{features.dtype}; models expect torch.float32{whole}")
        if not torch.is_tensor(label) or label.dtype != torch.int64 or label.ndim != 0:
            desc = f"{label.dtype}, shape {tuple(label.shape)}" if torch.is_tensor(label) \
                else type(label).__name__
            others = [ds[j][1] for j in range(len(rows))]
            sized = all(torch.is_tensor(t) and t.ndim == 1 and t.shape[0] == row[-1]
                        for t, row in zip(others, rows))
            also = ("; each label is a tensor with as many entries as the label's value: "
                    "torch.LongTensor(n) makes an empty tensor OF SIZE n, not one holding "
                    "n; write torch.tensor(label, dtype=torch.long)" if sized else "")
            if (not also and torch.is_tensor(label) and tuple(label.shape) == (len(rows),)
                    and len(rows) > 1):
                also = (f"; that is one entry per row ({len(rows)} rows): the item holds "
                        "every label, self.labels, where it needs the one at index, "
                        "self.labels[index]")
            if (not also and torch.is_tensor(label) and label.dtype.is_floating_point
                    and isinstance(rows[i][-1], int)):
                also = (f"; the rows hold the label as an int ({rows[i][-1]}), so the "
                        "float came from your code: a table made with "
                        "dtype=torch.float32 turns every column float, the label column "
                        "too; convert the labels, .long(), or build them apart")
            if (not also and torch.is_tensor(label) and label.dtype.is_floating_point
                    and isinstance(rows[i][-1], float)):
                also = (f"; the rows here hold their labels as floats ({rows[i][-1]}, as "
                        "read from a CSV file), and torch.tensor keeps that float dtype "
                        "unless you pass dtype=torch.int64 (or torch.long)")
            if not also and torch.is_tensor(label) and tuple(label.shape) == (1,):
                also = ("; a 1-element tensor keeps a dimension: torch.tensor(row[-1:]), "
                        "torch.tensor([label]) or torch.LongTensor([label]) (brackets "
                        "around the value); torch.tensor(row[-1], dtype=torch.int64) of "
                        "the number itself is 0-d")
            if (not also and torch.is_tensor(label) and label.dim() == 1
                    and len(label) > int(rows[i][-1]) and
                    label.tolist() == [int(c == int(rows[i][-1])) for c in range(len(label))]):
                also = (f"; that is a one-hot row (a 1 at position {int(rows[i][-1])}, the "
                        f"class, among {len(label)} zeros and ones: F.one_hot?): "
                        "F.cross_entropy takes the class index itself, "
                        "torch.tensor(row[-1], dtype=torch.int64)")
            if not also and isinstance(label, int):
                also = ("; a Python int is not a tensor: make it one, "
                        "torch.tensor(row[-1], dtype=torch.int64)")
            if not also and type(label).__module__ == "numpy":
                desc = f"a NumPy {type(label).__name__} (numpy.{type(label).__name__})"
                also = ("; that is NumPy's number, not a torch tensor, though its dtype name "
                        "reads alike: an item taken from a NumPy array stays NumPy (a "
                        "DataLoader converts it, but dataset[i] does not); keep the labels as "
                        "a tensor, torch.tensor(labels, dtype=torch.int64) or "
                        "torch.from_numpy(array)")
            raise CheckFailure(f"for rows {rows[0]}, ...: dataset[{i}] label is {desc}; "
                               "expected a 0-d torch.int64 tensor (F.cross_entropy needs "
                               "integer class indices, and a batch of labels must have "
                               f"shape (batch_size,)){also}")
        if features.requires_grad:
            raise CheckFailure(f"for rows {rows[0]}, ...: dataset[{i}] features require "
                               "gradients (requires_grad=True when the tensor was made?): "
                               "data are inputs, not parameters, and autograd would track "
                               "every operation on them; make them with torch.tensor(..., "
                               "dtype=torch.float32) alone")
        table = torch.tensor([row[:-1] for row in rows], dtype=torch.float32)
        spread = table.std(0) if len(rows) > 1 else torch.ones(k)
        cause = likely_cause(features, {
            "You standardised the features (mean 0, std 1 per column); keep the numbers "
            "as they are in the rows": ((table - table.mean(0)) / spread)[i],
            "You rescaled each feature column to [0, 1] (min-max normalisation); keep the "
            "numbers as they are in the rows": ((table - table.min(0).values) / (
                table.max(0).values - table.min(0).values).clamp(min=1e-8))[i],
            ("The features are row[1:]: they skip the first number and keep the label; "
             "take row[:-1], every number but the last"
             if torch.is_tensor(label) and label.item() == rows[i][-1] else
             "You took the label from the first entry and the features from row[1:]; the "
             "label is the LAST entry: features row[:-1], label row[-1]"):
                torch.tensor([row[1:] for row in rows], dtype=torch.float32)[i],
            "The label took the last feature's place: your features end with the row's "
            "last entry, the label, and leave out its last feature, row[-2] (a slice such "
            "as row[:-2] + row[-1:], or the label read from row[-2]?); the features are "
            "every entry but the last, row[:-1], and the label is row[-1]":
                torch.tensor([list(row[:-2]) + [row[-1]] for row in rows],
                             dtype=torch.float32)[i],
            "You scaled each row's features to length 1 (F.normalize, or a division by the "
            f"row's norm): row {rows[i]} gave "
            f"{[round(float(v), 4) for v in torch.nn.functional.normalize(table, dim=1)[i]]}; "
            "keep the numbers as they are in the rows":
                torch.nn.functional.normalize(table, dim=1)[i],
            "You divided the features by 255 (the pixel scaling of image tutorials); "
            "these numbers are no pixels: keep them as they are in the rows":
                table[i] / 255,
            "The fractions were cut off (0.5 became 0): the numbers went through an "
            "integer dtype (dtype=torch.long, or int()) before becoming floats; build the "
            "features with dtype=torch.float32 directly": table[i].trunc(),
        })
        if cause is not None and cause.startswith("The fractions were cut off"):
            try:  # every row tells a cut (-1.5 -> -1) from a rounding (-1.5 -> -2)
                mine = torch.stack([ds[j][0].float() for j in range(len(rows))])
            except Exception:  # noqa: BLE001 - unreadable items are no evidence
                mine = None
            if mine is not None and mine.shape == table.shape and torch.equal(
                    mine, table.round()) and not torch.equal(mine, table.trunc()):
                cause = ("The features were rounded to whole numbers (-1.5 became -2, 0.25 "
                         "became 0: a round() on them); keep the numbers as they are in "
                         "the rows, torch.tensor(row[:-1], dtype=torch.float32)")
        other = next((j for j in range(len(rows)) if j != i and len(rows) > 1
                      and torch.equal(features, table[j])
                      and not torch.equal(table[j], table[i])), None)
        if cause is None and other is not None:
            cause = _order_cause(ds, rows, table, lambda rows=rows: impl(rows))
        if cause is None and other is not None:
            try:  # which items hold their own row: a shift moves them all, a slip only one
                own = [j for j in range(len(rows)) if torch.equal(
                    torch.as_tensor(ds[j][0]).float(), table[j])]
            except Exception:  # noqa: BLE001 - unreadable items are no evidence
                own = []
            shift = (other - i) % len(rows)
            shifted = shift in (1, len(rows) - 1) and len(own) < len(rows) - 1
            cause = (f"dataset[{i}] holds the features of row {other}, {rows[other]}, not of "
                     f"row {i}, {rows[i]}: "
                     + ("an index shifted by one (index - 1 or index + 1, as if counting "
                        "from 1?); " if shifted else
                        f"every other item holds its own row's features ({len(own)} of "
                        f"{len(rows)} right), so only row {i}'s features were overwritten or "
                        "swapped (an assignment to one row of the table, such as "
                        f"features[{i}] = features[{other}]?); "
                        if len(own) == len(rows) - 1 else "")
                     + "index with the given index itself, self.features[index]")
        assert_close(features, torch.tensor(rows[i][:-1]), what=f"dataset[{i}] features",
                     hint=cause or f"Features are the row without its last entry, in "
                                   f"order: row {rows[i]} gives {list(rows[i][:-1])}."
                                   + _features_relation(ds, table,
                                                        [row[-1] for row in rows]))
        if label.item() != rows[i][-1]:
            classes = sorted({row[-1] for row in rows})
            mine = _labels_of(ds, len(rows))
            renumbered = mine == [classes.index(row[-1]) for row in rows]
            shifted = mine == [row[-1] - classes[0] for row in rows]
            if renumbered and shifted:  # rows with labels 1 and 3 tell them apart
                try:
                    probed = _labels_of(impl([(0.5, 1.0, 1), (1.5, 0.0, 3)]), 2)
                except Exception:  # noqa: BLE001 - a crash here is no evidence
                    probed = None
                if probed in ([0, 1], [0, 2]):
                    renumbered, shifted = probed == [0, 1], probed == [0, 2]
            seen = list(dict.fromkeys(row[-1] for row in rows))
            first_seen = mine == [seen.index(row[-1]) for row in rows]
            how = ("you subtracted the smallest label (labels - labels.min()), or renumbered "
                   "the classes by their sorted order"
                   if renumbered and shifted else
                   f"you renumbered the classes in the order they first appear in the rows "
                   f"({seen} became 0 to {len(seen) - 1}, as a label encoder or a dict of "
                   "classes filled row by row does)"
                   if first_seen and not renumbered and not shifted else
                   f"you renumbered the classes by their sorted order ({classes} became 0 "
                   f"to {len(classes) - 1})" if renumbered else
                   f"you subtracted the smallest label, {classes[0]} (labels - "
                   "labels.min())" if shifted else "")
            if how:
                raise CheckFailure(f"for rows with the labels {[row[-1] for row in rows]}, "
                                   f"dataset[{i}] label is {label.item()}, expected "
                                   f"{rows[i][-1]}: {how}; the labels are class indices "
                                   "already: keep each row's last entry as it is, row[-1]")
            wrapped = next(((name, low, size) for name, low, size in (
                ("torch.uint8", 0, 256), ("torch.int8", -128, 256), ("torch.int16", -32768, 65536))
                if mine == [(row[-1] - low) % size + low for row in rows]), None)
            if wrapped is not None:
                name, low, size = wrapped
                raise CheckFailure(
                    f"for rows with the labels {[row[-1] for row in rows]}, dataset[{i}] label "
                    f"is {label.item()}, expected {rows[i][-1]}: the label wrapped around, as "
                    f"it does in {name}, which holds only {low} to {low + size - 1} (labels "
                    f"{mine}): a small integer dtype for the labels (to save memory?), cast "
                    "to int64 only afterwards; a class index can be any size: keep the labels "
                    "int64 from the start, torch.tensor(labels, dtype=torch.int64)")
            offsets = {m - row[-1] for m, row in zip(mine, rows)} if mine else set()
            if len(offsets) == 1 and len(rows) > 1:
                d = offsets.pop()
                raise CheckFailure(
                    f"for rows with the labels {[row[-1] for row in rows]}, every label came "
                    f"out {abs(d)} {'higher' if d > 0 else 'lower'} ({mine}): you "
                    f"{'added' if d > 0 else 'subtracted'} {abs(d)} (as if the classes "
                    "counted from 1?); the labels are class indices already: keep each "
                    "row's last entry as it is, row[-1]")
            # an entry of the row (cut to an int) only when it gives every row's label
            entry = next((j for j in range(len(rows[i]) - 1) if mine and all(
                m in (row[j], int(row[j])) for m, row in zip(mine, rows))), None)
            which = (f"that is entry {entry} of the row (row[{entry}]), a feature when the "
                     f"rows hold {k} features; " if entry is not None else "")
            if entry is None and mine and set(mine) <= {0, 1} and \
                    mine == [int(row[-1] > 0) for row in rows]:
                which = (f"your labels {mine} for the rows' last entries "
                         f"{[row[-1] for row in rows]} are 1 wherever the label is above 0: "
                         "a binary cast (row[-1] > 0, or bool) that merges the classes "
                         "above 0; ")
            elif entry is None and mine and set(mine) == {rows[0][-1]}:
                which = (f"every item has the first row's label, {mine[0]} (your labels "
                         f"{mine} for the rows' last entries {[row[-1] for row in rows]}): "
                         "__getitem__ reads the labels at a fixed position "
                         "(self.labels[0]?) instead of at index, self.labels[index]; ")
            elif entry is None and mine:
                which = (f"your labels {mine} for the rows' last entries "
                         f"{[row[-1] for row in rows]}; ")
            raise CheckFailure(f"for rows of {k} features, dataset[{i}] label is "
                               f"{label.item()}, expected {rows[i][-1]}: {which}the label is "
                               "the last entry of the row, row[-1]")


def _table_ndim(impl):
    """Whether ``len(dataset)`` is 2 whatever the rows (4 rows of 4 features, 6 of 1): the
    feature table's number of dimensions (``len(self.features.shape)``), not a count."""
    try:
        return len(impl(_ROWS_INT)) == 2 and len(impl(_ROWS_ONE_FEATURE)) == 2
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return False


def _zero_d_table_cause(ds, rows):
    """Why items of ``ds`` cannot be indexed, when a table the dataset keeps for a single row
    is 0-d: a ``squeeze()`` of a column of one row (shape (1, 1) or (1,)) drops the row
    dimension too, so the labels become one number that ``self.labels[index]`` cannot index.
    None unless there is one row and a kept tensor is 0-d."""
    flat = [(name, v) for name, v in vars(ds).items() if torch.is_tensor(v) and v.ndim == 0]
    if len(rows) != 1 or not flat:
        return None
    name, value = flat[0]
    what = ("the label column" if value.item() == rows[0][-1] else "the feature table")
    return (f"self.{name} is a 0-d tensor, {value!r}, which has no entries to count or index: "
            f"with a single row {what} has shape (1, 1) or (1,), and a squeeze() removes every "
            "dimension of size 1, the rows' too; keep one entry per row: take the column as "
            "table[:, -1] (shape (rows,)), or squeeze only the dimension you mean, "
            ".squeeze(1), not a bare squeeze()")


def _kept_slice(kept, row):
    """Where the kept numbers sit in ``row[:-1]``, as a slice a learner would write
    (``row[:n]``, ``row[-n - 1:-1]`` or ``row[s:s + n]``), or None when they are no run of it."""
    try:
        kept = [float(v) for v in kept.tolist()]
    except (AttributeError, TypeError, ValueError):
        return None
    feats, n = [float(v) for v in row[:-1]], len(kept)
    starts = [s for s in range(len(feats) - n + 1) if feats[s:s + n] == kept]
    if not starts or n == 0:
        return None
    if 0 in starts:
        return f"row[:{n}]", "first"
    if starts[-1] + n == len(feats):
        return f"row[-{n + 1}:-1]", "last"
    return f"row[{starts[0]}:{starts[0] + n}]", None


def _missing_feature_hint(features, row, probe):
    """The hint for features one number short: which slice of the row they are (the first
    numbers, the last ones before the label, the row without its first number), told from
    their values and from the same answer on rows of 4 features (``probe``)."""
    k = len(row) - 1
    probe_shape = tuple(probe.shape) if torch.is_tensor(probe) else None
    if probe_shape == (k - 1,):  # the same length for 4 features: a fixed slice
        where = _kept_slice(probe, _ROWS_INT[0]) or _kept_slice(features, row)
        if where is not None and where[1] == "last":
            return (f"only the last {k - 1} feature(s) before the label are kept, also for "
                    f"rows of 4 features ({probe_shape}): a fixed slice such as "
                    f"{where[0]}; the features are every number except the last, row[:-1]")
        return (f"only the first {k - 1} feature(s) are kept, also for rows of 4 "
                f"features ({probe_shape}): a fixed slice such as row[:{k - 1}]; the "
                "features are every number except the last, row[:-1]")
    where = _kept_slice(features, row)
    if where is not None and where[0] == f"row[-{k}:-1]" and where[1] == "last":
        return (f"the row's first number is missing: row {tuple(row)} gives "
                f"{features.tolist()}, every feature but the first (row[1:-1], as if "
                "the first column were an id?); only the label is left out, row[:-1]")
    return ("one feature is missing: row[:-1] already leaves out only the "
            "label (row[:-2] drops a feature too)")


def _check_datasets_apart(impl):
    """The caller's rows left unchanged, a repeated row kept, a second dataset leaving the
    first as it was, a DataLoader's batch shapes and the exact features."""
    rows = [list(row) for row in _ROWS3]  # rows given as lists must come back unchanged
    impl(rows)
    if rows != [list(row) for row in _ROWS3]:
        raise CheckFailure(f"your dataset changed the rows it was given ({rows[0]} instead of "
                           f"{list(_ROWS3[0])}; list.pop()?): read the rows, row[:-1] and "
                           "row[-1], without changing them")
    repeated = [(1.0, 2.0, 0), (3.0, 4.0, 1), (1.0, 2.0, 0)]  # a row can occur twice
    if len(impl(repeated)) != 3:
        raise CheckFailure(f"for the rows {repeated} (the first one repeated) len(dataset) is "
                           f"{len(impl(repeated))}, expected 3: you removed repeated rows (a set "
                           "or dict.fromkeys?); every row is an example, even a repeated one")
    ds = impl(_ROWS)
    impl(_ROWS3)  # a second dataset must leave the first one as it was
    first = ds[0][0] if len(ds) == len(_ROWS) else None
    if not (torch.is_tensor(first) and first.tolist() == list(_ROWS[0][:-1])):
        raise CheckFailure(
            f"a dataset of the rows {_ROWS[0]}, ... changed when a second dataset, of the rows "
            f"{_ROWS3[0]}, ..., was built: it now has {len(ds)} items and dataset[0] features "
            f"{ds[0][0].tolist() if len(ds) else None}: your datasets share their data, which "
            "is kept on the class (PointsDataset.features = ..., or a list in the class body) "
            "or in a module-level variable instead of on each dataset; store it on self, "
            "self.features = ... in __init__")
    features, labels = next(iter(DataLoader(ds, batch_size=4)))
    if features.shape != (4, 2) or labels.shape != (4,):
        raise CheckFailure(f"a DataLoader with batch_size=4 gave features {tuple(features.shape)} "
                           f"and labels {tuple(labels.shape)}; expected (4, 2) and (4,)")
    _check_exact_features(impl)


def _check_past_end_and_numpy(impl):
    """dataset[len(rows)] must fail (IndexError ends a `for item in dataset` loop), and rows of
    NumPy numbers (the rows of a float64 array, as np.loadtxt gives, or of an int32 array, as
    a Windows NumPy gives) must give float32 features and int64 labels all the same."""
    import numpy as np

    ds = impl([list(row) for row in _ROWS])
    try:
        extra = ds[len(_ROWS)]
    except Exception:  # noqa: BLE001 - any error past the end will do
        extra = None
    if extra is not None:
        same = next((j for j in range(len(_ROWS)) if isinstance(extra, tuple) and extra
                     and torch.is_tensor(extra[0]) and extra[0].shape == (2,)
                     and torch.equal(extra[0], torch.tensor(_ROWS[j][:-1]))), None)
        raise CheckFailure(
            f"for {len(_ROWS)} rows, dataset[{len(_ROWS)}] returned an item"
            + (f" (row {same}'s)" if same is not None else "")
            + " instead of failing with an IndexError: your __getitem__ wraps the index "
            "around (index % len(self)?), so `for item in dataset` and list(dataset) never "
            "stop, and an index past the end goes unnoticed; index the tensors with the index "
            "as given, self.features[index], which raises IndexError past the end")
    floats = impl(list(np.array(_ROWS, dtype=np.float64)))  # rows as np.loadtxt gives them
    features = floats[1][0]
    if torch.is_tensor(features) and features.dtype != torch.float32:
        raise CheckFailure(
            f"for rows of NumPy float64 numbers (the rows of np.array("
            f"{[float(v) for v in _ROWS[1]]}, ...), "
            f"float64 as np.loadtxt gives them), dataset[1] features are {features.dtype}; "
            "expected float32: torch.tensor keeps a NumPy number's dtype (Python floats "
            "become float32 only because that is PyTorch's default, which is why the other "
            "rows came out right); pass dtype=torch.float32")
    table = np.array(_ROWS_INT, dtype=np.int32)
    rows = list(table)  # each row a NumPy int32 array, each number a numpy.int32
    ds = impl(rows)
    features, label = ds[1]
    what = (f"rows of NumPy int32 numbers (the rows of np.array({list(_ROWS_INT[1])}, ..., "
            "dtype=np.int32))")
    if not torch.is_tensor(features) or features.dtype != torch.float32 or \
            features.shape != (4,) or features.tolist() != list(_ROWS_INT[1][:-1]):
        raise CheckFailure(
            f"for {what}, dataset[1] features are {features!r}; expected "
            f"tensor({[float(v) for v in _ROWS_INT[1][:-1]]}) in float32: torch.tensor keeps "
            "a NumPy number's dtype unless you pass dtype=torch.float32")
    if not torch.is_tensor(label) or label.dtype != torch.int64 or label.ndim != 0 or \
            label.item() != _ROWS_INT[1][-1]:
        desc = (f"{label!r} ({label.dtype}, shape {tuple(label.shape)})"
                if torch.is_tensor(label) else repr(label))
        raise CheckFailure(
            f"for {what}, dataset[1] label is {desc}; expected tensor({_ROWS_INT[1][-1]}), a "
            "0-d torch.int64 tensor"
            + (": torch.tensor(row[-1]) keeps the NumPy number's dtype (int32 here; Python "
               "ints become int64, which is why the other rows came out right); pass "
               "dtype=torch.int64" if torch.is_tensor(label) and label.dtype == torch.int32
               else ""))


def _check_exact_features(impl):
    """Numbers no float16 or bfloat16 holds exactly must come back as float32 holds them."""
    rows = [(0.1, 1234.567, 0), (-2.3, 0.001, 1)]
    table = torch.tensor([row[:-1] for row in rows], dtype=torch.float32)
    ds = impl(rows)
    got = torch.stack([ds[j][0] for j in range(len(rows))])
    if torch.equal(got, table):
        return
    for dtype in (torch.float16, torch.bfloat16):
        if torch.equal(got.float(), table.to(dtype).float()):
            raise CheckFailure(
                f"for the rows {rows}, the features came back as {got.tolist()}: they went "
                f"through {dtype} on the way (a table built with dtype={dtype}, then cast to "
                "float32?), which keeps only about 3 significant digits; build them with "
                "dtype=torch.float32 directly")
    raise CheckFailure(f"for the rows {rows}, the features came back as {got.tolist()}, "
                       f"expected {table.tolist()} (float32 of the rows' numbers, exactly): "
                       "keep the numbers as they are, torch.tensor(row[:-1], dtype=torch.float32)")


def _features_relation(ds, table, labels=None):
    """How every item's features relate to the rows' numbers (``table``, one row per item,
    ``labels`` the rows' last entries); "" when no simple relation holds."""
    try:
        mine = torch.stack([torch.as_tensor(ds[j][0]).double().reshape(-1)
                            for j in range(len(table))])
    except Exception:  # noqa: BLE001 - unreadable items are no evidence
        return ""
    if mine.shape == table.shape and torch.equal(mine, table.double()):
        return (f" Over all {len(table)} items, read again, every item comes out right: the "
                "numbers changed after they were handed out (a tensor shared between items and "
                "changed in place, or state kept between calls?): keep the numbers as the rows "
                "give them.")
    dims = ("items", "features")
    seen = describe_elementwise(mine, table) or _column_factors(mine, table.double()) or \
        _table_factor(mine, table.double()) or \
        describe_difference(mine, table, dims=dims, where=False) or \
        _row_patterns(mine, table.double(), labels) or \
        describe_difference(mine, table, dims=dims)
    return (f" Over all {len(table)} items (row by row, yours against the rows): {seen}"
            if seen else "")


def _row_patterns(mine, table, labels=None):
    """'What differs: ...' for a relation that holds row by row, each row on its own: the
    row's right numbers in another order, its running sums, or a shift by a constant of the
    row's own (its position, or its label from ``labels``?); "" when none holds."""
    if mine.shape != table.shape or not table.numel():
        return ""

    def close(a, b):
        return torch.allclose(a, b, atol=1e-5, rtol=1e-5)

    bad = [j for j in range(len(table)) if not close(mine[j], table[j])]
    if not bad:
        return ""
    example = (f"row {bad[0]}: {[round(v, 4) for v in table[bad[0]].tolist()]} became "
               f"{[round(v, 4) for v in mine[bad[0]].tolist()]}")
    if all(close(m.sort().values, t.sort().values) for m, t in zip(mine, table)):
        how = ("sorted ascending (sorted(row[:-1])?)" if all(
            close(m, t.sort().values) for m, t in zip(mine, table)) else
            "sorted descending" if all(close(m, t.sort(descending=True).values)
                                       for m, t in zip(mine, table)) else "shuffled")
        return (f"What differs: each row's features are its right numbers in another order, "
                f"{how} ({example}): keep them in the row's order, row[:-1].")
    if close(mine, table.cumsum(1)):
        return (f"What differs: each feature is the running sum of the row's features up to "
                f"it ({example}: a cumsum over the row, or a total that is never reset?): "
                "keep the numbers themselves, row[:-1].")
    shifts = (mine - table).mean(1)
    if close(mine, table + shifts[:, None]) and shifts.max() - shifts.min() > 1e-4:
        by = ("the row's position (index 0, 1, 2, ...)" if close(
            shifts, torch.arange(len(table), dtype=shifts.dtype)) else
            "the row's own label (its last entry added to each feature: row[-1] caught in "
            "the arithmetic?)" if labels is not None and len(labels) == len(table) and close(
                shifts, torch.tensor([float(v) for v in labels], dtype=shifts.dtype)) else
            "a number of the row's own")
        return ("What differs: every feature of a row is shifted by one constant per row, "
                f"{by}: {', '.join(f'row {j}: {v:+.4g}' for j, v in enumerate(shifts.tolist()))}"
                "; keep the numbers as they are in the rows.")
    return ""


def _column_factors(mine, table):
    """'What differs: each feature column is scaled by a factor of its own ...' when every
    column of ``mine`` is the rows' column times one number, not the same for all; "" else."""
    if mine.shape != table.shape or table.shape[0] < 2 or table.shape[1] < 2:
        return ""
    factors = []
    for c in range(table.shape[1]):
        col, mcol = table[:, c], mine[:, c]
        if not col.abs().max() > 0:
            return ""
        f = float((mcol @ col) / (col @ col))
        if not torch.allclose(mcol, f * col, atol=1e-5, rtol=1e-4):
            return ""
        factors.append(f)
    if max(factors) - min(factors) <= 1e-4 * max(abs(f) for f in factors):
        return ""  # one factor for every column: describe_difference names it
    norms = table.norm(dim=0).tolist()
    maxima = table.abs().max(dim=0).values.tolist()
    which = ("1 over the column's length, its norm (F.normalize(..., dim=0), or a division by "
             "table.norm(dim=0))" if all(abs(f * n - 1) < 1e-3 for f, n in zip(factors, norms))
             else "1 over the column's largest magnitude (a division by table.abs().max(0))"
             if all(abs(f * m - 1) < 1e-3 for f, m in zip(factors, maxima)) else
             "a number of its own (a per-column normalisation or scaling?)")
    shown = ", ".join(f"column {c}: x{f:.4g}" for c, f in enumerate(factors))
    return (f"What differs: each feature column is scaled by a factor of its own ({shown}), "
            f"the factor being {which}: the features were normalised per column; keep the "
            "numbers as they are in the rows.")


def _table_factor(mine, table):
    """'What differs: ...' when every feature is the rows' number times one factor that is 1
    over a statistic of the whole feature table (its largest magnitude, largest value or
    norm: a normalisation over the table); "" else. A factor that is no such statistic is
    left to describe_difference."""
    if mine.shape != table.shape or not table.numel() or not table.abs().max() > 0:
        return ""
    f = float((mine.reshape(-1) @ table.reshape(-1)) / (table.reshape(-1) @ table.reshape(-1)))
    if abs(f - 1) < 1e-4 or not torch.allclose(mine, f * table, atol=1e-5, rtol=1e-4):
        return ""
    stats = [(float(table.abs().max()), "the largest magnitude in the whole feature table "
              "(features / features.abs().max())"),
             (float(table.max()), "the largest value in the whole feature table "
              "(features / features.max())"),
             (float(table.norm()), "the norm of the whole feature table "
              "(features / features.norm())")]
    which = next((name for value, name in stats if value and abs(f * value - 1) < 1e-4), None)
    if which is None:
        return ""
    return (f"What differs: every feature is {f:.4g} times the row's number, and 1 / {f:.4g} "
            f"= {1 / f:.4g} is {which}: the features were scaled by a number of the whole "
            "table; keep the numbers as they are in the rows, row[:-1].")


def _shared_rows_cause(impl):
    """Why a dataset holds more items than rows: the rows of every dataset made so far kept in
    one list of the class (``rows = []`` in the class body), told by two fresh datasets."""
    try:
        first = len(impl([(1.0, 0)]))
        second = len(impl([(2.0, 1), (3.0, 0)]))
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return ""
    if second == first + 2:
        try:
            defaults = [v for v in inspect.signature(impl.__init__).parameters.values()
                        if isinstance(v.default, (list, dict))]
        except (TypeError, ValueError):
            defaults = []
        empty = ("[]" if isinstance(defaults[0].default, list) else "{}") if defaults else ""
        where = (f"a mutable default argument, {defaults[0].name}={empty} in "
                 "def __init__, made once when the def runs and reused by every call"
                 if defaults else "a list made in the class body, rows = [], is a class "
                 "attribute")
        return (f": a dataset of 1 row had {first} items and the next one, of 2 rows, "
                f"{second}: every dataset adds its rows to one list that all of them share "
                f"({where}); make the list in __init__'s body, self.rows = [...] or "
                "self.features = torch.tensor(...)")
    return ""


def _label_filter_cause(ds, rows):
    """Why a dataset of too few rows, when the rows it lacks are exactly those of some labels
    (no kept row has one of those labels): a filter on the label; "" otherwise."""
    try:
        kept = [(ds[j][0].double(), int(ds[j][1])) for j in range(len(ds))]
    except Exception:  # noqa: BLE001 - an item that cannot be read is no evidence
        return ""
    missing = [row for row in rows if not any(
        label == row[-1] and features.shape == (len(row) - 1,) and torch.allclose(
            features, torch.tensor(row[:-1], dtype=torch.float64), atol=1e-5)
        for features, label in kept)]
    gone = sorted({row[-1] for row in missing})
    if not missing or len(missing) + len(kept) != len(rows) or any(
            label in gone for _, label in kept):
        return ""
    return (f"; the rows missing are {missing}, every row with the label "
            f"{' or '.join(map(str, gone))}, and no item has that label: your code filters "
            f"the rows by their label (an if row[-1] in (0, 1), kept from a two-class "
            "example?); every row is an example, whatever its class")


def _row_slice_cause(ds, k, rows):
    """Why a dataset of one row too few: a whole row as the features means ROWS were sliced;
    a last row that ``ds[n - 1]`` still gives right means only ``__len__`` is one short."""
    try:
        features = ds[0][0]
    except Exception:  # noqa: BLE001 - an item that cannot be read is no evidence
        features = None
    if torch.is_tensor(features) and tuple(features.shape) == (k + 1,):
        return (f"; and each item's features hold {k + 1} numbers, a whole row: data[:-1] "
                "slices off the last ROW (and data[-1] is the last row, not the labels); "
                "slice the columns: data[:, :-1] for the features, data[:, -1] for the labels")
    try:
        last = ds[len(rows) - 1]
        kept = (torch.is_tensor(last[0]) and last[0].tolist() == list(rows[-1][:-1])
                and int(last[1]) == rows[-1][-1])
    except Exception:  # noqa: BLE001 - a last row that cannot be read was cut off
        kept = False
    if kept:
        return (f"; yet dataset[{len(rows) - 1}] still gives the last row, "
                f"{tuple(rows[-1])}: the data holds every row and only your __len__ returns "
                "one less (a - 1 there?); return len(self.labels), the number of rows")
    return ("; one row is missing (a slice [:-1] or [1:] over the rows, or a range one short?): "
            "every row is an example")


def _labels_of(ds, n):
    """Every item's label as an int, or None if an item cannot be read so."""
    try:
        return [int(ds[j][1]) for j in range(n)]
    except Exception:  # noqa: BLE001 - an item that cannot be read is no evidence
        return None


def _row_order(ds, table):
    """The row each item holds (None where no single row matches), or None if unreadable."""
    order = []
    for j in range(len(table)):
        try:
            features = ds[j][0]
        except Exception:  # noqa: BLE001 - an item that cannot be read is no evidence
            return None
        match = [r for r in range(len(table)) if torch.is_tensor(features)
                 and features.shape == table[r].shape and torch.equal(features, table[r])]
        order.append(match[0] if len(match) == 1 else None)
    return order


def _order_cause(ds, rows, table, rebuild):
    """Why the items come in another order than the rows, judged on every item: rows sorted by
    their label, the whole list reversed, or shuffled (another order each time ``rebuild()``
    makes the dataset again); one item alone cannot tell these from a shift."""
    order = _row_order(ds, table)
    if order is None:
        return None
    n = len(rows)
    for _ in range(4):
        try:
            again = _row_order(rebuild(), table)
        except Exception:  # noqa: BLE001 - a crash here is no evidence
            break
        if again is not None and again != order:
            return (f"your items come in another order each time the dataset is made (rows "
                    f"{order}, then {again}): the rows are shuffled in __init__ (random.shuffle"
                    "?); item i must be row i, in the order given (shuffling is the "
                    "DataLoader's job, shuffle=True)")
    by_label = sorted(range(len(rows)), key=lambda r: rows[r][-1])
    if order == by_label or order == by_label[::-1]:
        return (f"your items come in the order of the rows sorted by their label ({order}, "
                f"for the labels {[row[-1] for row in rows]}): item i must be row i, in the "
                "order given; do not sort (or group) the rows")
    by_row = sorted(range(len(rows)), key=lambda r: list(rows[r]))
    if order in (by_row, by_row[::-1]) and by_row != list(range(len(rows))):
        return (f"your items come in the order of the rows sorted by their numbers, first "
                f"feature first ({order}: sorted(rows), or rows.sort()): item i must be row i, "
                "in the order given; do not sort the rows")
    if order == list(range(len(rows)))[::-1]:
        return ("your items come in the reverse order of the rows (dataset[0] is the last "
                "row): item i must be row i, in the order given")
    by_one = None not in order and order[0] in (1, n - 1) and \
        order == [(j + order[0]) % n for j in range(n)]  # told by the caller: index - 1?
    if None not in order and sorted(order) == list(range(n)) and not by_one:
        return (f"your items hold every row once, in another order: dataset[j] is row "
                f"{order} for j = 0 to {n - 1} (not sorted by label, not shifted by one): "
                "the rows were "
                "shuffled (random.shuffle, or a random permutation) in __init__; item i must be "
                "row i, in the order given (shuffling is the DataLoader's job, shuffle=True)")
    return None


# --- exA_3: the training loop --------------------------------------------------------------------


def _dropout_setup():
    """3 features, 4 classes, 11 examples in batches of 5, 5, 1; a hidden layer of 6 with
    dropout 0.3; 2 epochs: no two sizes equal. The model starts in eval mode, as it would after
    an evaluation, so a loop that forgets model.train() trains without dropout."""
    gen = torch.Generator().manual_seed(7)
    X, y = torch.randn(11, 3, generator=gen), torch.randint(0, 4, (11,), generator=gen)
    torch.manual_seed(5)
    model = torch.nn.Sequential(torch.nn.Linear(3, 6), torch.nn.ReLU(), torch.nn.Dropout(0.3),
                                torch.nn.Linear(6, 4)).eval()
    # the loaders draw their base seed from a generator of their own, not from the global one
    # that dropout uses: an extra pass over the loader in eval mode (an accuracy after each
    # epoch) leaves the dropout masks of the later batches as they are
    return model, TensorDataset(X, y), dict(batch_size=5, generator=torch.Generator()), 2, 0.2


def _toy_setup():
    torch.manual_seed(123)
    X_train, y_train, _, _ = make_toy_data()
    return NeuralNetwork(2, 2), ToyDataset(X_train, y_train), dict(batch_size=2, drop_last=True), \
        3, 0.5


def _replay(start, dataset, loader_kw, epochs, lr, seed, *, train_mode=True, softmax=False,
            zero_grad=True, zero_grad_per_epoch=False, last_only=False, eval_after_step=False,
            loss_kind="cross_entropy", step_per_epoch=False, record_after_step=False,
            clip=False, sigmoid=False, batches=None, per_example=False, train_at_end=False,
            train_first_epoch_only=False, record_second_forward=False, divide_by=None,
            train_after_forward=False, record_every=1, double_step=False, accumulate=1,
            l2=0.0, grad_scale=None, record_eval=None):
    """The reference loop with switches that replay the usual mistakes; returns the losses.
    ``batches``: "first" trains each epoch on its first batch only, "all_but_last" skips the
    last one; ``per_example`` loops over the dataset one example at a time;
    ``train_first_epoch_only``: model.train() once, model.eval() after each epoch;
    ``record_second_forward``: the recorded loss comes from another forward pass;
    ``step_per_epoch``: True steps once after each epoch's batches, "skip_first" on every
    batch but each epoch's first, "odd" on every other batch (the 2nd, 4th, ... of an
    epoch); ``accumulate``: zero_grad at the start of each epoch, step
    and zero_grad every ``accumulate`` batches; ``l2``: ``l2`` times the sum of squared
    parameters added;
    ``grad_scale``: backward() on the loss times this number ("batch": the batch's size),
    the loss recorded unscaled; ``record_eval``: the recorded loss comes from another forward
    pass in eval mode under torch.no_grad(), "before" or "after" the step."""
    import torch.nn.functional as F

    def eval_loss(features, labels):
        model.eval()
        with torch.no_grad():
            again = F.cross_entropy(model(features), labels)
        model.train()
        return again

    model = copy.deepcopy(start)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    torch.manual_seed(seed)
    losses = []
    for _ in range(epochs):
        if train_mode and not train_at_end and not (train_first_epoch_only and losses) \
                and not train_after_forward:
            model.train()
        if zero_grad_per_epoch or accumulate > 1:
            optimizer.zero_grad()
        data = list(dataset) if per_example else list(DataLoader(dataset, **loader_kw))
        if batches == "first":
            data = data[:1]
        elif batches == "all_but_last":
            data = data[:-1]
        elif batches == "full_only":
            data = [(x, y) for x, y in data if len(y) == loader_kw["batch_size"]]
        for step, (features, labels) in enumerate(data):
            logits = model(features)
            if train_after_forward:
                model.train()
            if loss_kind == "nll":
                loss = F.nll_loss(logits, labels)
            elif loss_kind == "sum":
                loss = F.cross_entropy(logits, labels, reduction="sum")
                if divide_by:
                    loss = loss / divide_by
            elif loss_kind == "smooth":
                loss = F.cross_entropy(logits, labels, label_smoothing=0.1)
            elif loss_kind == "nll_softmax":  # probabilities where log-probabilities belong
                loss = F.nll_loss(torch.softmax(logits, dim=1), labels)
            elif loss_kind == "nll_dim0":
                loss = F.nll_loss(F.log_softmax(logits, dim=0), labels)
            elif loss_kind == "all_pairs":  # log_softmax[:, labels]: a B x B block
                loss = -F.log_softmax(logits, dim=1)[:, labels].mean()
            elif loss_kind == "mse":
                loss = F.mse_loss(torch.softmax(logits, -1),
                                  F.one_hot(labels, logits.shape[-1]).float())
            else:
                if sigmoid:
                    logits = torch.sigmoid(logits)
                loss = F.cross_entropy(torch.softmax(logits, -1) if softmax else logits, labels)
            if l2:
                loss = loss + l2 * sum((p ** 2).sum() for p in model.parameters())
            if zero_grad and not zero_grad_per_epoch and accumulate == 1:
                optimizer.zero_grad()
            if grad_scale is None:
                loss.backward()
            else:
                (loss * (len(labels) if grad_scale == "batch" else grad_scale)).backward()
            if record_second_forward:
                with torch.no_grad():
                    loss = F.cross_entropy(model(features), labels)
            if record_eval == "before":
                loss = eval_loss(features, labels)
            if clip:
                torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
            if accumulate > 1:
                if (step + 1) % accumulate == 0:
                    optimizer.step()
                    optimizer.zero_grad()
            elif not step_per_epoch or (step_per_epoch == "skip_first" and step) or (
                    step_per_epoch == "odd" and step % 2):
                optimizer.step()
                if double_step:
                    optimizer.step()
            if eval_after_step:
                model.eval()
            if record_after_step:
                loss = F.cross_entropy(model(features), labels)
            if record_eval == "after":
                loss = eval_loss(features, labels)
            if not last_only and step % record_every == 0:
                losses.append(loss.item())
        if step_per_epoch is True:
            optimizer.step()
        if last_only:
            losses.append(loss.item())
        if train_at_end:
            model.train()
        if train_first_epoch_only:
            model.eval()
    return losses


# cause -> the _replay switches of a mistake that records another number of losses
_LENGTH_MISTAKES = {
    "only the first batch of each epoch was trained (next(iter(train_loader)) gives one "
    "batch): loop over every batch, for features, labels in train_loader":
        dict(batches="first"),
    "the last batch of every epoch was skipped (a break, or a range one short such as "
    "range(len(train_loader) - 1)): train on every batch the loader yields":
        dict(batches="all_but_last"),
    "the batches shorter than batch_size were skipped (if len(labels) < "
    "train_loader.batch_size: continue); the last batch of an epoch may be short (here 1 "
    "example): train on every batch the loader yields": dict(batches="full_only"),
    "you looped over train_loader.dataset, one example per step; loop over train_loader "
    "itself, which yields the batches": dict(per_example=True),
    "that is one loss per epoch; record the loss of every batch, inside the inner loop":
        dict(last_only=True),
    "you recorded the loss of every other batch only (losses.append inside an if, such as "
    "batch_idx % 2 == 0 for printing): record every batch's loss, outside any if":
        dict(record_every=2),
}


def _names_read(impl):
    """Every attribute and global name that the answer's functions read (their code objects,
    nested ones included, and those of the other functions of its file): a method named there
    but never called was written without its parentheses."""
    import types

    func = getattr(impl, "__func__", impl)
    space = getattr(func, "__globals__", {})
    module = getattr(func, "__module__", None)
    todo = [f.__code__ for f in [func, *space.values()] if isinstance(f, types.FunctionType)
            and f.__module__ == module]
    names = set()
    while todo:
        code = todo.pop()
        names.update(code.co_names)
        todo.extend(c for c in code.co_consts if isinstance(c, types.CodeType))
    return names


def _pile_up_cause(impl, zero_calls, batches):
    """Why the gradients piled up, from how often optimizer.zero_grad() really ran."""
    if not zero_calls and "zero_grad" in _names_read(impl) and not _calls_method(impl,
                                                                                "zero_grad"):
        return ("the gradients pile up from step to step: your code names zero_grad but never "
                "calls it (optimizer.zero_grad, or model.zero_grad, without parentheses only "
                "names the method); "
                "write optimizer.zero_grad(), with its parentheses, before loss.backward()")
    if not zero_calls:
        return ("the gradients pile up from step to step: optimizer.zero_grad() is never "
                "called; clear them with optimizer.zero_grad() before loss.backward(), in "
                "every batch")
    if len(zero_calls) == 1 and batches > 1:
        return (f"the gradients pile up from step to step: optimizer.zero_grad() ran once for "
                f"{batches} batches (before the epoch loop?), and a model handed over without "
                "gradients has nothing to clear then; call it inside the batch loop, before "
                "every loss.backward()")
    return None


def _zero_grad_calls(impl):
    """The steps taken before each optimizer.zero_grad() call of ``impl`` on the dropout setup
    (2 epochs of 3 batches: [0, 1, 2, 3, 4, 5] for a right loop, [0, 3] once per epoch at its
    start, [0, 3, 6] also at its end, [0, 2, 3, 5] for every other batch), or None if it
    fails."""
    start, dataset, loader_kw, epochs, lr = _dropout_setup()
    model = copy.deepcopy(start)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    steps, calls = [], []
    optimizer.register_step_post_hook(lambda *args: steps.append(1))
    optimizer.zero_grad = lambda *args, f=optimizer.zero_grad, **kw: (calls.append(len(steps)),
                                                                       f(*args, **kw))[1]
    torch.manual_seed(11)
    try:
        impl(model, DataLoader(dataset, **loader_kw), optimizer, epochs)
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return None
    return calls


def _shifted_losses_cause(got, expected):
    """A hint when the right losses come in reverse order, each one moved by the same constant,
    or each recorded loss is the one of the batch before (a value kept from the previous batch
    and appended before it is updated)."""
    if len(got) != len(expected) or len(got) < 3:
        return None
    if all(abs(a - b) <= 1e-5 for a, b in zip(got, expected[::-1])):
        return ("your losses are the right ones in reverse order (the last batch's loss "
                "first): losses.insert(0, ...), a reversed() or [::-1]; append each loss at "
                "the end, losses.append(loss.item()), and return the list as it is")
    offset = got[0] - expected[0]
    if abs(offset) > 1e-5 and all(abs(a - b - offset) <= 1e-5 for a, b in zip(got, expected)):
        return (f"every loss you recorded is the right one {'plus' if offset > 0 else 'minus'} "
                f"the same {abs(offset):.4g} (yours {got[0]:.4g}, expected {expected[0]:.4g} "
                "at the first batch, and so on for each): a constant added to the loss (an "
                "epsilon, a smoothing term?), which changes no gradient; record loss.item() "
                "of F.cross_entropy(logits, labels) itself")
    if not all(abs(a - b) <= 1e-5 for a, b in zip(got[1:], expected[:-1])):
        return None
    return (f"your losses are the right ones shifted by one batch: entry k holds the loss of "
            f"batch k - 1, the first entry ({got[0]:.4g}) is no loss of this run, and the last "
            f"batch's loss ({expected[-1]:.4g}) is missing: you append a value kept from the "
            "previous batch (a prev_loss updated after the append?); append loss.item() of the "
            "batch just trained, in the same iteration")


def _extra_per_epoch(got, expected, steps):
    """A hint when every epoch's batch losses are followed (or led) by one extra number."""
    size = steps + 1
    chunks = [got[k:k + size] for k in range(0, len(got), size)]
    right = [expected[k:k + steps] for k in range(0, len(expected), steps)]

    def close(a, b):
        return len(a) == len(b) and all(abs(x - y) <= 1e-5 for x, y in zip(a, b))

    for lead in (False, True):
        extras = [c[0] if lead else c[-1] for c in chunks]
        rest = [c[1:] if lead else c[:-1] for c in chunks]
        if not all(close(a, b) for a, b in zip(rest, right)):
            continue
        kinds = {"the epoch's mean loss": [sum(r) / len(r) for r in right],
                 "the epoch's total loss": [sum(r) for r in right],
                 "the epoch's last loss again": [r[-1] for r in right]}
        what = next((k for k, v in kinds.items() if close(extras, v)), "one more number")
        where = "before" if lead else "after"
        return (f"{where} each epoch's {steps} batch losses (which are right) your list holds "
                f"{what} ({', '.join(f'{x:.4g}' for x in extras)}): an epoch summary appended "
                "to the same list; return only the batch losses (print the summary, or keep it "
                "in another list)")
    return None


_STEP_ONCE = ("optimizer.step() runs once per epoch, after the batch loop: call it for every "
              "batch, inside the inner loop")
_SKIP_FIRST_STEP = (
    "optimizer.step() is skipped on the FIRST batch of each epoch (an `if i > 0:` or a "
    "warm-up test before the step), so that batch's gradients are thrown away by the next "
    "zero_grad(): call optimizer.step() for every batch")


_EVERY_OTHER_STEP = (
    "optimizer.step() runs on every other batch only (an `if i % 2 == 1:` or similar before "
    "the step, while zero_grad() still runs on every batch), so half the batches' gradients "
    "are thrown away: call optimizer.step() for every batch")


def _step_once_or_skip_first(impl):
    """One step after each epoch's batches, a step skipped on each epoch's first batch and a
    step on every other batch agree on 2 batches per epoch (the toy run); the dropout run's 3
    batches tell them apart. None of them reproducing that run: say what the toy run shows."""
    got = _losses_of(impl, _dropout_setup)
    start, dataset, loader_kw, epochs, lr = _dropout_setup()
    for cause, how in ((_STEP_ONCE, True), (_SKIP_FIRST_STEP, "skip_first"),
                       (_EVERY_OTHER_STEP, "odd")):
        replay = _replay(start, dataset, loader_kw, epochs, lr, 11, step_per_epoch=how)
        if got is not None and len(got) == len(replay) and all(
                abs(a - b) <= 1e-5 for a, b in zip(got, replay)):
            return cause
    return ("on the toy run (2 batches per epoch) your losses are those of ONE "
            "optimizer.step() per epoch, but on a run of 3 batches per epoch they match neither "
            "one step per epoch nor a step skipped on the first batch nor a step on every "
            "other batch: optimizer.step() runs on some batches only; call it once for every "
            "batch, right after loss.backward()")


def _losses_of(impl, setup):
    """``impl``'s losses on ``setup`` as in check_train (seed 11), or None if it fails."""
    start, dataset, loader_kw, epochs, lr = setup()
    model = copy.deepcopy(start)
    torch.manual_seed(11)
    try:
        got = impl(model, DataLoader(dataset, **loader_kw),
                   torch.optim.SGD(model.parameters(), lr=lr), epochs)
        return [float(x) for x in got]
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return None


def _length_cause(impl, got, setup):
    """The mistake whose replay gives ``got`` on ``setup`` and ``impl``'s losses on the other
    setup too (the toy run alone cannot tell its first batch from all but its last)."""
    other = _dropout_setup if setup is _toy_setup else _toy_setup
    other_got = _losses_of(impl, other)

    def same(a, b):
        return len(a) == len(b) and all(abs(x - y) <= 1e-5 for x, y in zip(a, b))

    for cause, switches in _LENGTH_MISTAKES.items():
        try:
            if same(got, _replay(*setup(), 11, **switches)) and (
                    other_got is None or same(other_got, _replay(*other(), 11, **switches))):
                return cause
        except Exception:  # noqa: BLE001 - a replay that cannot run is no evidence
            continue
    return None


# how many passes over the loader a loop makes in place of num_epochs -> what that means
_PASS_MISTAKES = [
    (lambda epochs, batches: batches,
     "your loop runs len(train_loader) epochs, not num_epochs ({}: as many epochs as the "
     "loader has batches); loop range(num_epochs)"),
    (lambda epochs, batches: -(-epochs // batches),
     "your epoch count goes up once per batch, not once per epoch ({}: the passes stop as soon "
     "as the batches trained reach num_epochs; an epoch += 1 inside the batch loop?); count "
     "the epochs outside the batch loop, for epoch in range(num_epochs)"),
]


def _epochs_as_batches(impl, setup):
    """Another number of passes over the loader than num_epochs, from a _PASS_MISTAKES rule
    that fits every run (the toy run, 3 epochs of 2 batches, alone looks like one epoch short;
    the dropout run, 2 epochs of 3, tells them apart; 5 epochs of the toy run tell an epoch
    counted per batch from range(1, num_epochs))."""
    def five_epochs():
        start, dataset, loader_kw, _, lr = _toy_setup()
        return start, dataset, loader_kw, 5, lr

    runs = []
    for each in (setup, _dropout_setup if setup is _toy_setup else _toy_setup, five_epochs):
        start, dataset, loader_kw, epochs, lr = each()
        runs.append((each(), len(DataLoader(dataset, **loader_kw)), _losses_of(impl, each)))
    for passes, cause in _PASS_MISTAKES:
        counts = []
        for (start, dataset, loader_kw, epochs, lr), batches, got in runs:
            many = passes(epochs, batches)
            if many == epochs or got is None or len(got) != many * batches or any(
                    abs(a - b) > 1e-5 for a, b in zip(
                        got, _replay(start, dataset, loader_kw, many, lr, 11))):
                break
            counts.append(f"{epochs} epochs of {batches} batches gave {len(got)} losses")
        else:
            return cause.format("; ".join(counts))
    return None


class _CountingIter:
    """An iterator over a loader's batches that notes every request after the last batch."""

    def __init__(self, batches, used_up):
        self.batches, self.used_up = batches, used_up

    def __iter__(self):
        return self

    def __next__(self):
        try:
            return next(self.batches)
        except StopIteration:
            self.used_up.append(1)
            raise

    def __len__(self):
        return len(self.batches)


class _CountingLoader(DataLoader):
    """A DataLoader that counts its passes and the requests made to a used-up pass."""

    def __iter__(self):
        self.passes = getattr(self, "passes", 0) + 1
        self.used_up = getattr(self, "used_up", [])
        return _CountingIter(super().__iter__(), self.used_up)


def _iterator_reused(impl, setup):
    """Whether ``impl`` asked one pass over the loader for batches in more than one epoch (an
    iter(train_loader) made before the epoch loop): one pass, asked again after its end."""
    start, dataset, loader_kw, epochs, lr = setup()
    model = copy.deepcopy(start)
    loader = _CountingLoader(dataset, **loader_kw)
    torch.manual_seed(11)
    try:
        impl(model, loader, torch.optim.SGD(model.parameters(), lr=lr), epochs)
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return False
    return getattr(loader, "passes", 0) == 1 and len(loader.used_up) >= epochs


_OWN_LOADER = ("your code never iterated train_loader, yet it trained and returned losses: it "
               "took its batches from elsewhere (a DataLoader of its own built from "
               "train_loader.dataset, with a shuffle, drop_last or batch size of its "
               "choosing?), so the caller's batches, their order and the last short batch are "
               "not the ones trained on; write for features, labels in train_loader inside the "
               "epoch loop")


def _loader_unused(impl, setup):
    """Whether ``impl`` returned losses without ever starting a pass over the loader it was
    given (batches of its own: a DataLoader built again from train_loader.dataset)."""
    start, dataset, loader_kw, epochs, lr = setup()
    model = copy.deepcopy(start)
    loader = _CountingLoader(dataset, **loader_kw)
    torch.manual_seed(11)
    try:
        got = impl(model, loader, torch.optim.SGD(model.parameters(), lr=lr), epochs)
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return False
    return isinstance(got, list) and len(got) > 0 and getattr(loader, "passes", 0) == 0


def _pass_per_step(impl, setup):
    """Whether ``impl`` started a new pass over the loader for every batch it trained on and
    took one batch from each (features, labels = next(iter(train_loader)) inside the loop)."""
    start, dataset, loader_kw, epochs, lr = setup()
    model = copy.deepcopy(start)
    loader = _CountingLoader(dataset, **loader_kw)
    torch.manual_seed(11)
    try:
        got = impl(model, loader, torch.optim.SGD(model.parameters(), lr=lr), epochs)
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return False
    steps = len(DataLoader(dataset, **loader_kw))
    return isinstance(got, list) and getattr(loader, "passes", 0) >= epochs * steps > epochs \
        and not loader.used_up


def _target_cause(impl, setup):
    """Why F.cross_entropy refused the targets, from the shapes it was given (a spy)."""
    import torch.nn.functional as F

    start, dataset, loader_kw, epochs, lr = setup()
    model = copy.deepcopy(start)
    calls = []
    original = F.cross_entropy

    def spy(input, target, *args, **kwargs):
        calls.append((tuple(input.shape), tuple(target.shape), target.dtype))
        return original(input, target, *args, **kwargs)

    F.cross_entropy = spy
    torch.manual_seed(11)
    try:
        impl(model, DataLoader(dataset, **loader_kw),
             torch.optim.SGD(model.parameters(), lr=lr), epochs)
    except Exception:  # noqa: BLE001 - the crash is expected; the shapes are the evidence
        pass
    finally:
        F.cross_entropy = original
    if calls:
        logits, target, dtype = calls[-1]
        if dtype.is_floating_point and len(target) == 2 and target[1] != logits[1]:
            return (f"Your targets were a float table of shape {target} for logits of shape "
                    f"{logits}: F.one_hot(labels) without num_classes makes only as many "
                    "columns as the largest label in the batch + 1; pass the integer labels "
                    "themselves, F.cross_entropy(logits, labels)")
        if not dtype.is_floating_point and len(target) == 0 and len(logits) == 2:
            return (f"Your labels had shape () for logits of shape {logits}: a squeeze() of the "
                    "labels turns a one-example batch (the last batch here) into a 0-d tensor; "
                    "pass the labels as the loader gives them, shape (batch_size,)")
        with torch.no_grad():
            classes = start(dataset[0][0].unsqueeze(0)).shape[-1]  # the model's own width
        if len(logits) == 1 and len(target) == 1 and target[0] > 1 \
                and logits[0] == target[0] * classes:
            return (f"Your logits had shape {logits} for {target[0]} labels: the batch's "
                    f"({target[0]}, {classes}) logits flattened into one row (logits.flatten(0, "
                    "1) or .view(-1), as chapter 5 does for its 3-D (batch, tokens, vocab) "
                    "logits together with the 2-D targets); these logits are already (batch, "
                    "classes) and the labels (batch,): pass them as they are")
        if len(logits) == 2 and len(target) == 1 and logits[1] != classes \
                and logits[0] * logits[1] == target[0] * classes:
            return (f"Your logits had shape {logits} for {target[0]} labels, while this model "
                    f"gives {classes} classes per example: its ({target[0]}, {classes}) logits "
                    f"were reshaped to {logits[1]} columns (view(-1, {logits[1]}) or "
                    f"reshape(-1, {logits[1]}): a class count fixed to the toy data's 2?); "
                    "pass model(features) to F.cross_entropy as it is")
        if len(logits) == 1:
            return (f"Your logits had shape {logits}: a squeeze() drops the batch dimension of "
                    "a one-example batch (the last batch here), so logits and labels no longer "
                    "match; pass model(features) to F.cross_entropy as it is")
        if not dtype.is_floating_point and len(target) == 2:
            return (f"Your labels had shape {target} for logits of shape {logits}: the labels "
                    "of a batch must have shape (batch_size,); pass them as the loader gives "
                    "them, without unsqueeze or view(-1, 1)")
    seen = (f"Your loss got logits of shape {calls[-1][0]} and labels of shape {calls[-1][1]}"
            "; " if calls else "")
    return (f"{seen}F.cross_entropy(logits, labels) takes logits of shape (batch_size, classes) "
            "and integer labels of shape (batch_size,); pass both as they come")


def _loss_input_note(impl, setup):
    """What F.cross_entropy was first given, next to the model's first output and the first
    batch's labels (a spy on a replay): which of logits or labels the answer changed."""
    import torch.nn.functional as F

    start, dataset, loader_kw, epochs, lr = setup()

    def first_loss(negate=False):
        """The first (logits, target) the loss got, the model's first output and input; with
        ``negate`` the model's outputs are negated (its predictions change, the data not)."""
        model = copy.deepcopy(start)
        calls, outputs, given = [], [], []
        original = F.cross_entropy

        def spy(input, target, *args, **kwargs):
            if not calls:
                calls.append((input.detach().clone(), target.detach().clone()))
            return original(input, target, *args, **kwargs)

        if negate:
            model.register_forward_hook(lambda m, args, out: -out if torch.is_tensor(out) else out)
        model.register_forward_hook(lambda m, args, out, seen=outputs: seen.append(
            out.detach().clone()) if not seen and torch.is_tensor(out) else None)
        model.register_forward_pre_hook(lambda m, args, seen=given: seen.append(
            args[0].detach().clone()) if not seen and args and torch.is_tensor(args[0]) else None)
        F.cross_entropy = spy
        torch.manual_seed(11)
        try:
            impl(model, DataLoader(dataset, **loader_kw),
                 torch.optim.SGD(model.parameters(), lr=lr), epochs)
        except Exception:  # noqa: BLE001 - only the first loss's inputs are evidence here
            pass
        finally:
            F.cross_entropy = original
        return calls, outputs, given

    calls, outputs, given = first_loss()
    if not calls or not outputs:
        return ""
    logits, target = calls[0]
    logits, output = logits.double(), outputs[0].double()  # autocast may leave bfloat16
    features, labels = next(iter(DataLoader(dataset, **loader_kw)))
    zeroed = (logits == 0) & (output != 0)
    if logits.shape == output.shape and zeroed.any() and (~zeroed).any():
        scale = logits[~zeroed] / output[~zeroed]
        if torch.allclose(scale, scale[0].expand_as(scale), rtol=1e-4) and scale[0] > 1:
            return (f"The logits your F.cross_entropy got are the model's output with "
                    f"{int(zeroed.sum())} of {zeroed.numel()} entries set to 0 and the rest "
                    f"{float(scale[0]):.4g} times as large: a dropout on the logits (F.dropout("
                    f"logits, p={1 - 1 / float(scale[0]):.2g}), or nn.Dropout after the model) "
                    "zeroes entries and scales the rest by 1 / (1 - p); dropout belongs inside "
                    "the model, and the loss takes model(features) as it is. ")
    if logits.shape == output.shape and not torch.allclose(logits, output, atol=1e-6):
        return ("The logits your F.cross_entropy got are not the model's output: "
                + (describe_difference(logits, output, dims=("batch", "classes"))
                   or "they differ") + " Pass model(features) to the loss as it is. ")
    rows = given[0] if given else None
    if target.shape == labels.shape and not torch.equal(target, labels.to(target.dtype)) and \
            torch.is_tensor(rows) and rows.shape == features.shape and rows.dtype == \
            features.dtype and _same_pairs(rows, target, features, labels):
        return ("Your loop reorders the examples within each batch, features and labels "
                f"together (the first batch's labels came to the loss as {target.tolist()}, "
                f"the loader gives {labels.tolist()}; each example kept its own label): "
                "the mean loss of a batch does not depend on that order, but the reordering "
                "draws random numbers (torch.randperm, a shuffle) and moves examples under "
                "other dropout rows, so every dropout mask of the run changes; the loader "
                "already shuffles when asked to: train on each batch as it comes. ")
    if target.shape == labels.shape and not torch.equal(target, labels.to(target.dtype)) and \
            torch.equal(target, logits.argmax(-1).to(target.dtype)):
        # Targets that follow the model: negated outputs must change them (the data cannot).
        again, _, _ = first_loss(negate=True)
        if again and torch.equal(again[0][1], again[0][0].argmax(-1).to(again[0][1].dtype)) \
                and not torch.equal(again[0][1], target):
            return ("The labels your F.cross_entropy got are the model's own predictions, not "
                    f"the batch's labels ({target.tolist()}, the argmax of the logits, for "
                    f"{labels.tolist()}; when the model's outputs change, your targets change "
                    "with them): a loss against torch.max(logits, 1) or logits.argmax(1) "
                    "only makes the model surer of what it already predicts; pass the "
                    "labels the loader gives, F.cross_entropy(logits, labels). ")
    if target.shape == labels.shape and not torch.equal(target, labels.to(target.dtype)):
        top = logits.shape[-1] - 1  # the largest class
        flipped = top > 0 and torch.equal(target, (top - labels).to(target.dtype))
        return ("The labels your F.cross_entropy got are not the batch's labels "
                f"({target.tolist()} for {labels.tolist()})"
                + (": they are flipped, each class c turned into the largest class minus c "
                   "(1 - labels for two classes); the classes are numbered as the data gives "
                   "them" if flipped else "")
                + ": pass the labels as the loader gives them. ")
    return ""


def _same_pairs(rows, target, features, labels):
    """Whether ``(rows, target)`` holds the examples of ``(features, labels)``, each with its
    own label, in another order."""
    left = list(range(len(labels)))
    for row, label in zip(rows, target):
        match = next((j for j in left if int(labels[j]) == int(label) and bool(
            (features[j] - row).abs().max() <= 1e-6)), None)
        if match is None:
            return False
        left.remove(match)
    return True


def _stepped_graph_cause(err, model):
    """The hint when backward() found a tensor changed in place whose shape is a weight's (or
    its transpose's): optimizer.step() updated the weights after that graph was built."""
    found = re.search(r"modified by an inplace operation: \[torch\.\w+ \[([\d, ]*)\]\]",
                      str(err))
    if not found:
        return ""
    shape = tuple(int(v) for v in found[1].split(",") if v.strip())
    if not any(shape in (tuple(p.shape), tuple(p.shape)[::-1]) for p in model.parameters()):
        return ""
    return (f"The tensor changed in place has the shape of one of the model's weights "
            f"({shape}): optimizer.step() updates the weights in place, and your backward() "
            "then ran through a graph built BEFORE that step, so a loss from an earlier batch "
            "took part (a running total of loss tensors, total = total + loss, or a loss kept "
            "with retain_graph=True); call backward() on each batch's own loss, and keep only "
            "loss.item() from one batch to the next")


def _note_forward(forwards, inputs, module, args):
    """A forward pre-hook: note the module and its first input (returns None: input kept)."""
    forwards.append(module)
    inputs.append(args[0] if args else None)


def _changed_inputs_cause(inputs, dataset):
    """When the model's first input holds rows that are not in the data set: the features
    were changed before the forward pass (normalised, scaled, noised); None otherwise."""
    first = inputs[0] if inputs else None
    table = torch.stack([dataset[i][0] for i in range(len(dataset))])
    if not (torch.is_tensor(first) and first.dim() == 2 and first.shape[1] == table.shape[1]
            and first.dtype == table.dtype):
        return None
    with torch.no_grad():
        found = [bool((table - row.detach()).abs().amax(dim=1).min() <= 1e-6) for row in first]
    if all(found):
        return None
    row = first[found.index(False)].detach()
    with torch.no_grad():
        flipped = [bool((table - col).abs().amax(dim=1).min() <= 1e-6) for col in first.T]
    if all(flipped):
        return (f"the model's first forward pass got a batch of shape {tuple(first.shape)} "
                f"whose row {found.index(False)}, {[round(float(v), 4) for v in row]}, is no "
                "example of the data set, while each of its COLUMNS is one: your code "
                "transposes the features before the model sees them (features.T, .t() or a "
                "permute, as if the layer wanted (features, batch)); it runs silently only "
                "when a batch is square. nn.Linear takes (batch, features), the loader's own "
                "layout: logits = model(features)")
    return (f"the model's first forward pass got a batch of shape {tuple(first.shape)} whose "
            f"row {found.index(False)}, {[round(float(v), 4) for v in row]}, is no example of "
            f"the data set ({sum(not f for f in found)} of its {len(found)} rows are not): "
            "your code changes the features before the model sees them (a normalisation by "
            "the batch's mean and std, a scaling, noise?); the loop trains on the batch as the "
            "loader gives it, logits = model(features)")


def _batch_order_cause(inputs, dataset, loader_kw, epochs):
    """When every epoch fed the model the loader's batches, all of them once, but in another
    order (reversed, sorted, shuffled by the answer); None otherwise."""
    batches = [x for x, _ in DataLoader(dataset, **loader_kw)]
    steps = len(batches)
    if len(inputs) != epochs * steps or not all(torch.is_tensor(x) for x in inputs):
        return None
    order = []
    for x in inputs:
        hits = [j for j, b in enumerate(batches) if b.shape == x.shape
                and bool((b - x.detach()).abs().max() <= 1e-6)]
        if len(hits) != 1:
            return None
        order.append(hits[0])
    epochs_seen = [order[e * steps:(e + 1) * steps] for e in range(epochs)]
    if all(sorted(o) == list(range(steps)) for o in epochs_seen) and \
            any(o != list(range(steps)) for o in epochs_seen):
        return (f"your loop fed the model the loader's batches in another order: batch "
                f"order {[j + 1 for j in epochs_seen[0]]} in epoch 1 where the loader gives "
                f"{list(range(1, steps + 1))} (reversed, sorted or reshuffled by your code?); "
                "iterate for features, labels in train_loader as it comes")
    return None


def _unpack_cause(inputs):
    """Why the model got something other than a float batch of features, from its input."""
    if not inputs:
        return None
    first = inputs[0]
    if isinstance(first, int):
        return (f"The model got the int {first}, not a batch of features: `for features, labels "
                "in enumerate(train_loader)` makes features the batch number and labels the "
                "batch; write for batch_idx, (features, labels) in enumerate(train_loader), or "
                "drop enumerate")
    if torch.is_tensor(first) and not first.is_floating_point() and first.dim() == 1:
        return (f"The model got a {first.dtype} tensor of shape {tuple(first.shape)}, the "
                "labels: each batch is (features, labels) in that order, so write for "
                "features, labels in train_loader")
    return None


def _lr_changed(optimizer, lr):
    """A hint when ``train`` changed the learning rate (or another setting) of the optimizer it
    was given."""
    now = [group["lr"] for group in optimizer.param_groups]
    if all(abs(x - lr) < 1e-12 for x in now):
        changed = sorted({f"{key}={group[key]} (made with {value})"
                          for group in optimizer.param_groups
                          for key, value in optimizer.defaults.items()
                          if key not in ("lr", "params") and key in group
                          and group[key] != value})
        if not changed:
            return None
        return (f"after train the optimizer you were given has {', '.join(changed)}: your "
                "loop changes the optimizer's settings (momentum or weight decay "
                "switched on in param_groups?); this loop takes plain optimizer.step() calls "
                "with the optimizer as given, and leaves its settings alone")
    return (f"the optimizer you were given had lr={lr}, and after train its lr is "
            f"{now[0]:.4g}: your loop changes the learning rate (a decay per epoch, a "
            "scheduler); this loop takes plain optimizer.step() calls with the optimizer as "
            "given, and leaves its settings alone")


def _l2_replay(got, expected, replay, start):
    """cause -> the losses with the L2 term whose size explains the first loss's excess."""
    excess = got[0] - expected[0]
    squares = float(sum((p.detach() ** 2).sum() for p in start.parameters()))
    if not excess > 1e-6 or not squares:
        return {}
    factor = excess / squares
    return {f"your loss adds an L2 penalty, {factor:.3g} times the sum of the squared "
            "parameters, to the cross entropy: the first loss, before any step, is already "
            f"{excess:.4g} higher; this loop trains on F.cross_entropy(logits, labels) alone "
            "(weight decay, if wanted, belongs in the optimizer)":
            functools.partial(replay, l2=factor)}


_DOUBLED_GRADIENT = (
    "optimizer.step() and loss.backward() ran once per batch, yet each step moved the weights "
    "as if by twice the gradient of the loss you recorded: backward() ran on 2 times that "
    "loss. Every toy batch holds 2 examples, so that is a loss summed over the batch "
    "(reduction='sum', or reduction='none' then .sum()) while you record its mean, or a loss "
    "scaled by 2; call backward() on the mean F.cross_entropy(logits, labels), the loss you "
    "record")
_DIV_BATCH = ("you recorded loss.item() divided by the batch size; F.cross_entropy already "
              "averages over the batch: record loss.item() itself")
_DIV_LOADER = ("you recorded loss.item() divided by len(train_loader), the number of batches; "
               "record loss.item() itself")


def _divided_by_which(impl):
    """Dividing each loss by the batch size and by len(train_loader) agree on the toy run (2
    and 2); the dropout run (batches of 5, 5, 1 in a loader of length 3) tells them apart."""
    got = _losses_of(impl, _dropout_setup)
    if got is None:
        return None
    expected = _replay(*_dropout_setup(), 11)
    sizes = [len(y) for _ in range(2) for _, y in DataLoader(_dropout_setup()[1], batch_size=5)]
    if len(got) == len(expected) and all(abs(g - e / 3) <= 1e-5 for g, e in zip(got, expected)):
        return _DIV_LOADER
    if len(got) == len(expected) and all(abs(g - e / n) <= 1e-5
                                         for g, e, n in zip(got, expected, sizes)):
        return _DIV_BATCH
    return None


def _rounded_replay(expected, got):
    """cause -> the reference's losses rounded as ``got`` is (to the fewest decimals, 0-6, that
    leave every loss of ``got`` unchanged); empty if ``got`` is not rounded."""
    digits = next((d for d in range(7) if all(abs(x - round(x, d)) < 1e-12 for x in got)), None)
    if digits is None:
        return {}
    return {f"you rounded each recorded loss to {digits} decimals (round(loss.item(), "
            f"{digits}), as a printout does); record loss.item() itself, unrounded":
            [round(x, digits) for x in expected]}


def _seeds_inside(impl, start, dataset, loader_kw, epochs, lr):
    """Whether ``impl`` gives the same dropout losses under two different outer seeds."""
    try:
        return same_under_two_seeds(
            lambda model: impl(model, DataLoader(dataset, **loader_kw),
                               torch.optim.SGD(model.parameters(), lr=lr), epochs),
            prepare=lambda: (copy.deepcopy(start),), seeds=(21, 22))
    except Exception:  # noqa: BLE001 - a crash here is no evidence of seeding
        return False


def _first_loss_cause(impl, start, dataset, loader_kw, got, expected, epochs=None):
    """Which other loss gives the answer's first loss (before any step, so one batch of the
    start model tells the losses apart) and its loss on a probe batch of 4 classes trained
    with lr=0 (nearly equal logits can leave two losses tied on the first), or None."""
    functional = torch.nn.functional
    model = copy.deepcopy(start)
    model.train()
    torch.manual_seed(11)  # the seed of the run, drawn in the same order (loader, dropout)
    features, labels = next(iter(DataLoader(dataset, **loader_kw)))
    with torch.no_grad():
        first = model(features)  # before any other draw: the same dropout mask as the run
    torch.manual_seed(5)
    probe = NeuralNetwork(3, 5)  # 3 features, 5 classes, a batch of 4, a loader of 1 batch
    probe_x, probe_y = 3 * torch.randn(4, 3), torch.tensor([0, 1, 2, 4])
    steps = len(DataLoader(dataset, **loader_kw))
    with torch.no_grad():
        batches = [(first, labels), (probe(probe_x), probe_y)]
        # features per example, batches per epoch, examples in the data set
        sizes = [(features.shape[1], steps, len(dataset)), (3, 1, 4)]
        if not abs(functional.cross_entropy(*batches[0]).item() - expected) <= 1e-5:
            return None
    try:
        seen = impl(probe, DataLoader(TensorDataset(probe_x, probe_y), batch_size=4),
                    torch.optim.SGD(probe.parameters(), lr=0.0), 1)
        seen = [got, float(seen[0])]
    except Exception:  # noqa: BLE001 - a crash here is no evidence: judge the first loss
        seen = [got]
    losses = {
        "your first loss, before any step, is F.cross_entropy of a softmax over dim=0 (the "
        "examples of the batch): a softmax before the loss, over the wrong dimension; "
        "pass the raw logits, F.cross_entropy(logits, labels), which takes the softmax "
        "over the classes itself": lambda x, y: functional.cross_entropy(x.softmax(dim=0), y),
        "your first loss, before any step, is F.cross_entropy of a log_softmax over dim=0 "
        "(the examples of the batch): pass the raw logits, F.cross_entropy(logits, labels), "
        "which takes the log-softmax over the classes itself":
            lambda x, y: functional.cross_entropy(x.log_softmax(dim=0), y),
        "your first loss, before any step, is a binary cross entropy on one-hot labels "
        "(F.binary_cross_entropy_with_logits, or BCE on sigmoid outputs): that scores "
        "each class on its own; this loop uses F.cross_entropy(logits, labels)":
            lambda x, y: functional.binary_cross_entropy_with_logits(
                x, functional.one_hot(y, x.shape[1]).float()),
        "your first loss, before any step, is a binary cross entropy of the second logit "
        "alone against the labels as floats (F.binary_cross_entropy_with_logits(logits[:, 1], "
        "labels.float()), a binary classifier's loss; the probe batch of 5 classes agrees): "
        "that ignores every other class's logit; this loop uses F.cross_entropy(logits, "
        "labels) on all the logits":
            lambda x, y: functional.binary_cross_entropy_with_logits(x[:, 1], y.float()),
        "your first loss, before any step, is a mean squared error between the raw logits "
        "and one-hot labels (F.mse_loss(logits, F.one_hot(labels).float())): that is a "
        "regression loss; a classifier trains on F.cross_entropy(logits, labels)":
            lambda x, y: functional.mse_loss(x, functional.one_hot(y, x.shape[1]).float()),
        "your first loss, before any step, is a mean squared error between the softmax "
        "probabilities and one-hot labels: that is a regression loss on probabilities; "
        "a classifier trains on F.cross_entropy(logits, labels) with the raw logits":
            lambda x, y: functional.mse_loss(x.softmax(dim=1),
                                             functional.one_hot(y, x.shape[1]).float()),
        "your first loss, before any step, is a cross entropy weighted by the batch's "
        "inverse class counts (weight=1 / torch.bincount(labels), balanced classes): each "
        "class then counts as much as any other, whatever its number of examples; this loop "
        "uses the plain mean over the examples, F.cross_entropy(logits, labels)":
            lambda x, y: functional.cross_entropy(x, y, weight=1.0 / torch.bincount(
                y, minlength=x.shape[1]).float().clamp(min=1)),
        "your first loss, before any step, leaves out the LAST example of the batch (a "
        "slice such as logits[:-1], labels[:-1], or a loop one short over the batch; the "
        "probe batch of 4 agrees): the loss is the mean over every example of the batch, "
        "F.cross_entropy(logits, labels)":
            lambda x, y: functional.cross_entropy(x[:-1], y[:-1]),
        "your first loss, before any step, leaves out the FIRST example of the batch (a "
        "slice such as logits[1:], labels[1:]; the probe batch of 4 agrees): the loss is the "
        "mean over every example of the batch, F.cross_entropy(logits, labels)":
            lambda x, y: functional.cross_entropy(x[1:], y[1:]),
        "your first loss, before any step, reads every label's log-probability from the "
        "FIRST example's row, the mean of -log_softmax(logits)[0, labels] (a hand-written "
        "cross entropy whose gather index has shape (1, batch), gather(1, labels[None]) or "
        "gather(1, labels.unsqueeze(0)), where (batch, 1) belongs; the probe batch of 4 "
        "agrees): each example's loss needs its own row, gather(1, labels.unsqueeze(1)), or "
        "simply F.cross_entropy(logits, labels)":
            lambda x, y: -x.log_softmax(dim=1)[0, y].mean(),
        "your first loss, before any step, is a multi-class hinge loss "
        "(F.multi_margin_loss); this loop uses F.cross_entropy(logits, labels)":
            functional.multi_margin_loss,
    }
    for low, digits, method in ((torch.float16, 3, "half"), (torch.bfloat16, 2, "bfloat16")):
        name = str(low).removeprefix("torch.")
        losses[f"your first loss, before any step, is F.cross_entropy of the logits cast to "
               f"{name} (logits.{method}() or logits.to(torch.{name}) before the loss; the probe "
               f"batch agrees): {name} keeps only about {digits} significant digits, so the "
               "loss and every gradient are rounded and the run drifts; pass the logits as "
               "the model gives them, F.cross_entropy(logits, labels)"] = (
            lambda x, y, low=low: functional.cross_entropy(x.to(low), y).float())
    for t in (2, 0.5, 10, 5):
        losses[f"your first loss, before any step, is F.cross_entropy of the logits divided by "
               f"{t} (a temperature, as in sampling; the probe batch agrees): the loss takes "
               "the raw logits, F.cross_entropy(logits, labels)"] = (
            lambda x, y, t=t: functional.cross_entropy(x / t, y))
    for c in range(first.shape[1]):
        losses[f"your loss skips class {c} (F.cross_entropy(..., ignore_index={c})): a batch "
               f"whose labels are all {c} leaves no example to average, so its loss is 0 / 0 "
               "= NaN, and the other batches ignore those examples (the probe batch agrees); "
               "ignore_index is for padding tokens, not a real class: F.cross_entropy(logits, "
               "labels)"] = (
            lambda x, y, c=c: functional.cross_entropy(x, y, ignore_index=c))
    scaled = {  # the right loss times a factor: (logits, labels, features, batches) -> factor
        f"your first loss, before any step, is F.cross_entropy divided by len(train_loader) "
        f"({steps} here; on a probe loader of one batch it was the plain loss): the loss needs "
        "no division, F.cross_entropy(logits, labels) already averages over the batch":
            lambda x, y, f, n, size: 1 / n,
        "your first loss, before any step, is the mean F.cross_entropy divided by the batch "
        "size again (a mean divided twice, or a sum divided by len(labels) twice): "
        "F.cross_entropy(logits, labels) is already the mean":
            lambda x, y, f, n, size: 1 / len(y),
        "your first loss, before any step, is the summed cross entropy divided by the number "
        "of classes, logits.shape[1] (equal to the batch size in the toy run, not in general): "
        "use the mean, F.cross_entropy(logits, labels)":
            lambda x, y, f, n, size: len(y) / x.shape[1],
        "your first loss, before any step, is the summed cross entropy divided by the number "
        "of features, features.shape[1] (not the number of examples, which runs along dim "
        "0): use the mean, F.cross_entropy(logits, labels)":
            lambda x, y, f, n, size: len(y) / f,
        "your first loss, before any step, is the batch's summed cross entropy divided by "
        "the size of the whole data set, len(train_loader.dataset) (on a probe loader of one "
        "batch holding every example it was the plain loss): the loss of a batch is its own "
        "mean, F.cross_entropy(logits, labels)": lambda x, y, f, n, size: len(y) / size,
    }
    with torch.no_grad():
        replays = {k: [f(x, y).item() for x, y in batches][:len(seen)]
                   for k, f in losses.items()}
        replays.update({k: [(functional.cross_entropy(x, y) * factor(x, y, *size)).item()
                             for (x, y), size in zip(batches, sizes)][:len(seen)]
                        for k, factor in scaled.items()})
    for low in (torch.bfloat16, torch.float16):  # a forward pass under torch.autocast
        name = str(low).removeprefix("torch.")
        again = copy.deepcopy(start).train()
        torch.manual_seed(11)  # as for ``first``: the loader's draw, then the dropout masks
        low_x, low_y = next(iter(DataLoader(dataset, **loader_kw)))
        with torch.no_grad(), torch.autocast("cpu", dtype=low):
            outs = [(again(low_x), low_y), (probe(probe_x), probe_y)]
            inside = [functional.cross_entropy(x, y).float().item() for x, y in outs]
        outside = [functional.cross_entropy(x.float(), y).item() for x, y in outs]
        for where, values in (("", inside), (", the loss taken after the block", outside)):
            replays[f"your first loss, before any step, is the loss of a forward pass in "
                    f"reduced precision: it matches logits computed under torch.autocast with "
                    f"{name} (yours {got:.6g}, float32 {expected:.6g}{where}), and {name} "
                    "keeps only a few digits, so every "
                    "later loss drifts; this exercise trains in float32: compute "
                    "model(features) without autocast"] = values[:len(seen)]
    if len(seen) == 2 and seen[0] != seen[0]:  # NaN: matched by the NaN and the probe's value
        return next((k for k, v in replays.items() if len(v) == 2 and v[0] != v[0]
                     and abs(v[1] - seen[1]) <= 1e-5), None)
    return likely_cause(seen, replays, atol=1e-5) or _first_loss_evidence(
        seen, batches, sizes[0], epochs)


def _changed_before_first_pass(at_first, start):
    """A cause when the weights differed from ``start``'s as the first forward pass began,
    before any optimizer.step(): the answer replaced them before training (or None)."""
    if not at_first or at_first[0][0]:
        return None
    given = list(start.parameters())
    weights = at_first[0][1]
    if len(weights) != len(given) or any(w.shape != g.shape for w, g in zip(weights, given)):
        return None
    gap = max(float((w.double() - g.detach().double()).abs().max()) for w, g in
              zip(weights, given))
    if gap <= 1e-7:
        return None
    return (f"before the first forward pass, with no optimizer.step() yet, the model's "
            f"weights already differed from the ones it was handed (by up to {gap:.3g}): "
            "your code re-initialises or replaces them before training (reset_parameters() "
            "on the layers, an nn.init function, a load_state_dict of other weights?); "
            "train the model as it was given")


def _first_loss_evidence(seen, batches, sizes, epochs):
    """The answer's first loss set against F.cross_entropy on the same batch: a label
    smoothing whose amount the first batch gives and the probe batch confirms, or else the
    ratio of the two losses (and the run's sizes that ratio matches), or None."""
    functional = torch.nn.functional
    with torch.no_grad():
        ces = [functional.cross_entropy(x, y).item() for x, y in batches]
        # the loss with label smoothing eps is (1 - eps) * ce + eps * the mean of -log p
        flat = [(-x.log_softmax(dim=1)).mean().item() for x, _ in batches]
    got = seen[0]
    if abs(flat[0] - ces[0]) > 1e-6:
        eps = (got - ces[0]) / (flat[0] - ces[0])
        if 0.001 < eps < 1 and len(seen) == 2 and (abs(
                (1 - eps) * ces[1] + eps * flat[1] - seen[1]) <= 1e-5):
            return (f"your first loss, before any step ({got:.6g}; F.cross_entropy gives "
                    f"{ces[0]:.6g}), is the cross entropy with label smoothing {eps:.3g} "
                    "(F.cross_entropy(..., label_smoothing=...), a smoothing the probe batch "
                    "confirms): smoothing moves the targets away from the true class; this "
                    "loop uses the plain F.cross_entropy(logits, labels)")
    if not ces[0] or not got == got:
        return None
    ratio = got / ces[0]
    batch = len(batches[0][1])
    divisor = batch / ratio  # a summed loss divided by this gives the answer's loss
    names = {"num_epochs": epochs, "the number of features": sizes[0],
             "len(train_loader)": sizes[1], "len(train_loader.dataset)": sizes[2],
             "the number of classes": batches[0][0].shape[1]}
    match = [k for k, v in names.items() if v and abs(divisor - v) < 1e-4]
    over = [k for k, v in names.items() if v and abs(ratio * v - 1) < 1e-4]
    if over and not match:
        return (f"your first loss, before any step, is F.cross_entropy(logits, labels) on the "
                f"same batch divided by {1 / ratio:.4g} (yours {got:.6g}, expected "
                f"{ces[0]:.6g}), and {1 / ratio:.4g} is {' and '.join(over)} here: record "
                "(and train on) the batch's mean loss itself, loss.item(), with nothing "
                "divided")
    if not match:  # no size of the run explains the ratio: no evidence of a division
        return None
    return (f"your first loss, before any step, is {ratio:.4g} times F.cross_entropy(logits, "
            f"labels) on the same batch of {batch} (yours {got:.6g}, expected {ces[0]:.6g}): "
            f"the batch's summed loss divided by {divisor:.4g}, which is "
            f"{' and '.join(match)} here, not the batch size {batch}; the loss of a batch "
            "is the mean over its examples, F.cross_entropy(logits, "
            "labels), with nothing multiplied or divided")


def _class_weight_cause(impl):
    """When the answer's loss on a probe batch of labels [0, 0, 0, 1] (lr=0, one epoch, one
    batch) is the cross entropy weighted by inverse class counts, not the plain mean: class
    weights computed from the counts, of the batch or of the whole data set (the same here).
    The toy run cannot show it at its first loss: that batch holds class 0 alone."""
    functional = torch.nn.functional
    torch.manual_seed(7)
    probe = NeuralNetwork(2, 2)
    x, y = 2 * torch.randn(4, 2), torch.tensor([0, 0, 0, 1])
    try:
        seen = impl(probe, DataLoader(TensorDataset(x, y), batch_size=4),
                    torch.optim.SGD(probe.parameters(), lr=0.0), 1)
        seen = float(seen[0])
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return None
    with torch.no_grad():
        logits = probe(x)
        plain = functional.cross_entropy(logits, y).item()
        balanced = functional.cross_entropy(
            logits, y, weight=1.0 / torch.bincount(y, minlength=2).float()).item()
    if abs(seen - plain) > 1e-4 and abs(seen - balanced) <= 1e-5:
        return (f"on a probe batch of labels [0, 0, 0, 1] (lr=0, one step) your loss is "
                f"{seen:.6g}, the cross entropy with class weights from the inverse class "
                f"counts ({balanced:.6g}; the plain mean is {plain:.6g}): your loop weights "
                "the classes (weight= from torch.bincount of the batch's labels or of the "
                "whole data set, to balance them), so the one class-1 example counts as much "
                "as the three of class 0 (the toy run's first batch holds class 0 alone, "
                "which is why its first loss was right); this loop uses the plain mean over "
                "the examples, F.cross_entropy(logits, labels)")
    return None


def _first_step_cause(start, dataset, loader_kw, lr, grads, weights, after):
    """What differs as the first optimizer.step() begins, when the first loss was right: the
    weights changed before it, or its gradients (capped by value, rescaled, or otherwise
    changed); None when that gives no evidence."""
    model = copy.deepcopy(start)
    model.train()
    torch.manual_seed(11)  # the seed of the run, drawn in the same order (loader, dropout)
    features, labels = next(iter(DataLoader(dataset, **loader_kw)))
    first = torch.nn.functional.cross_entropy(model(features), labels)
    first.backward()
    ref_w = [p.detach() for p in model.parameters()]
    ref_g = [p.grad for p in model.parameters()]
    if len(weights) != len(ref_w) or any(a.shape != b.shape for a, b in zip(weights, ref_w)):
        return None
    moved = max(float((a - b).abs().max()) for a, b in zip(weights, ref_w))
    if moved > 1e-6:
        return (f"the first update differs: as the first optimizer.step() began, the weights "
                f"had already changed by up to {moved:.3g} (the first loss was right): "
                "something updates them outside the optimizer (a weight decay by hand such as "
                "p.mul_(0.99), p.data -= ..., or another optimizer); let optimizer.step() be "
                "the only update")
    if any(g is None for g in grads):
        return None
    diff = max(float((a - b).abs().max()) for a, b in zip(grads, ref_g))
    if diff <= 1e-6:
        stepped = [w - lr * g for w, g in zip(ref_w, ref_g)]
        if after is not None and all(torch.allclose(a, b, atol=1e-6)
                                     for a, b in zip(after, stepped)):
            same = labels.unique().numel() == 1  # a reordering of them cannot show
            return ("the weights are right before and after the first optimizer.step(), and "
                    "the first loss is right, yet the second recorded loss is not: either what "
                    "you record differs from loss.item() of each batch's own loss (a value "
                    "kept from an earlier batch, a loss from another forward pass, or the "
                    "weights edited between the step and the next batch), or the loss of the "
                    "later batches is computed from changed labels or features"
                    + (f" (the first batch's labels are all {int(labels[0])}, so labels "
                       "reordered or paired with the wrong examples, such as labels.flip(0), "
                       "give the right loss there and only there)" if same else ""))
        return ("the first update differs: the weights and gradients were right as the first "
                "optimizer.step() began, yet the weights after it are not: the step itself "
                "differs (the optimizer's learning rate or settings changed, or a second "
                "update)")
    top = max(float(g.abs().max()) for g in grads)
    if top < max(float(g.abs().max()) for g in ref_g) - 1e-6 and all(
            torch.allclose(a, b.clamp(-top, top), atol=1e-6) for a, b in zip(grads, ref_g)):
        return (f"the first update differs: at the first optimizer.step() every gradient entry "
                f"is capped at +-{top:.3g} (smaller entries are right, larger ones cut): the "
                "gradients were clipped by value (clip_grad_value_); this loop steps on the "
                "full gradients")

    def norm(gs):
        return float(torch.sqrt(sum((g.double() ** 2).sum() for g in gs)))

    k = norm(grads) / norm(ref_g)
    if all(torch.allclose(a, b * k, atol=1e-6) for a, b in zip(grads, ref_g)):
        note = _factor_note(k, len(labels), len(DataLoader(dataset, **loader_kw)),
                            len(dataset), first.item())
        return (f"the first update differs: at the first optimizer.step() the gradients "
                f"point the right way but are {k:.3g} times the right size (norm "
                f"{norm(grads):.3g}, expected {norm(ref_g):.3g})"
                + (note or ": they were rescaled (clip_grad_norm_ to a max_norm, a scaled "
                           "loss or a function of it such as loss ** 2 or loss.sqrt(), whose "
                           "gradient is the loss's times its slope, or grads edited by hand)")
                + "; step on the gradients of F.cross_entropy(logits, labels) as they are")
    return (f"the first update differs: the first loss is right, but the gradients at the "
            f"first optimizer.step() are not those of F.cross_entropy(model(features), labels) "
            f"on the first batch (max difference {diff:.3g}; norm {norm(grads):.3g}, expected "
            f"{norm(ref_g):.3g}): the loss you call backward() on, or the gradients between "
            "backward() and step(), were changed")


def _factor_note(k, batch, batches, examples, loss):
    """Name the loss that a gradient factor ``k`` matches, from the batch, loader and dataset
    sizes, or from the first batch's loss ``loss`` (a function of the loss differentiated: its
    gradient is the loss's times that function's slope at ``loss``)."""
    slope = f"at the first batch's loss, {loss:.4g}"
    loss = max(loss, 1e-12)  # a loss of 0 leaves no gradient to rescale
    known = {1 / (2 * math.sqrt(loss)): f"backward() on loss.sqrt() gives (its gradient is the "
                                        f"loss's times 1 / (2 * sqrt(loss)), {slope})",
             math.exp(loss): f"backward() on torch.exp(loss), the perplexity, gives (its "
                             f"gradient is the loss's times exp(loss), {slope})",
             1 / loss: f"backward() on loss.log() gives (its gradient is the loss's times "
                       f"1 / loss, {slope})",
             2 * loss: f"backward() on loss ** 2 gives (its gradient is the loss's times "
                       f"2 * loss, {slope})",
             batch: f"the summed loss (reduction='sum') of the {batch}-example batch",
             batch / examples: f"the loss times the batch's share of the dataset, len(labels) "
                               f"/ len(train_loader.dataset) = {batch} / {examples}",
             batch / batches: f"the summed loss divided by len(train_loader), {batches} "
                              f"batches, not by the {batch} examples of the batch",
             1 / batches: f"the mean loss divided by len(train_loader) ({batches} batches)"}
    for factor, what in known.items():
        if factor != 1 and abs(k - factor) < 1e-4 * factor:
            return (f": the factor {k:.3g} is exactly what {what}" if what.endswith(")") else
                    f": the factor {k:.3g} is exactly what {what} gives")
    return ""


def _reshape_cause(err, dataset, loader_kw):
    """Why a view/reshape of a batch failed, told by the sizes in PyTorch's message: the
    loader's batch_size where the short last batch has fewer examples, or a feature count
    that is not this data's; None when neither fits."""
    import re

    found = re.search(r"shape '\[([-\d, ]+)\]' is invalid for input of size (\d+)", str(err))
    if not found:
        return None
    sizes = [int(v) for v in found.group(1).split(",")]
    numbers = int(found.group(2))
    n_feat = dataset[0][0].shape[-1]
    size = loader_kw["batch_size"]
    short = 0 if loader_kw.get("drop_last") else len(dataset) % size
    if size in sizes and short and numbers == short * n_feat:
        return (f"You reshaped a batch with train_loader.batch_size ({size}), but the last "
                f"batch of each epoch holds only {short} example(s) ({len(dataset)} examples "
                f"in batches of {size}, no drop_last): take the sizes from the batch itself, "
                "features.shape[0], or better leave the features as the loader gives them")
    if n_feat not in sizes and numbers % n_feat == 0:
        fixed = [v for v in sizes if v > 0]
        return (f"Your reshape to {sizes} fixes the size(s) {fixed}, but these examples have "
                f"{n_feat} features each ({numbers // n_feat} examples here): a hard-coded "
                "feature count (the toy data's 2?) fits one data set only; leave the features "
                "as the loader gives them, or take the sizes from features.shape")
    return None


def _replay_batch_outer(start, dataset, loader_kw, epochs, lr, seed):
    """The mistake of nesting the loops the other way: each batch trained epochs times in a row."""
    import torch.nn.functional as F

    model = copy.deepcopy(start)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    torch.manual_seed(seed)
    losses = []
    model.train()
    for features, labels in DataLoader(dataset, **loader_kw):
        for _ in range(epochs):
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


def _cuda_chosen(impl, call, what, advice=None):
    """Fails when a freshly loaded copy of the answer, run by ``call`` on a CPU model and CPU
    batches while torch.cuda.is_available() says True (as on a machine with a GPU), asks for
    'cuda' by itself (a module-level ``device = "cuda" if torch.cuda.is_available() else
    "cpu"`` is set when the file loads, hence the fresh copy). A spy sends every such move to
    the CPU and notes it; a crash without a move to 'cuda' is no evidence."""
    asked = []
    available = torch.cuda.is_available
    torch.cuda.is_available = lambda: True
    try:
        fresh = fresh_copy(impl)
        if fresh is not None:
            with _cuda_to_cpu(asked):
                call(fresh)
    except NotImplementedError:  # the stub as given: not attempted
        raise
    except Exception:  # noqa: BLE001 - only the moves asked for are evidence
        pass
    finally:
        torch.cuda.is_available = available
    if asked and advice is not None:
        raise CheckFailure(
            f"{what} on a machine where torch.cuda.is_available() is True (the check sends any "
            f"move to 'cuda' back to the CPU and notes it): your code asked for {asked[0]!r} by "
            f"itself; {advice}")
    if asked:
        raise CheckFailure(
            f"{what} with the model and the batches on the CPU, on a machine where "
            "torch.cuda.is_available() is True (the check sends any move to 'cuda' back to the "
            f"CPU and notes it): your code asked for {asked[0]!r} by itself (a device chosen "
            "as 'cuda' if torch.cuda.is_available() else 'cpu'), so on a GPU machine the "
            "caller's CPU model meets batches on the GPU (a crash) or is moved away from where "
            "the caller keeps it; leave the model where it is and use the batches as they come "
            "(or move them to the model's own device, next(model.parameters()).device)")


@one_thread
def check_train(impl):
    """Two runs (the toy data; a dropout model handed over in eval mode, 4 classes), then
    old gradients, a frozen layer, confident logits, a shuffling loader, float64, momentum,
    two parameter groups, a second run, no epochs, bfloat16 and a run of 100 batches: each a
    case of its own, so that a failure a freshly loaded copy of the answer avoids is named as
    state kept between calls."""
    runs = {"previous": None, "passed": []}  # the last run's losses; the runs that matched
    check_cases(state_probed(impl, probe_first=False, cases=[
        (name, functools.partial(_check_run, setup=setup, runs=runs))
        for name, setup in (("the toy run", _toy_setup),
                            ("the dropout run", _dropout_setup))]))
    check_cases(state_probed(impl, [
        ("a model handed over with old gradients", _check_stale_gradients),
        ("a model with a frozen layer", _check_frozen_kept),
        ("confident logits", _check_confident_logits),
        ("a shuffling loader", _check_fresh_passes),
        ("a float64 model on float64 data", _check_float64_run),
        ("SGD with momentum", _check_optimizer_state),
        ("an optimizer with two parameter groups", _check_param_groups),
        ("a short run, then a longer one on 3-D features", _check_second_run),
        ("no epochs at all", _check_no_epochs),
        ("a bfloat16 model on bfloat16 data", _check_bfloat16_run),
        ("one epoch of 100 batches", _check_long_run),
        ("a run whose loss rises", _check_rising_run),
        ("300 classes", _check_many_classes_run),
        ("300 classes on bfloat16 features", _check_bfloat16_classes_run),
        ("a machine with a GPU", _check_train_cuda_chosen),
        ("a model and batches on a GPU", _check_train_cpu_chosen),
        ("a batch with a missing value (NaN)", _check_nan_batch),
        ("a model with large weights", _check_large_weights)]))



def _nan_run(train_fn, skip=None):
    """The losses of 2 epochs over 6 points in batches of 2 whose example 2 has a NaN feature
    (so the second batch's loss is NaN, and every loss after the step on it too), by
    ``train_fn`` or, when it is None, by the reference loop; ``skip`` replays a guard on a NaN
    loss: "batch" leaves out the batch, "step" records its loss but skips the update, and
    "clean" replays features cleaned with torch.nan_to_num before the forward pass."""
    start, dataset = _edge_setup(6)
    features = dataset.tensors[0].clone()
    features[2, 0] = float("nan")
    loader = DataLoader(TensorDataset(features, dataset.tensors[1]), batch_size=2)
    model = copy.deepcopy(start)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    if train_fn is not None:
        return train_fn(model, loader, optimizer, 2)
    losses = []
    for _ in range(2):
        model.train()
        for x, y in loader:
            if skip == "clean":
                x = torch.nan_to_num(x)
            loss = torch.nn.functional.cross_entropy(model(x), y)
            if skip == "batch" and torch.isnan(loss):
                continue
            optimizer.zero_grad()
            loss.backward()
            if not (skip == "step" and torch.isnan(loss)):
                optimizer.step()
            losses.append(loss.item())
    return losses


def _large_weights_run(train_fn):
    """The losses and final parameters of 2 epochs over 6 points in batches of 2 on a
    NeuralNetwork(2, 2) whose parameters are 20 times their seeded values (up to about 14 in
    size), SGD(lr=0.01), by ``train_fn`` or, when it is None, by the reference loop."""
    start, dataset = _edge_setup(6)
    model = copy.deepcopy(start)
    with torch.no_grad():
        for p in model.parameters():
            p.mul_(20.0)
    loader = DataLoader(dataset, batch_size=2)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    losses = (train_fn or train_toy_model)(model, loader, optimizer, 2)
    return losses, [p.detach().clone() for p in model.parameters()]


def _check_large_weights(impl):
    """Weights larger than the toy run's (up to about 14): the loop changes the weights only
    through optimizer.step(), so a clamp or clip of the weights by hand (p.data.clamp_(-5, 5)
    after a step or an epoch), harmless while every weight is small, shows here."""
    expected, reference = _large_weights_run(None)
    got, params = _large_weights_run(impl)
    gap = max(float((a.double() - b.double()).abs().max()) for a, b in zip(params, reference))
    # losses of a few hundred here: float32 rounding of the same loop (an answer that runs the
    # examples one by one, say) reaches 1e-4 in them and 1e-6 in the weights; a clamp moves
    # the weights by units
    if isinstance(got, list) and len(got) == len(expected) and all(
            isinstance(a, float) and math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-5)
            for a, b in zip(got, expected)) and gap <= 1e-4:
        return
    what = ("train(a NeuralNetwork(2, 2) whose weights are 20 times their seeded values, up to "
            f"{max(float(p.abs().max()) for p in reference):.3g} after training, 6 points in "
            "batches of 2, SGD(lr=0.01), 2 epochs)")
    largest = max(float(p.abs().max()) for p in params)
    at_bound = sum(int((p.abs() == largest).sum()) for p in params)
    if at_bound >= 2 and largest < max(float(p.abs().max()) for p in reference) - 1e-3:
        raise CheckFailure(
            f"{what}: your weights end inside [-{largest:.4g}, {largest:.4g}], {at_bound} of "
            f"them exactly at that bound, where the right loop's reach "
            f"{max(float(p.abs().max()) for p in reference):.4g}: your loop clamps (clips) "
            "the weights by hand (p.data.clamp_ or torch.clamp on the parameters after a step "
            "or an epoch?); the weights change only through optimizer.step(): leave them as "
            "the step leaves them")
    shown = [round(v, 4) if isinstance(v, float) else v for v in got] if isinstance(
        got, list) else got
    raise CheckFailure(
        f"{what} returned {shown}, expected {[round(v, 4) for v in expected]}, and the final "
        f"weights differ from the right loop's by up to {gap:.3g}: with small weights your "
        "loop was right, so something in it depends on the size of the weights (a clamp, a "
        "normalisation or a guard on them?); change the weights only through "
        "optimizer.step()")


def _same_losses(got, expected, atol=1e-5):
    """``got`` is a list of floats equal to ``expected`` within ``atol``, NaN where it is NaN."""
    return isinstance(got, list) and len(got) == len(expected) and all(
        isinstance(a, float) and (math.isnan(a) and math.isnan(b) or abs(a - b) <= atol)
        for a, b in zip(got, expected))


def _check_nan_batch(impl):
    """A NaN in the data makes a batch's loss NaN: the loop still records it (and steps on it,
    so the later losses are NaN too); a guard that skips such a batch hides the bad data."""
    with torch.autograd.set_detect_anomaly(False):  # a NaN loss is what this case is about
        expected = _nan_run(None)
    got = _nan_run(impl)
    if _same_losses(got, expected):
        return
    shown = [round(v, 4) if isinstance(v, float) else v for v in got] if isinstance(
        got, list) else got
    what = (f"train(a NeuralNetwork(2, 2), 6 points in batches of 2 whose third point has a "
            f"NaN feature, SGD(lr=0.1), 2 epochs) returned {shown!r}, expected "
            f"{[round(v, 4) for v in expected]} (the second batch's loss is NaN, and so is "
            "every loss after the step on it)")
    with torch.autograd.set_detect_anomaly(False):
        skipped = {how: _nan_run(None, skip=how) for how in ("batch", "step")}
    if _same_losses(got, skipped["batch"]):
        raise CheckFailure(
            f"{what}: a batch whose loss is NaN was skipped (if torch.isnan(loss): continue, "
            "or a test of math.isfinite): the loop records every batch's loss, NaN included, "
            "and steps on it; a NaN loss tells the caller the data or the learning rate is "
            "wrong, and skipping it hides that (and trains on fewer batches than asked)")
    if _same_losses(got, skipped["step"]):
        raise CheckFailure(
            f"{what}: the update was skipped for a batch whose loss is NaN (optimizer.step() "
            "under an if on torch.isnan or math.isfinite): the loop steps on every batch as it "
            "is; a NaN loss tells the caller the data or the learning rate is wrong, and "
            "skipping its step hides that")
    first_nan = next((i for i, v in enumerate(expected) if math.isnan(v)), len(expected))
    if (isinstance(got, list) and first_nan <= len(got) < len(expected)
            and _same_losses(got, expected[:len(got)])):
        raise CheckFailure(
            f"{what}: your {len(got)} losses are the first {len(got)} expected, then the run "
            "stopped once a loss was NaN (a return or break under a test such as "
            "math.isnan(loss.item()) or loss != loss inside the loop): the loop runs all "
            "num_epochs over every batch and records each loss, NaN included; a NaN loss tells "
            "the caller the data or the learning rate is wrong, and stopping early hides how "
            "many batches were asked for")
    with torch.autograd.set_detect_anomaly(False):
        cleaned = _nan_run(None, skip="clean")
    if _same_losses(got, cleaned):
        raise CheckFailure(
            f"{what}: your losses match a loop that replaces the NaN features by 0 before the "
            "forward pass (torch.nan_to_num(features), or a mask such as features[features != "
            "features] = 0): the loop trains on each batch as the loader gives it; cleaning "
            "missing values belongs to the data, before the loader, and doing it silently here "
            "hides that the data is broken")
    nan_at = [i for i, v in enumerate(expected) if math.isnan(v)]
    if (isinstance(got, list) and len(got) == len(expected) and nan_at
            and all(isinstance(v, float) and math.isfinite(v) for i, v in enumerate(got)
                    if i in nan_at)
            and _same_losses([v for i, v in enumerate(got) if i not in nan_at],
                             [v for i, v in enumerate(expected) if i not in nan_at])):
        values = sorted({got[i] for i in nan_at})
        shown_values = (f"{values[0]!r} for each of them" if len(values) == 1
                        else "numbers")
        raise CheckFailure(
            f"{what}: every loss that is NaN came back as a number ({shown_values}), while the "
            "other losses match: the NaN loss was replaced (torch.nan_to_num(loss), or a test "
            "such as 0.0 if math.isnan(value) when recording it); record loss.item() as it is, "
            "NaN included: a NaN loss tells the caller the data or the learning rate is wrong, "
            "and a number in its place hides that")
    raise CheckFailure(f"{what}: the earlier runs had no NaN in their data; look for code "
                       "that treats a NaN loss or a NaN feature differently from other numbers")


def _check_train_cuda_chosen(impl):
    start, dataset, loader_kw, epochs, lr = _toy_setup()
    _cuda_chosen(impl, lambda fresh: fresh(start, DataLoader(dataset, **loader_kw),
                                           torch.optim.SGD(start.parameters(), lr=lr), 1),
                 "train(the toy model, its loader, SGD, 1 epoch)")


def _check_train_cpu_chosen(impl):
    """A model and a loader standing in for a GPU's (they say 'cuda:0', the check runs them on
    the CPU): an answer that moves the batch, or the model, to 'cpu' by itself fails."""
    start, dataset, loader_kw, _, lr = _toy_setup()
    model = _gpu_stand_ins(start)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    used = _cpu_moves(model, lambda: impl(model, _gpu_loader(loader_kw, dataset), optimizer, 1))
    if used:
        _cpu_chosen("train(the toy model and its loader on a GPU, stand-ins that say cuda:0 "
                    "while the check runs them on the CPU, SGD, 1 epoch)", used)


_INTEGER_TARGETS = {"Int": ("int32", "labels.int() or .to(torch.int32)"),
                    "Short": ("int16", "labels.short() or .to(torch.int16)"),
                    "Char": ("int8", "labels.char() or .to(torch.int8)")}


def _target_dtype_cause(message):
    """What an F.cross_entropy dtype error says the labels were turned into: whole numbers of
    a narrower integer type (int32 from labels.int()) or floats."""
    got = re.search(r"but (?:got|found) (\w+)", message)
    if got and got.group(1) in _INTEGER_TARGETS:
        name, how = _INTEGER_TARGETS[got.group(1)]
        return (f"F.cross_entropy got {name} labels: they are whole numbers, but class "
                "indices must be int64 (torch.long), and your code cast them to a narrower "
                f"integer type ({how}; torch.int is int32, not int64); pass the labels as "
                "the loader gives them, or cast with labels.long()")
    return ("F.cross_entropy got float labels: class labels must stay integers (torch.long); "
            "pass the labels as the loader gives them, without labels.float()")


def _check_run(impl, setup, runs):
    """One training run of ``setup`` checked against the reference loop; ``runs`` holds the
    previous run's losses and the runs that matched, for the hints."""
    start, dataset, loader_kw, epochs, lr = setup()
    steps = len(DataLoader(dataset, **loader_kw))
    what = (f"{epochs} epochs of {steps} batches"
            + (" with a dropout model handed over in eval mode" if setup is _dropout_setup
               else " on the toy data"))
    mine = copy.deepcopy(start)
    torch.manual_seed(11)
    torch_error = None  # PyTorch's NotImplementedError is not the stub's
    optimizer = torch.optim.SGD(mine.parameters(), lr=lr)
    steps_taken, backwards = [], []
    optimizer.register_step_post_hook(lambda *args, seen=steps_taken: seen.append(1))
    at_step = []  # (gradients, weights) as the first optimizer.step() begins
    optimizer.register_step_pre_hook(lambda *args, seen=at_step, m=mine: None if seen else (
        seen.append(([None if p.grad is None else p.grad.detach().clone()
                      for p in m.parameters()],
                     [p.detach().clone() for p in m.parameters()]))))
    optimizer.register_step_post_hook(lambda *args, seen=at_step, m=mine: seen.append(
        [p.detach().clone() for p in m.parameters()]) if len(seen) == 1 else None)
    step_lrs = []  # the first group's learning rate as each step begins
    optimizer.register_step_pre_hook(lambda opt, *args, seen=step_lrs: seen.append(
        opt.param_groups[0]["lr"]))
    zero_calls = []  # every optimizer.zero_grad() call: the steps taken before it
    optimizer.zero_grad = lambda *args, f=optimizer.zero_grad, seen=zero_calls, \
        done=steps_taken, **kw: (seen.append(len(done)), f(*args, **kw))[1]
    next(mine.parameters()).register_post_accumulate_grad_hook(
        lambda _, seen=backwards: seen.append(1))
    after_backward = []  # the first parameter's .grad after each backward(), until a step
    next(mine.parameters()).register_post_accumulate_grad_hook(
        lambda p, seen=after_backward, stepped=steps_taken: None if stepped else seen.append(
            p.grad.detach().clone()))
    forwards = []  # the module of each forward pass (a deep copy keeps this hook)
    inputs = []  # the first argument of each forward pass
    modes = []  # the mode given to each model.train(mode) (model.eval() is train(False))
    mine.train = lambda mode=True, f=mine.train, seen=modes: (seen.append(mode), f(mode))[1]
    mine.register_forward_pre_hook(  # a function, so a deep copy shares these lists
        lambda module, args, f=forwards, i=inputs: _note_forward(f, i, module, args))
    at_first = []  # (steps taken, the weights) as the first forward pass begins
    mine.register_forward_pre_hook(lambda module, args, seen=at_first, done=steps_taken: None
                                   if seen else seen.append((len(done), [
                                       p.detach().clone() for p in module.parameters()])))
    root_modes = []  # (model.training, any submodule training) at each forward pass
    mine.register_forward_pre_hook(lambda module, args, seen=root_modes: seen.append(
        (module.training, any(m.training for m in module.modules() if m is not module))))
    saved_settings = torch_settings()  # a grad mode left off breaks the replay below
    try:
        got = impl(mine, DataLoader(dataset, **loader_kw), optimizer, epochs)
    except NotImplementedError as err:
        if "not implemented for" not in str(err):  # the stub's own NotImplementedError
            raise
        torch_error = str(err)
    except IndexError as err:
        if "out of bounds" not in str(err):
            raise
        classes = int(dataset[:][1].max()) + 1
        target = re.search(r"Target (-?\d+) is out of bounds", str(err))
        if target and not 0 <= int(target.group(1)) < classes:
            raise CheckFailure(f"your code raised IndexError: {err} (for {what}). The labels "
                               f"here run from 0 to {classes - 1}, and the model has "
                               f"{classes} classes, yet the loss got the label "
                               f"{target.group(1)}: your code changed the labels (shifted "
                               "them, labels - 1 or labels + 1, as if the classes were "
                               "counted from 1?); pass the labels as the loader gives "
                               "them") from None
        raise CheckFailure(f"your code raised IndexError: {err} (for {what}). The labels "
                           f"here run from 0 to {classes - 1}, so the logits need {classes} "
                           "classes; your loss saw fewer (logits cut to 2 "
                           "classes, or a hard-coded output size?): pass model(features) to "
                           "F.cross_entropy as it is") from None
    except AttributeError as err:
        if "has no attribute 'set_epoch'" in str(err):
            raise CheckFailure(
                f"your code raised AttributeError: {err} (for {what}). set_epoch belongs "
                "to DistributedSampler, the sampler of the DDP run, which reshuffles per "
                "epoch; the loader given here has a plain sampler "
                f"({type(DataLoader(dataset, **loader_kw).sampler).__name__}) without "
                "it. train must work with any loader: leave set_epoch to the DDP script "
                "(or call it only when hasattr(train_loader.sampler, 'set_epoch'))"
            ) from None
        if "'NoneType' object has no attribute 'zero_'" not in str(err):
            raise
        raise CheckFailure(f"your code raised AttributeError: {err} (for {what}): a "
                           "gradient p.grad is None until a loss.backward() fills it (and "
                           "stays None for a frozen parameter), so zeroing it by hand, "
                           "p.grad.zero_() or p.grad.data.zero_(), fails on such a "
                           "parameter; call optimizer.zero_grad(), which skips gradients "
                           "that do not exist") from None
    except (RuntimeError, ValueError, TypeError) as err:
        unpacked = _unpack_cause(inputs)
        if unpacked:
            raise CheckFailure(f"your code raised {type(err).__name__}: {err} (for {what}). "
                               + unpacked) from None
        if isinstance(err, TypeError) and "object is not iterable" in str(err) and \
                "float" in str(err):
            raise CheckFailure(f"your code raised TypeError: {err} (for {what}). "
                               "losses += loss.item() asks the list to take every element "
                               "of a float, which has none: += on a list extends it by a "
                               "sequence; add one number with losses.append(loss.item())"
                               ) from None
        if isinstance(err, TypeError):
            raise
        if "weight tensor should be defined" in str(err):
            raise CheckFailure(f"your code raised RuntimeError: {err} (for {what}). Your "
                               "loss has class weights (weight=) for another number of "
                               "classes than the model's logits have: a size fixed to "
                               "the toy data's 2 classes? This loop uses the plain "
                               "F.cross_entropy(logits, labels), with no weights") from None
        if "Class values must be smaller than num_classes" in str(err):
            classes = int(dataset[:][1].max()) + 1
            raise CheckFailure(f"your code raised RuntimeError: {err} (for {what}). The labels "
                               f"here run from 0 to {classes - 1}, but your F.one_hot got a "
                               "smaller num_classes (fixed to the toy data's 2 classes?): "
                               "F.cross_entropy takes the class indices as they are, "
                               "F.cross_entropy(logits, labels); one-hot targets, if you "
                               "want them, need num_classes=logits.shape[1]") from None
        if stepped := _stepped_graph_cause(err, mine):
            raise CheckFailure(f"your code raised RuntimeError: {err} (for {what}). "
                               + stepped) from None
        if "does not require grad" in str(err):
            raise CheckFailure(f"your code raised RuntimeError: {err} (for {what}). The loss "
                               "has no graph to backpropagate through: the forward pass ran "
                               "under torch.no_grad() (or the logits or the loss were "
                               "detached); compute logits = model(features) and the loss "
                               "with gradients on") from None
        if "expected target dtype" in str(err) or "expected scalar type Long" in str(err):
            raise CheckFailure(f"your code raised RuntimeError: {err} (for {what}). "
                               + _target_dtype_cause(str(err))) from None
        if "class probabilities" in str(err):
            raise CheckFailure(f"your code raised RuntimeError: {err} (for {what}). "
                               "F.cross_entropy reads the labels as class probabilities "
                               "when its first argument has the same shape as the labels, "
                               "(batch_size,): it got one number per example (an argmax, "
                               "or one column such as logits[:, 1]) where it needs the raw "
                               "logits of shape (batch_size, num_classes); pass "
                               "model(features) as it is") from None
        if "multi-target" in str(err):
            raise CheckFailure(f"your code raised RuntimeError: {err} (for {what}). "
                               + _target_cause(impl, setup)) from None
        if reshaped := _reshape_cause(err, dataset, loader_kw):
            raise CheckFailure(f"your code raised RuntimeError: {err} (for {what}). "
                               + reshaped) from None
        if "size mismatch" not in str(err) and "batch_size" not in str(err) \
                and "For 1D input" not in str(err):
            raise
        raise CheckFailure(f"your code raised {type(err).__name__}: {err} (for {what}). "
                           + _target_cause(impl, setup)) from None
    if changed := restore_torch_settings(saved_settings):
        raise CheckFailure(f"train(...) for {what}: {changed}; a training loop needs the grad "
                           "mode on, and the caller's next loop too")
    if torch_error is not None:  # raised outside the except: the error chain stays clean
        raise CheckFailure(f"PyTorch raised NotImplementedError: {torch_error}. A loss got "
                           "integer class labels where it expects float logits: the "
                           "arguments are F.cross_entropy(logits, labels), logits first")
    expected = _replay(start, dataset, loader_kw, epochs, lr, 11)
    if not isinstance(got, list):
        raise CheckFailure(f"train returned a {type(got).__name__}; return the list of "
                           "losses, one loss.item() per batch")
    if got and all(isinstance(x, (list, tuple)) for x in got):
        raise CheckFailure(f"train returned a list of {len(got)} lists (of "
                           f"{', '.join(str(len(x)) for x in got)} losses: one list per "
                           f"epoch?) for {what}; return one flat list of every batch's "
                           "loss in order: append each loss.item() to a single list (or "
                           "losses.extend(epoch_losses) after each epoch)")
    if got and all(callable(x) and getattr(x, "__name__", "") == "item" for x in got):
        raise CheckFailure(f"train returned a list of {len(got)} methods: you appended "
                           "loss.item, the method itself, without calling it; record the "
                           "number with its parentheses, losses.append(loss.item())")
    if not all(isinstance(x, float) for x in got):
        kinds = sorted({type(x).__name__ for x in got})
        raise CheckFailure(f"train returned a list of {', '.join(kinds)}; record each "
                           "batch's loss as a Python float with loss.item() (keeping the "
                           "tensors keeps their whole graph in memory)")
    if not steps_taken and backwards and all(
            torch.equal(a, b) for a, b in zip(mine.state_dict().values(),
                                              start.state_dict().values())):
        raise CheckFailure(f"for {what} loss.backward() ran (the parameters hold gradients) "
                           "but optimizer.step() never did, so the weights never changed: "
                           "write optimizer.step() with its parentheses (optimizer.step "
                           "alone only names the method), after loss.backward()")
    if not steps_taken:
        unchanged = all(torch.equal(a, b) for a, b in zip(mine.state_dict().values(),
                                                         start.state_dict().values()))
        made = sorted(set(_names_read(impl)) & {name for name in dir(torch.optim)
                                                if name[:1].isupper()})
        raise CheckFailure(
            f"for {what} the optimizer you were given never took a step"
            + (f", yet the weights changed: your code makes its own optimizer "
               f"(torch.optim.{made[0]}) and steps that one; call optimizer.step() on the "
               "optimizer argument (it may have its own learning rate)" if made and
               not unchanged else
               f" and the weights did not change ({'no' if not backwards else 'a'} "
               "loss.backward() ran): call optimizer.step() after loss.backward() in "
               "every batch" if unchanged else
               ", yet the weights changed: something else updates them (another "
               "optimizer, or a manual update of p.data); call optimizer.step() on the "
               "optimizer argument"))
    if len(got) != len(expected):
        hint = (f"one loss.item() per batch, in every epoch: {epochs} epochs of {steps} "
                f"batches make {len(expected)}, and no usual mistake gives {len(got)} "
                f"({len(got) / steps:.3g} epochs' worth of batches here)")
        if runs["previous"] and len(got) == len(runs["previous"]) + len(expected) and \
                got[:len(runs["previous"])] == runs["previous"]:
            hint = ("the list starts with the losses of the previous call: it outlives "
                    "the call (a default argument losses=[] or a global list); create "
                    "losses = [] inside train")
        elif len(got) == steps and all(abs(a - b) <= 1e-5
                                     for a, b in zip(got, expected[-steps:])):
            hint = _last_epoch_only_cause(impl)
        elif evidence := _length_cause(impl, got, setup):
            hint = evidence
        elif evidence := _epochs_as_batches(impl, setup):
            hint = evidence
        elif len(got) == epochs * (steps + 1) and (
                extra := _extra_per_epoch(got, expected, steps)):
            hint = extra
        elif runs["passed"] and len(got) == 3 * steps and epochs != 3:
            hint = (f"that is 3 epochs, the number of the first run ({runs['passed'][0]}, which "
                    f"matched), not num_epochs={epochs}: the loop ignores num_epochs "
                    "(range(3), the book's value?); loop range(num_epochs)")
        elif loader_kw.get("drop_last") and len(got) == epochs * len(DataLoader(
                dataset, batch_size=loader_kw["batch_size"])):
            hint = (f"that is {len(got) // epochs} batches per epoch, as a new "
                    f"DataLoader(train_loader.dataset, batch_size="
                    f"{loader_kw['batch_size']}) gives; the loader you were given drops "
                    f"its short last batch (drop_last=True) and yields {steps}: loop over "
                    "train_loader itself, not a loader of your own")
        elif _loader_unused(impl, setup):
            hint = _OWN_LOADER
        elif len(got) == steps and _iterator_reused(impl, setup):
            hint = ("the later epochs got no batches: the loader's iterator was made once, "
                    "before the epoch loop (batches = iter(train_loader)), and is used up "
                    "after the first epoch; write for features, labels in train_loader "
                    "inside the epoch loop, which starts a new pass every epoch")
        elif len(got) == epochs * sum(len(y) for _, y in DataLoader(dataset, **loader_kw)):
            hint = ("that is one loss per example: you recorded each batch's loss "
                    "len(labels) times (extend with [loss.item()] * len(labels)?); append "
                    "loss.item() once per batch")
            groups, end = [], 0
            for size in [len(y) for _, y in DataLoader(dataset, **loader_kw)] * epochs:
                groups.append(got[end:end + size])
                end += size
            if any(max(g) - min(g) > 1e-6 for g in groups) and all(
                    abs(sum(g) / len(g) - e) <= 1e-5 for g, e in zip(groups, expected)):
                hint = ("that is one loss per example, and the mean of each batch's "
                        "losses is that batch's loss: you recorded every example's own "
                        "loss (F.cross_entropy(..., reduction='none') extended into the "
                        "list, or a loop over the examples); record the batch's mean "
                        "loss once, losses.append(loss.item())")
        elif len(got) == steps:
            hint = ("that is one epoch, and your code has a return inside a for loop: "
                    "`return losses` indented into the epoch loop ends train after the "
                    "first epoch; put it after the loops, at the function's own "
                    "indentation" if _return_in_loop(impl) else
                    f"that is one epoch: loop over the loader num_epochs={epochs} times")
        elif len(got) == (epochs + 1) * steps:
            hint = (f"that is {epochs + 1} epochs, one too many: range(num_epochs) runs "
                    "num_epochs times (range(num_epochs + 1) one more)")
        elif len(got) == (epochs - 1) * steps and all(
                abs(a - b) <= 1e-5 for a, b in zip(got, expected[steps:])) and not all(
                abs(a - b) <= 1e-5 for a, b in zip(got, expected)):
            hint = ("the first epoch's losses are missing and every later one is right: "
                    "the model trained in every epoch but your code recorded no loss in "
                    "the first (an `if epoch > 0`, a warm-up epoch left out?); append "
                    "loss.item() for every batch of every epoch")
        elif evidence := _rising_stop_cause(impl, got, expected):
            hint = evidence
        elif len(got) == (epochs - 1) * steps:
            hint = (f"that is {epochs - 1} epochs, one too few: range(num_epochs) runs "
                    "num_epochs times (range(1, num_epochs) one fewer)")
        elif 0 < len(got) < len(expected) and len(got) % steps and all(
                abs(a - b) <= 1e-5 for a, b in zip(got, expected)):
            hint = (f"the {len(got)} losses you returned are the first {len(got)} of the "
                    f"right run, then training stopped in the middle of epoch "
                    f"{len(got) // steps + 1} (after its batch {len(got) % steps} of "
                    f"{steps}): a break or return inside the batch loop (an early stop "
                    "once the loss is small, if loss.item() < ...?); run every batch of "
                    "every epoch and return after both loops")
        elif len(got) == epochs:
            last = [round(v, 4) for v in expected[steps - 1::steps]]
            hint = (f"that is one loss per epoch, {[round(v, 4) for v in got]}, and not "
                    f"each epoch's last batch loss ({last}): an epoch's mean or total, or "
                    "one batch per epoch?; record the loss of every batch, inside the "
                    "inner loop")
        raise CheckFailure(f"train returned {len(got)} losses for {what}; expected "
                           f"{len(expected)}: {hint}")
    unchanged = all(torch.equal(a, b) for a, b in zip(mine.state_dict().values(),
                                                     start.state_dict().values()))
    if unchanged and backwards and after_backward and not any(
            bool(g.any()) for g in after_backward):
        raise CheckFailure("the weights did not change at all: loss.backward() ran, but "
                           "the gradients it left were all zero already, before any "
                           "zero_grad() or step(): your loss does not change with the "
                           "weights where it is computed (clamped at a bound, such as "
                           "torch.clamp(loss, max=1.0) above a loss of 1, rounded, or "
                           "built from an argmax or a comparison?); call backward() on "
                           "F.cross_entropy(logits, labels) of the raw logits")
    if unchanged and backwards and all(q.grad is None or not q.grad.any()
                                       for q in mine.parameters()):
        raise CheckFailure("the weights did not change at all, and the gradients are empty "
                           "after the last step: optimizer.zero_grad() runs between "
                           "loss.backward() and optimizer.step(), so every step finds no "
                           "gradients; the order is zero_grad(), backward(), step()")
    if unchanged and not backwards and forwards and all(m is not mine for m in forwards):
        raise CheckFailure("the weights did not change at all: every forward pass ran on "
                           "another model (a copy, copy.deepcopy(model)?), while the "
                           "optimizer holds the parameters of the model you were given; "
                           "train that model itself")
    if unchanged and not backwards and _calls_method(impl, "backward"):
        cut = sorted({"no_grad", "detach", "requires_grad_", "data"} & _names_read(impl))
        raise CheckFailure("the weights did not change at all: your code calls "
                           "loss.backward(), yet no gradient reached the model's "
                           "parameters: the loss was cut off from the model's graph"
                           + (f" (your code uses {', '.join(cut)}: logits computed under "
                              "torch.no_grad() or detached, then made to require grad "
                              "with requires_grad_(), give a loss whose backward() stops "
                              "at those logits)" if cut else "")
                           + "; compute logits = model(features) with gradients on, and "
                           "the loss from them as they are")
    if unchanged and not backwards and "backward" in _names_read(impl):
        raise CheckFailure("the weights did not change at all: your code names "
                           "loss.backward but never calls it (loss.backward without "
                           "parentheses only names the method), so optimizer.step() had no "
                           "gradients; write loss.backward() before optimizer.step()")
    if unchanged and not backwards:
        raise CheckFailure("the weights did not change at all: loss.backward() never ran, "
                           "so optimizer.step() had no gradients; call loss.backward() "
                           "before optimizer.step()")
    if unchanged:
        raise CheckFailure("the weights did not change at all: call optimizer.step() AFTER "
                           "loss.backward() (after zero_grad the gradients are empty)")
    if len(got) > 1 and all(abs(a - got[0]) < 1e-7 for a in got):
        raise CheckFailure(f"the loss never changes ({got[0]:.4f} every step): are you "
                           "calling optimizer.step() after loss.backward()?")
    runs["previous"] = list(got)
    if all(abs(a - b) <= 1e-5 for a, b in zip(got, expected)):
        if any(child and not root for root, child in root_modes):
            raise CheckFailure(
                f"the losses of {what} are right, but the model itself ran its forward "
                "passes with model.training False while its layers were in training mode: "
                "you switched the submodules only (a loop over model.children(), or "
                "model.modules() without the model?), so a model whose own forward reads "
                "self.training (F.dropout(x, p, self.training)) would train in eval mode; "
                "call model.train() on the model itself, which sets it and every submodule")
        if not forwards:  # a hook the check registered on the model never ran
            raise CheckFailure(
                f"the losses of {what} are right, but not one forward pass ran through the "
                "model's hooks: "
                + ("your code calls model.forward(features) directly, which "
                   if _calls_method(impl, "forward") else "something calls the model's "
                   "forward method directly (model.forward(...)?), and that ")
                + "skips every hook registered on the model (weight norm, spectral norm, "
                "pruning and DDP hooks, or a caller's own): call the model itself, "
                "logits = model(features)")
        gap = _weights_gap(mine, setup)
        if gap is not None and gap > 1e-4:  # the losses are right, the weights handed back not
            extra = len(steps_taken) - epochs * steps
            raise CheckFailure(
                f"the losses of {what} are right, but the weights your run ended with differ "
                f"from those of the right loop (by up to {gap:.3g}): "
                + (f"optimizer.step() ran {len(steps_taken)} times for {epochs * steps} "
                   f"batches, {extra} more after the last loss was recorded (a stray "
                   "optimizer.step() after the loops, or a last step for good measure?), so "
                   "the model takes an update the losses never show; step once per batch, "
                   "inside the batch loop" if extra > 0 else
                   "something changed the weights after the last batch's step (an update, a "
                   "re-initialisation or a load after the loops?); leave the model as the "
                   "last optimizer.step() left it"))
        runs["passed"].append(what)
        return
    per_epoch = [expected[e * steps:(e + 1) * steps] for e in range(epochs)]
    replay = functools.partial(_replay, start, dataset, loader_kw, epochs, lr, 11)
    cause = likely_cause(got, {
        "the model stays in eval mode, so dropout never runs: call model.train() at the "
        "start of each epoch (with its parentheses: model.train alone only names the "
        "method)": functools.partial(replay, train_mode=False),
        "the model leaves training mode during the epoch (a model.eval() inside the "
        "batch loop?), so dropout runs only on the first batch; keep it in training mode "
        "for every batch": functools.partial(replay, eval_after_step=True),
        "compute F.cross_entropy on the raw logits: it applies the softmax itself":
            functools.partial(replay, softmax=True),
        "you squashed the logits with a sigmoid before F.cross_entropy; pass the raw "
        "logits: the loss applies the softmax itself": functools.partial(replay,
                                                                       sigmoid=True),
        "you recorded loss.item() times the batch size (a summed loss); record "
        "loss.item() itself, the batch's mean loss": [
            loss * n for loss, n in zip(expected, [len(y) for _ in range(epochs)
                                                   for _, y in DataLoader(dataset,
                                                                           **loader_kw)])],
        "you smoothed the labels (label_smoothing); this loop uses the plain "
        "F.cross_entropy(logits, labels)": functools.partial(replay, loss_kind="smooth"),
        "the gradients pile up from step to step: clear them with optimizer.zero_grad() "
        "before loss.backward()": functools.partial(replay, zero_grad=False),
        "your loops are nested the other way round, so each batch is trained num_epochs "
        "times in a row: loop over the epochs outside, over the loader inside":
            functools.partial(_replay_batch_outer, start, dataset, loader_kw, epochs, lr,
                              11),
        "optimizer.zero_grad() runs once per epoch, so the gradients of the batches pile "
        "up: call it for every batch, before loss.backward()":
            functools.partial(replay, zero_grad_per_epoch=True),
        _STEP_ONCE: functools.partial(replay, step_per_epoch=True),
        _SKIP_FIRST_STEP: functools.partial(replay, step_per_epoch="skip_first"),
        "the recorded loss is computed again after optimizer.step(); record loss.item() of "
        "the loss you called backward() on": functools.partial(replay,
                                                               record_after_step=True),
        "F.nll_loss on raw logits is not the cross entropy (it expects log-probabilities): "
        "use F.cross_entropy(logits, labels)": functools.partial(replay, loss_kind="nll"),
        "F.nll_loss on softmax probabilities is minus the mean probability of the right "
        "class, not the cross entropy (it expects LOG-probabilities, hence the negative "
        "losses): use F.log_softmax, or pass the raw logits to F.cross_entropy":
            functools.partial(replay, loss_kind="nll_softmax"),
        "you took the log_softmax over dim=0, the examples of the batch, before F.nll_loss; "
        "the classes are dim=1 (or pass the raw logits to F.cross_entropy, which does it "
        "itself)": functools.partial(replay, loss_kind="nll_dim0"),
        "a mean squared error on the softmax is not the classification loss: use "
        "F.cross_entropy(logits, labels)": functools.partial(replay, loss_kind="mse"),
        "your hand-written cross entropy indexes log_softmax(logits)[:, labels], which "
        "takes every label's column for EVERY example (a batch x batch block: each example "
        "is scored against the other examples' labels too); pick one entry per example, "
        "log_probs[torch.arange(len(labels)), labels], or use F.cross_entropy(logits, "
        "labels)": functools.partial(replay, loss_kind="all_pairs"),
        "the loss is summed over the batch (reduction='sum'); F.cross_entropy's default "
        "mean keeps the step size independent of the batch size":
            functools.partial(replay, loss_kind="sum"),
        "your loss is the summed cross entropy divided by 2, a fixed batch size (the toy "
        "run's, where every batch holds 2): with batches of 5, 5 and 1 that is not the "
        "mean; use F.cross_entropy(logits, labels), whose default averages over the batch":
            functools.partial(replay, loss_kind="sum", divide_by=2),
        "optimizer.step() runs twice for every batch (a second call pasted in?), so each "
        "batch moves the weights twice as far: call it once per batch":
            functools.partial(replay, double_step=True),
        "optimizer.step() and zero_grad() run only every 2nd batch (gradient "
        "accumulation), so each step sums the gradients of two batches and the batches "
        "between steps do not move the weights: step and clear the gradients for every "
        "batch": functools.partial(replay, accumulate=2),
        _DIV_LOADER: [loss / steps for loss in expected],
        **({f"your loss is the summed cross entropy divided by train_loader.batch_size "
            f"({loader_kw['batch_size']}): the last batch here holds only "
            f"{len(dataset) % loader_kw['batch_size']}, so its loss comes out too small; "
            "use F.cross_entropy(logits, labels), whose default mean divides by the size of "
            "each batch itself": functools.partial(
                replay, loss_kind="sum", divide_by=loader_kw["batch_size"])}
           if setup is _dropout_setup else {}),
        **({"backward() ran on the loss summed over the batch (reduction='sum', or "
            "reduction='none' then .sum()) while you record its mean: each step moves the "
            "weights batch-size times as far (5, 5 and 1 here); call backward() on the mean "
            "F.cross_entropy(logits, labels), the loss you record": functools.partial(
                replay, grad_scale="batch")} if setup is _dropout_setup else {}),
        **_l2_replay(got, expected, replay, start),
        "you clipped the gradients (clip_grad_norm_); this loop takes the plain "
        "optimizer.step() on the full gradients": functools.partial(replay, clip=True),
        "model.train() comes after the forward pass (inside the batch loop), so the first "
        "batch runs in the mode the model was handed over in (eval here, dropout off): "
        "call model.train() at the start of each epoch, before any forward pass":
            functools.partial(replay, train_after_forward=True),
        "model.train() runs only once, before the first epoch, and a model.eval() at the "
        "end of an epoch (an evaluation?) leaves every later epoch in eval mode, dropout "
        "off: call model.train() at the START of each epoch":
            functools.partial(replay, train_first_epoch_only=True),
        "the recorded loss comes from a second forward pass (model(features) called again "
        "for the record): with dropout it draws another mask, so it is not the loss you "
        "trained on, and it shifts the masks of later batches; record loss.item() of the "
        "loss you called backward() on": functools.partial(replay,
                                                           record_second_forward=True),
        **{f"the recorded loss comes from a second forward pass in eval mode "
           f"(model.eval() and torch.no_grad(), {when} optimizer.step()): with dropout off "
           "it is not the loss you trained on; record loss.item() of the loss you called "
           "backward() on, in training mode":
               functools.partial(replay, record_eval=when) for when in ("before", "after")},
        **_rounded_replay(expected, got),
        "model.train() comes after the batch loop, so the first epoch runs in the mode the "
        "model was handed over in (eval here, dropout off): call model.train() at the "
        "START of each epoch, before its batches":
            functools.partial(replay, train_at_end=True),
        "you recorded a running total of the epoch's losses (each entry adds the batch's "
        "loss to the ones before); record each batch's own loss.item()":
            [sum(ep[:b + 1]) for ep in per_epoch for b in range(len(ep))],
        "you recorded a running mean of the epoch's losses (the average so far); record "
        "each batch's own loss.item()":
            [sum(ep[:b + 1]) / (b + 1) for ep in per_epoch for b in range(len(ep))],
        _DIV_BATCH: [
            loss / n for loss, n in zip(expected, [len(y) for _ in range(epochs)
                                                   for _, y in DataLoader(dataset,
                                                                           **loader_kw)])],
    })
    if cause in (_STEP_ONCE, _SKIP_FIRST_STEP) and setup is _toy_setup:
        cause = _step_once_or_skip_first(impl)
    if cause is not None and cause.startswith("the model stays in eval mode") and \
            True in modes:
        cause = ("model.train() does run, but a model.eval() after it (inside the batch "
                 "loop, before the forward pass?) switches dropout off again, so every "
                 "batch trains in eval mode: call model.train() at the start of each epoch "
                 "and no model.eval() until training is done")
    if cause is not None and cause.startswith("the model stays in eval mode") and \
            True not in modes:
        cause = (
            "your code switches the model to eval mode (model.eval(), or "
            "model.train(False)) and never to training mode, so dropout never runs: call "
            "model.train() at the start of each epoch" if False in modes else
            "your code names model.train but never calls it: model.train alone only names "
            "the method, so the model stays in the eval mode it was handed over in "
            "(dropout off); write model.train() at the start of each epoch"
            if "train" in _names_read(impl) and not _calls_method(impl, "train") else
            "your code calls model.train() only under an if, and in this call the if "
            "skipped it, so the model stayed in the eval mode it was handed over in "
            "(dropout off): a flag or global that lets it run on the first call only, or a "
            "test of the epoch or the mode? Call model.train() at the start of every epoch "
            "of every call, unconditionally"
            if _train_under_if(impl) else
            "model.train() is never called, so a model handed over in eval mode (as here) "
            "trains without dropout: call model.train() at the start of each epoch")
    if cause is not None and cause.startswith("optimizer.step() runs twice") and \
            len(steps_taken) == len(got) and len(backwards) == 2 * len(got):
        cause = ("loss.backward() runs twice for every batch (retain_graph=True), so each "
                 "gradient is doubled and every step moves the weights twice as far "
                 "(optimizer.step() ran once per batch): call loss.backward() once")
    if cause is not None and cause.startswith("optimizer.step() runs twice") and \
            len(steps_taken) == len(got) and len(backwards) == len(got):
        cause = _DOUBLED_GRADIENT
    if cause is None and len(steps_taken) == len(got) == len(backwards):
        # backward() on a multiple of the recorded loss
        cause = likely_cause(got, {
            f"the first update differs: your losses are those of backward() called on "
            f"{k} times the loss you record (backward() and step() ran once per batch), "
            f"so every step moves the weights {k} times as far; call backward() on the "
            "recorded loss itself, F.cross_entropy(logits, labels)":
                functools.partial(replay, grad_scale=k) for k in (3, 4, 5, 10, 0.5, 0.1)})
    if (cause == _DOUBLED_GRADIENT or cause is not None and cause.startswith(
            "the first update differs: your losses are those of backward() called on")) \
            and at_step and after_backward and at_step[0][0][0] is not None:
        made, used = after_backward[-1].double(), at_step[0][0][0].double()
        if float(made.norm()) > 1e-7 and not torch.allclose(used, made, atol=1e-7):
            cause = (f"loss.backward() and optimizer.step() ran once per batch, but the "
                     f"gradients backward() left were {float(used.norm() / made.norm()):.3g} "
                     "times as large by the time the first step began: your code changes "
                     "the gradients between loss.backward() and optimizer.step() (p.grad "
                     "edited by hand?); step on the gradients backward() leaves")
    if cause is not None and cause.startswith("F.nll_loss on raw logits") and \
            not {"nll_loss", "NLLLoss"} & _names_read(impl):
        cause = ("your loss is minus the right class's raw logit, averaged over the batch "
                 "(what F.nll_loss gives on logits), and your code calls no nll_loss: a "
                 "hand-written cross entropy without the log-softmax (-logits[range(B), "
                 "labels].mean()?); the logits must become log-probabilities first, "
                 "torch.log_softmax(logits, dim=1), or use F.cross_entropy(logits, labels)")
    if cause is not None and cause.startswith("the gradients pile up"):
        cause = _pile_up_cause(impl, zero_calls, epochs * steps) or cause
    if cause is not None and cause.startswith("optimizer.zero_grad() runs once per epoch") \
            and (calls := _zero_grad_calls(impl)) is not None and len(calls) != 2:
        cause = (
            f"optimizer.zero_grad() runs only between epochs: for 2 epochs of 3 batches it "
            f"ran after {calls} steps (before the loops and at each epoch's end?), so "
            "within an epoch the gradients of its batches pile up and every step uses "
            "their sum; call it in every batch, before loss.backward()"
            if calls and all(c % 3 == 0 for c in calls) else
            f"optimizer.zero_grad() runs for only some of the batches: {len(zero_calls)} "
            f"times for the {epochs * steps} batches here, and {len(calls)} times for 2 "
            "epochs of 3 batches (6 batches; once per epoch would be 2): "
            + {(2, 5): "never before the LAST batch of an epoch (an off-by-one guard such as "
                       "if i < len(train_loader) - 1:?), so that batch's gradients pile up "
                       "on the previous one's",
               (0, 3): "never before the FIRST batch of an epoch (an if i > 0: guard?), so "
                       "that batch's gradients pile up on the last one's",
               (1, 4): "every other batch (an if i % 2 == 0: around it?), so the gradients "
                       "of two batches pile up"}.get(
                tuple(sorted(set(range(6)) - set(calls))),
                "not before the step of the batches "
                f"{sorted(set(range(6)) - set(calls))} (counted from 0), so their gradients "
                "pile up on the ones before")
            + " and the next step uses their sum; call it for every batch, "
            "before loss.backward()")
    if cause is None and zero_calls and len(steps_taken) == epochs * steps and (
            missing := sorted(set(range(epochs * steps)) - set(zero_calls))):
        where = ", ".join(f"epoch {k // steps + 1} batch {k % steps + 1}"
                          for k in missing[:4]) + (", ..." if len(missing) > 4 else "")
        cause = (f"optimizer.zero_grad() ran {len(zero_calls)} times for {epochs * steps} "
                 f"batches, and not before the step of {len(missing)} of them ({where}): "
                 "there backward() adds the new gradients to the ones left from the batch "
                 "before, and the step uses their sum (zero_grad inside an if, such as "
                 "only in the first epoch?); call optimizer.zero_grad() in every batch, "
                 "before loss.backward()")
    if cause is None:
        cause = _shifted_losses_cause(got, expected)
    if cause in (_DIV_BATCH, _DIV_LOADER) and setup is _toy_setup:
        cause = _divided_by_which(impl) or (
            "you recorded loss.item() divided by 2: the batch size and len(train_loader) "
            "are both 2 here (the batches of 5, 5, 1 in a loader of length 3 tell them "
            "apart); record loss.item() itself")
    stepped = sorted({x for x in step_lrs if abs(x - lr) >= 1e-12})
    if stepped and not _lr_changed(optimizer, lr):
        cause = (f"the optimizer you were given has lr={lr:g}, and has it again after "
                 f"train, but its steps ran with lr={stepped[0]:.4g}: your code changes "
                 "the learning rate while it trains and puts it back at the end; this loop "
                 "takes plain optimizer.step() calls with the optimizer as given, and "
                 "leaves its settings alone")
    cause = _lr_changed(optimizer, lr) or cause
    if mine.training and any(not m.training for m in mine.modules()):
        cause = ("model.training = True sets the flag of the model itself only: its layers "
                 "(the Dropout here) stay in eval mode, so dropout never runs; call "
                 "model.train(), which sets every submodule")
    if cause is None and setup is _dropout_setup and _seeds_inside(impl, start, dataset,
                                                                    loader_kw, epochs, lr):
        cause = ("your losses do not depend on the caller's random state: train seeds the "
                 "global generator itself (torch.manual_seed inside), which also resets it "
                 "for the caller; leave seeding to the caller")
    first = next(i for i, (a, b) in enumerate(zip(got, expected)) if not abs(a - b) <= 1e-5)
    in_train = sum(1 for _, child in root_modes if child)  # forwards with dropout on
    if cause is None and steps_taken and len(steps_taken) == epochs * steps and \
            setup is _dropout_setup and in_train > epochs * steps:
        cause = (f"the model ran {in_train} forward passes in training mode for "
                 f"{epochs * steps} batches (one optimizer.step() per batch, as it should): "
                 "each extra pass with dropout on draws masks of its own, so the later "
                 "batches get other masks (a second model(features) for a print or a "
                 "check, or an accuracy pass over the loader without model.eval()?); run "
                 "one forward pass per batch, logits = model(features), and score a model "
                 "in eval mode")
    if cause is None and steps_taken and len(steps_taken) != epochs * steps:
        examples = epochs * sum(len(y) for _, y in DataLoader(dataset, **loader_kw))
        cause = (f"optimizer.step() ran {len(steps_taken)} times for {epochs * steps} "
                 "batches" + (" (once per example: a loop over the examples inside each "
                              "batch?)" if len(steps_taken) == examples else
                              f" over {epochs} epochs, one extra step per epoch (a step "
                              "after the batch loop, on the last batch again?)"
                              if len(steps_taken) == epochs * (steps + 1) else "")
                 + "; take one step per batch, on the loss of the whole batch, "
                 "F.cross_entropy(model(features), labels)")
    if cause is None and _loader_unused(impl, setup):
        cause = _OWN_LOADER
    if cause is None and _pass_per_step(impl, setup):
        cause = ("your loop starts a new pass over the loader for every batch and takes "
                 "its first batch (next(iter(train_loader)) inside the loop): each step "
                 "gets the first batch of a fresh, reshuffled pass, so batches repeat and "
                 "others are never seen; write for features, labels in train_loader "
                 "inside the epoch loop")
    if cause is None and first >= 1:
        cause = _class_weight_cause(impl)
    if cause is None and first == 1 and at_step:
        cause = _first_step_cause(start, dataset, loader_kw, lr, *at_step[0],
                                  at_step[1] if len(at_step) > 1 else None)
    if cause is None and first == 0:
        cause = _changed_before_first_pass(at_first, start)
    if cause is None and first == 0:
        cause = (_first_loss_cause(impl, start, dataset, loader_kw, got[0], expected[0],
                                   epochs)
                 or _changed_inputs_cause(inputs, dataset))
    if cause is None:
        cause = _batch_order_cause(inputs, dataset, loader_kw, epochs)
    if cause is None and (note := _loss_input_note(impl, setup)).startswith(
            ("Your loop reorders", "The labels your F.cross_entropy got are the model's own")):
        cause = note.strip()
    fallback = (f"The first wrong loss is batch {first % steps + 1} of epoch "
                f"{first // steps + 1}, and no usual mistake reproduces your losses. ")
    weights = _weights_note(mine, setup) if cause is None else ""
    if first == 0 and weights.startswith("Yet"):  # trained right: only the record differs
        fallback += (f"That is the very first loss, computed before any step (yours "
                     f"{got[0]:.6g}, expected {expected[0]:.6g}). ")
    elif first == 0:
        fallback += (f"That is the very first loss, computed before any step (yours "
                     f"{got[0]:.6g}, expected {expected[0]:.6g}): the loss itself differs "
                     "from F.cross_entropy(model(features), labels) on the batch as given "
                     "(an extra term, another loss or reduction, changed logits or labels, "
                     "or the model in another mode). " + _first_loss_shape(got, expected)
                     + _penalty_note(got[0] - expected[0], start)
                     + (_loss_input_note(impl, setup) if cause is None else ""))
    elif first == 1:
        fallback += ("The first loss (before any step) is right and the second is not: "
                     "the first update differs (what backward() is called on, the "
                     "zero_grad/backward/step order, or the optimizer's settings). ")
    elif first % steps == 0:
        fallback += (f"Every loss before epoch {first // steps + 1} is right, and that "
                     "epoch differs from its first batch on: something changes between "
                     "epochs (the model's mode, the learning rate, a list or iterator "
                     "kept across epochs), or the step on the LAST batch of the epoch before "
                     "differs (each loss shows the steps before it, and that step shows "
                     "first here: an if on the last batch?). ")
    elif first > 1 and not weights.startswith("Yet"):  # the training itself differs
        fallback += (f"Every loss before it is right, so the first step that differs is the "
                     f"one taken on the batch before (batch {(first - 1) % steps + 1} of epoch "
                     f"{(first - 1) // steps + 1}, step {first} of the run): each loss is "
                     "computed before its own batch's step and shows only the steps before "
                     "it. Look at what is special about that step: an if on a batch or step "
                     "counter, a loss or gradient scaled there, a setting changed partway. ")
    fallback += _wrong_batches_note(got, expected, steps, dataset, loader_kw)
    if first and expected[first] and got[first] / expected[first] > 0 and abs(
            (k := got[first] / expected[first]) - round(k)) < 1e-4 and round(k) > 1:
        fallback += (f"There yours is exactly {round(k)} times the right loss ("
                     f"{got[first]:.6g} for {expected[first]:.6g}), while the losses "
                     "before it are right: the loss is multiplied by something that "
                     "grows as training goes on (the epoch number, the step count?). ")
    if sorted(round(v, 5) for v in got) == sorted(round(v, 5) for v in expected):
        fallback += ("Your losses are the right ones in another order (reversed or "
                     "sorted within an epoch, or the epochs swapped?): append each loss "
                     "as its batch ends. ")
    fallback += weights
    fallback += _calls_note(len(forwards), len(backwards), len(steps_taken), zero_calls,
                            epochs * steps, in_train if setup is _dropout_setup else None)
    if runs["passed"]:
        fallback += (f"The run of {runs['passed'][0]} (NeuralNetwork, no dropout, a model already "
                     "in training mode) matched; this one differs in dropout 0.3, a model "
                     "handed over in eval mode, 4 classes and batches of 5, 5 and 1: look "
                     "at model.train() and at anything that assumes a batch size or 2 "
                     "classes. ")
    fallback += ("Per batch: logits, F.cross_entropy, optimizer.zero_grad(), "
                 "loss.backward(), optimizer.step(), losses.append(loss.item()).")
    assert_close(got, expected, what=f"the losses of {what}", atol=1e-5,
                 hint=cause or fallback)


def _check_optimizer_state(impl):
    """The toy run with SGD(momentum=0.9): the optimizer keeps a state between steps (its
    momentum buffers), which the loop must leave to optimizer.step()."""
    import torch.nn.functional as F

    start, dataset, loader_kw, epochs, _ = _toy_setup()

    def reference(clear_state):
        model = copy.deepcopy(start)
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
        losses = []
        for _ in range(epochs):
            model.train()
            if clear_state:
                optimizer.state.clear()
            for features, labels in DataLoader(dataset, **loader_kw):
                loss = F.cross_entropy(model(features), labels)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                losses.append(loss.item())
        return losses

    model = copy.deepcopy(start)
    got = impl(model, DataLoader(dataset, **loader_kw),
               torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9), epochs)
    expected = reference(False)
    if len(got) == len(expected) and all(abs(a - b) <= 1e-5 for a, b in zip(got, expected)):
        return
    reset = reference(True)
    cause = ("your losses are those of an optimizer whose state is cleared at the start of "
             "every epoch (optimizer.state.clear(), or a reset of its momentum buffers): the "
             "momentum built up in one epoch is lost in the next; leave the optimizer's state "
             "to optimizer.step()"
             if len(got) == len(reset) and all(abs(a - b) <= 1e-5 for a, b in zip(got, reset))
             else "with plain SGD your losses matched, so your loop changes or bypasses what "
             "the optimizer keeps between steps (its state, its settings, or the update "
             "itself); call optimizer.zero_grad(), loss.backward() and optimizer.step() on the "
             "optimizer as given")
    assert_close(got, expected, what=f"the losses of {epochs} epochs on the toy data with "
                 "SGD(lr=0.1, momentum=0.9)", atol=1e-5, hint=cause)


def _two_group_losses(start, dataset, loader_kw, epochs, first_group_only=False):
    """The toy run with SGD over two parameter groups (weights at lr 0.5, biases at lr 0.1) by
    the reference loop; ``first_group_only`` clears only the first group's gradients before
    each backward() (the biases' gradients then pile up from batch to batch)."""
    import torch.nn.functional as F

    model = copy.deepcopy(start)
    optimizer = _two_group_sgd(model)
    losses = []
    for _ in range(epochs):
        model.train()
        for features, labels in DataLoader(dataset, **loader_kw):
            loss = F.cross_entropy(model(features), labels)
            if first_group_only:
                for p in optimizer.param_groups[0]["params"]:
                    p.grad = None
            else:
                optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


def _two_group_sgd(model):
    """SGD with the weights in one parameter group (lr 0.5) and the biases in another (lr 0.1),
    as a run that trains biases more gently (or without weight decay) sets it up."""
    weights = [p for name, p in model.named_parameters() if name.endswith("weight")]
    biases = [p for name, p in model.named_parameters() if not name.endswith("weight")]
    return torch.optim.SGD([{"params": weights}, {"params": biases, "lr": 0.1}], lr=0.5)


def _check_param_groups(impl):
    """The toy run with an optimizer of two parameter groups: the loop must clear, and step,
    every group's parameters, which optimizer.zero_grad() and optimizer.step() do."""
    start, dataset, loader_kw, epochs, _ = _toy_setup()
    model = copy.deepcopy(start)
    got = impl(model, DataLoader(dataset, **loader_kw), _two_group_sgd(model), epochs)
    expected = _two_group_losses(start, dataset, loader_kw, epochs)
    if _same_losses(got, expected):
        return

    def cause():
        if _same_losses(got, _two_group_losses(start, dataset, loader_kw, epochs, True)):
            return ("your losses are those of a loop that clears only the first parameter "
                    "group's gradients (optimizer.param_groups[0]['params']): the biases, in "
                    "the second group, keep adding up their gradients from batch to batch; "
                    "call optimizer.zero_grad(), which clears every group")
        return ("with a one-group optimizer your losses matched, so your loop reads or "
                "changes only part of the optimizer (param_groups[0], one learning rate, "
                "the parameters of one group); call optimizer.zero_grad() and "
                "optimizer.step() on the optimizer as given")
    assert_close(got, expected, what=f"the losses of {epochs} epochs on the toy data with "
                 "SGD over two parameter groups (weights at lr 0.5, biases at lr 0.1)",
                 atol=1e-5, hint=cause)


class _PooledDropout(torch.nn.Module):
    """Features of shape (batch, 3, 2): Linear(2, 4), ReLU and Dropout(0.5) at each of the 3
    positions, averaged over them, then Linear(4, 3)."""

    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Linear(2, 4)
        self.drop = torch.nn.Dropout(0.5)
        self.out = torch.nn.Linear(4, 3)

    def forward(self, x):
        return self.out(self.drop(torch.relu(self.embed(x))).mean(dim=1))


def _check_second_run(impl):
    """A short run (the toy data, 1 step), then a longer one (3 epochs of 3 batches) on
    features of shape (batch, 3, 2), with a model in training mode whose dropout layer was
    left in eval mode. The second run must not depend on the first (a step count or a list
    kept from it), must leave the list the first call returned as it was, must pass the batch
    as the loader gives it, and must put every layer in training mode."""
    start, dataset, _, _, lr = _toy_setup()
    model = copy.deepcopy(start)
    first = impl(model, DataLoader(dataset, batch_size=5),
                 torch.optim.SGD(model.parameters(), lr=lr), 1)
    kept = list(first) if isinstance(first, list) else None
    gen = torch.Generator().manual_seed(4)
    dataset = TensorDataset(torch.randn(8, 3, 2, generator=gen),
                            torch.randint(0, 3, (8,), generator=gen))
    loader_kw = dict(batch_size=3, generator=torch.Generator())
    torch.manual_seed(9)
    start = _PooledDropout()
    start.drop.eval()  # the model itself stays in training mode
    model = copy.deepcopy(start)
    seen = []  # (input shape, dropout in training mode) at each forward pass

    def note(module, args):
        seen.append((tuple(args[0].shape), module.drop.training))

    model.register_forward_pre_hook(note)
    what = ("3 epochs of 3 batches of features of shape (batch, 3, 2), after a 1-step run, "
            "with a model in training mode whose Dropout layer was in eval mode")
    reshaped = ("the model was given features of shape {} where the loader yields {}: your "
                "code reshapes the batch before the forward pass (features.view("
                "features.size(0), -1), flatten(), as for images?); this model takes (batch, "
                "3, 2): pass the features to the model as the loader gives them")
    torch.manual_seed(13)
    try:
        got = impl(model, DataLoader(dataset, **loader_kw),
                   torch.optim.SGD(model.parameters(), lr=0.3), 3)
    except Exception as err:  # noqa: BLE001 - explained when the input shape tells why
        if not seen or seen[0][0][1:] == (3, 2):
            raise
        raise CheckFailure(f"for {what}, your loop raised {type(err).__name__}: {err}. "
                           + reshaped.format(seen[0][0], (3, 3, 2))) from None
    if any(shape[1:] != (3, 2) for shape, _ in seen):
        raise CheckFailure(f"for {what}: "
                           + reshaped.format(next(s for s, _ in seen if s[1:] != (3, 2)),
                                             "(3, 3, 2) and (2, 3, 2)"))
    if seen and not any(train for _, train in seen):
        raise CheckFailure(
            f"for {what}, its Dropout layer stayed in eval mode in every forward pass: the "
            "model was handed over with model.training True but that layer in eval mode, and "
            "your loop did not call model.train(), which sets the mode of every submodule "
            "(skipped because model.training was already True: an if not model.training: "
            "guard?); call model.train() at the start of every epoch, whatever "
            "model.training says")
    if kept is not None and first != kept:
        raise CheckFailure(
            f"the list your first call returned ({len(kept)} loss{'es' if len(kept) != 1 else ''}"
            f": {kept}) held {first[:4]}{' ...' if len(first) > 4 else ''} after a second call: "
            "both calls hand out the same list object, kept outside the function (a "
            "module-level list that each call clears and refills?), so every call overwrites "
            "the losses the caller kept from the last one; make a new list in every call, "
            "losses = [] inside train")
    expected = _replay(start, dataset, loader_kw, 3, 0.3, 13)
    hint = None
    if isinstance(got, list) and 0 < len(got) < len(expected) and all(
            abs(a - b) <= 1e-5 for a, b in zip(got, expected)):
        hint = (f"your run stopped after {len(got)} of the {len(expected)} batches, with every "
                "loss up to there right: it ended early (a limit on the steps, or a count "
                "taken from an earlier run?); run every batch of every epoch")
    assert_close(got, expected, what=f"the losses of {what}", atol=1e-5, hint=hint)


def _check_float64_run(impl):
    """A float64 model on float64 data: the batch must reach the model in the loader's dtype."""
    X_train, y_train, _, _ = make_toy_data()
    torch.manual_seed(7)
    model = NeuralNetwork(2, 2).double()
    seen = []  # the dtype of every input the model gets
    model.register_forward_pre_hook(lambda module, args: seen.append(args[0].dtype))
    loader = DataLoader(TensorDataset(X_train.double(), y_train), batch_size=2)
    reference = copy.deepcopy(model)
    expected = []  # the float64 losses of the same run, replayed on a copy
    ref_opt = torch.optim.SGD(reference.parameters(), lr=0.5)
    for features, labels in loader:
        loss = torch.nn.functional.cross_entropy(reference(features), labels)
        ref_opt.zero_grad()
        loss.backward()
        ref_opt.step()
        expected.append(loss.item())
    seen.clear()  # the copy carries the model's hook: keep only the answer's forward passes
    try:
        got = impl(model, loader, torch.optim.SGD(model.parameters(), lr=0.5), 1)
    except Exception as err:  # noqa: BLE001 - explained below when the dtype tells why
        cast = sorted({str(p.dtype) for p in model.parameters()} - {"torch.float64"})
        if seen and seen[0] == torch.float64 and cast:
            raise CheckFailure(
                f"with a float64 model and float64 features your loop raised "
                f"{type(err).__name__}: {err}. The model's parameters are now {cast}: your "
                "code casts the caller's model (a model.float(), .half() or .to(dtype) in "
                "train), and the float64 batch no longer fits it; leave the model's dtype "
                "alone") from None
        if not seen or seen[0] == torch.float64:
            raise
        raise CheckFailure(
            f"with a float64 model and float64 features (a DataLoader over "
            f"TensorDataset(X.double(), y)), the model was given {seen[0]} features and your "
            f"loop raised {type(err).__name__}: {err}. Your code changes the features' dtype "
            "before the forward pass (.float(), or dtype=torch.float32 in .to(...)); pass "
            "the batch to the model as the loader gives it") from None
    cast = sorted({str(p.dtype) for p in model.parameters()} - {"torch.float64"})
    if any(d != torch.float64 for d in seen):
        raise CheckFailure(
            f"with a float64 model and float64 features the model was given features of "
            f"dtypes {sorted({str(d) for d in seen})}: your code changes the features' dtype "
            "before the forward pass"
            + (f", and it cast the caller's model too (its parameters are now {cast}: a "
               "model.float() or .to(torch.float32) in train)" if cast else "")
            + "; pass the batch to the model as the loader gives it, and leave the model's "
            "dtype alone")
    rounded = [float(torch.tensor(v, dtype=torch.float32)) for v in expected]
    if not cast and isinstance(got, list) and len(got) == len(expected) and \
            all(isinstance(v, float) for v in got) and got != expected and \
            all(a == b for a, b in zip(got, rounded)):
        raise CheckFailure(
            f"with a float64 model and float64 features your losses are {got}, the float64 "
            f"losses {expected} rounded to float32: the losses are stored in float32 on the "
            "way (a preallocated torch.zeros(...) or torch.tensor(losses) of them, or "
            "loss.float().item()), which keeps only about 7 significant digits; append "
            "loss.item() to a Python list, which keeps the loss as the model computed it")
    if cast:
        raise CheckFailure(
            f"with a float64 model and float64 features, train left the caller's model in "
            f"{cast} (a model.float(), .half() or .to(dtype) in train): training must keep "
            "the model's dtype; leave it as it was given")


def _relabelled(loader, labels_as):
    """``loader``'s batches with their labels passed through ``labels_as`` (a list the
    reference loop can read), or ``loader`` itself when there is nothing to change."""
    return [(x, labels_as(y)) for x, y in loader] if labels_as else loader


def _many_classes_losses(train_fn, labels_as=None):
    """The losses of one epoch on 4 points with class indices up to 299 (a Linear(2, 300)
    model, batches of 2, SGD(lr=0.1)), by ``train_fn`` or, when it is None, by the reference
    loop with the labels passed through ``labels_as``."""
    torch.manual_seed(11)
    model = torch.nn.Linear(2, 300)
    features = torch.tensor([[0.5, -1.0], [2.0, 0.25], [-1.5, 1.0], [0.0, 3.0]])
    labels = torch.tensor([256, 3, 299, 1])
    loader = DataLoader(TensorDataset(features, labels), batch_size=2)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    if train_fn is not None:
        return train_fn(model, loader, optimizer, 1)
    return train_toy_model(model, _relabelled(loader, labels_as), optimizer, 1)


def _check_many_classes_run(impl):
    """Class indices above 255 (a vocabulary-sized output layer): every smaller run had 2 to
    4 classes, so labels kept in 8 bits (uint8 or int8, which wrap class 256 around to 0)
    showed nowhere else."""
    expected = _many_classes_losses(None)
    got = _many_classes_losses(impl)
    if (isinstance(got, list) and len(got) == len(expected)
            and all(isinstance(v, float) and abs(v - e) <= 1e-5 * max(1.0, abs(e))
                    for v, e in zip(got, expected))):
        return
    shown = [round(v, 4) if isinstance(v, float) else v for v in got] if isinstance(
        got, list) else got
    what = (f"train(a Linear(2, 300) model, 4 points with labels [256, 3, 299, 1] in batches "
            f"of 2, SGD(lr=0.1), 1 epoch) returned {shown!r}, expected "
            f"{[round(v, 4) for v in expected]}")
    for cast, name in ((lambda y: y.to(torch.uint8).long(), "uint8"),
                       (lambda y: y.to(torch.int8).long(), "int8")):
        wrapped = _many_classes_losses(None, cast)
        if isinstance(got, list) and len(got) == len(wrapped) and all(
                isinstance(v, float) and abs(v - w) <= 1e-5 * max(1.0, abs(w))
                for v, w in zip(got, wrapped)):
            raise CheckFailure(
                f"{what}: your losses are those of labels kept in {name} (8 bits), which "
                "wraps class 256 around to 0 and 299 to 43 (the 2- and 4-class runs "
                "before had no class above 255, so it showed nowhere else); pass the "
                "labels to F.cross_entropy as the loader gives them, int64")
    raise CheckFailure(f"{what}: every earlier run had 2 to 4 classes; look for what assumes "
                       "few classes (a fixed number of classes, or a small integer dtype "
                       "for the labels)")


def _bfloat16_classes_losses(train_fn, labels_as=None):
    """The losses of one epoch on 4 points with labels [257, 3, 261, 1] (batches of 2,
    SGD(lr=0.1)) for a bfloat16 Linear(4, 300) on bfloat16 one-hot features, each point's
    own class given a logit of 8 (so the right losses are about 0.1, and a label read as
    another class costs about 8 more); by ``train_fn`` or, when it is None, by the reference
    loop with the labels passed through ``labels_as``."""
    labels = torch.tensor([257, 3, 261, 1])
    model = torch.nn.Linear(4, 300).to(torch.bfloat16)
    with torch.no_grad():
        model.weight.zero_()
        model.bias.zero_()
        model.weight[labels, torch.arange(4)] = 8.0
    features = torch.eye(4, dtype=torch.bfloat16)
    loader = DataLoader(TensorDataset(features, labels), batch_size=2)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    if train_fn is not None:
        return train_fn(model, loader, optimizer, 1)
    return train_toy_model(model, _relabelled(loader, labels_as), optimizer, 1)


def _check_bfloat16_classes_run(impl):
    """Class indices above 256 on bfloat16 features: bfloat16 holds whole numbers exactly
    only up to 256, so labels sent through the features' dtype (labels.to(features),
    .to(features.dtype), a torch.cat with the features) become other classes (257 -> 256,
    261 -> 260). The float32 and 300-class runs before hold every class exactly; the losses
    of the rounded labels sit about 4 away (80 times the 0.05 allowed)."""
    def close(a, b):
        return (isinstance(a, list) and len(a) == len(b)
                and all(isinstance(v, float) and abs(v - w) <= 0.05 for v, w in zip(a, b)))

    what = ("train(a bfloat16 Linear(4, 300) model on bfloat16 one-hot features, 4 points "
            "with labels [257, 3, 261, 1] in batches of 2, SGD(lr=0.1), 1 epoch)")
    got = _bfloat16_classes_losses(impl)
    expected = _bfloat16_classes_losses(None)
    if close(got, expected):
        return
    shown = [round(v, 3) if isinstance(v, float) else v for v in got] if isinstance(
        got, list) else got
    what = f"{what} returned {shown!r}, expected {[round(v, 3) for v in expected]}"
    rounded = _bfloat16_classes_losses(None, lambda y: y.to(torch.bfloat16).long())
    if close(got, rounded):
        raise CheckFailure(
            f"{what}: your losses are those of the labels rounded to bfloat16 (class 257 "
            "read as 256, 261 as 260): the labels went through the features' dtype "
            "(labels.to(features), .to(features.dtype) or dtype=features.dtype, or a "
            "torch.cat/stack with the features), and bfloat16 holds whole numbers "
            "exactly only up to 256; pass the labels to F.cross_entropy as the loader "
            "gives them, int64")
    raise CheckFailure(f"{what}: the float32 runs before were right, so look for what "
                       "bfloat16 features change in your loop (the labels converted with "
                       "the features' dtype, a dtype written into the code)")


def _edge_setup(n=100):
    """``n`` random points in the plane, two classes, and a NeuralNetwork(2, 2) seeded 17."""
    gen = torch.Generator().manual_seed(21)
    dataset = TensorDataset(torch.randn(n, 2, generator=gen),
                            torch.randint(0, 2, (n,), generator=gen))
    torch.manual_seed(17)
    return NeuralNetwork(2, 2), dataset


def _check_no_epochs(impl):
    """num_epochs=0: nothing to train, so an empty list (code after the loops that reads the
    last loss has none to read)."""
    start, dataset = _edge_setup(10)
    got = call_answer(
        impl, (start, DataLoader(dataset, batch_size=5),
               torch.optim.SGD(start.parameters(), lr=0.1), 0),
        "train(..., num_epochs=0) (no epochs, so no batches and no losses)",
        [(IndexError, "code after the training loops reads a loss that was never recorded "
                      "(losses[-1] in a final print or return?): with num_epochs=0 no batch "
                      "runs and the list is empty; return losses as it is, and guard any "
                      "summary with if losses:")])
    if not (isinstance(got, list) and not got):
        raise CheckFailure(f"train(..., num_epochs=0) returned {got!r}; expected an empty list: "
                           "no epochs run, so there is no batch and no loss to record")


def _check_bfloat16_run(impl):
    """A bfloat16 model on bfloat16 data, 2 epochs of 2 batches: the losses must be read in a
    way every dtype supports (NumPy has no bfloat16)."""
    start, dataset = _edge_setup(10)
    start = start.to(torch.bfloat16)
    dataset = TensorDataset(dataset.tensors[0].to(torch.bfloat16), dataset.tensors[1])
    model = copy.deepcopy(start)
    torch.manual_seed(3)
    what = "a bfloat16 model on bfloat16 data (model.to(torch.bfloat16)), 2 epochs of 2 batches"
    got = call_answer(
        impl, (model, DataLoader(dataset, batch_size=5),
               torch.optim.SGD(model.parameters(), lr=0.1), 2), what,
        [("BFloat16", "NumPy has no bfloat16, so a loss read through NumPy (loss.detach()."
                      "numpy(), np.array(loss)) fails for a bfloat16 model; record "
                      "loss.item(), a Python float for every dtype")])
    # bfloat16 keeps about 3 significant digits: the tolerance allows another, equally right
    # order of operations (log_softmax before F.cross_entropy) to round differently
    assert_close(got, _replay(start, dataset, dict(batch_size=5), 2, 0.1, 3),
                 what=f"the losses of {what}", atol=0.05)


def _check_long_run(impl):
    """One epoch of 100 batches of one example: every batch's loss, none dropped (a rolling
    window such as deque(maxlen=64) keeps only the latest)."""
    start, dataset = _edge_setup(100)
    model = copy.deepcopy(start)
    torch.manual_seed(5)
    what = "one epoch of 100 batches of one example (batch_size=1, 100 points)"
    got = call_answer(impl, (model, DataLoader(dataset, batch_size=1),
                             torch.optim.SGD(model.parameters(), lr=0.05), 1), what)
    expected = _replay(start, dataset, dict(batch_size=1), 1, 0.05, 5)
    hint = None
    if isinstance(got, list) and 0 < len(got) < len(expected) and all(
            isinstance(a, float) and abs(a - b) <= 1e-5 for a, b in zip(got, expected)):
        hint = (f"your run stopped after {len(got)} of the {len(expected)} batches, with every "
                "loss up to there right: it ended early (a limit on the steps, or a count "
                "taken from an earlier run?); run every batch of every epoch")
    elif isinstance(got, list) and 0 < len(got) < len(expected) and all(
            isinstance(a, float) and abs(a - b) <= 1e-5
            for a, b in zip(got, expected[len(expected) - len(got):])):
        hint = (f"your list holds only the last {len(got)} of the {len(expected)} losses, each "
                f"right: the first {len(expected) - len(got)} were dropped, as a rolling window "
                "does (collections.deque(maxlen=...), or losses[-k:]); short runs fit in the "
                "window and hide it. Keep every batch's loss in a plain list")
    assert_close(got, expected, what=f"the losses of {what}", atol=1e-5, hint=hint)


def _rising_setup():
    """_edge_setup(10) in 4 epochs of 2 batches, for SGD(lr=0.1, maximize=True), which climbs the
    loss: each epoch's mean loss is higher than the last (0.77, 0.85, 0.99, 1.25), and small
    enough that another right order of operations rounds it the same."""
    start, dataset = _edge_setup(10)
    return start, dataset, dict(batch_size=5), 4


def _rising_losses(train_fn):
    """``train_fn``'s losses on the rising run (the reference loop when ``train_fn`` is None),
    or None if it fails or returns something other than a list."""
    if train_fn is None:
        return _rising_reference()[0]
    start, dataset, loader_kw, epochs = _rising_setup()
    model = copy.deepcopy(start)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, maximize=True)
    try:
        got = train_fn(model, DataLoader(dataset, **loader_kw), optimizer, epochs)
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return None
    return got if isinstance(got, list) else None


def _rising_reference():
    """The reference loop on the rising run: its step losses, and its weights at the end of
    each epoch."""
    import torch.nn.functional as F

    start, dataset, loader_kw, epochs = _rising_setup()
    model = copy.deepcopy(start)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, maximize=True)
    losses, snapshots = [], []
    for _ in range(epochs):
        model.train()
        for features, labels in DataLoader(dataset, **loader_kw):
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        snapshots.append([p.detach().double().clone() for p in model.parameters()])
    return losses, snapshots


_RISING_STOP = (
    "your loop stops when the loss gets worse (an early stop with a patience, a divergence "
    "guard, or a break when an epoch's loss does not improve); train(...) must run all "
    "num_epochs epochs whatever the loss does (an early stop belongs to the caller, judged on "
    "held-out data)")


def _cut_short(got, expected):
    """Whether ``got`` is a shorter, right beginning of ``expected``."""
    return isinstance(got, list) and 0 < len(got) < len(expected) and all(
        isinstance(a, float) and abs(a - b) <= 1e-5 for a, b in zip(got, expected))


def _rising_stop_cause(impl, got, expected):
    """``got`` cut short, right up to a loss that rose, and the answer cut short on the rising
    run too, before the 6 of 8 losses that one epoch too few would keep: an early stop on a
    rising loss, or None."""
    if not (_cut_short(got, expected) and len(got) > 1 and got[-1] > got[-2]):
        return None
    rising, reference = _rising_losses(fresh_copy(impl) or impl), _rising_losses(None)
    if not (_cut_short(rising, reference) and len(rising) < len(reference) - 2):
        return None
    return (f"the {len(got)} losses you returned are the first {len(got)} of the right run, "
            f"ending just as the loss rose (from {got[-2]:.4f} to {got[-1]:.4f}), and on a "
            f"run whose loss rises from epoch to epoch you stopped after {len(rising)} of "
            f"{len(reference)}: " + _RISING_STOP)


def _check_rising_run(impl):
    """4 epochs of 2 batches whose loss rises from each epoch to the next (SGD with
    maximize=True): a loop that stops when the loss stops improving (an early stop with a
    patience, as in a validation loop) ends before num_epochs."""
    expected = _rising_losses(None)
    start, dataset, loader_kw, epochs = _rising_setup()
    model = copy.deepcopy(start)
    what = ("4 epochs of 2 batches with SGD(lr=0.1, maximize=True), so that the loss rises "
            "from each epoch to the next")
    got = call_answer(impl, (model, DataLoader(dataset, **loader_kw),
                             torch.optim.SGD(model.parameters(), lr=0.1, maximize=True),
                             epochs), f"train({what})")
    hint = None
    if _cut_short(got, expected):
        rose = (f", just as the loss rose (from {got[-2]:.4f} to {got[-1]:.4f})"
                if len(got) > 1 and got[-1] > got[-2] else "")
        hint = (f"your run stopped after {len(got)} of the {len(expected)} losses "
                f"({len(got) / 2:g} of {epochs} epochs), every loss up to there right{rose}: "
                + _RISING_STOP)
    assert_close(got, expected, what=f"the losses of {what}", atol=1e-5, hint=hint)
    _rising_weights_kept(model, got, epochs)


def _rising_weights_kept(model, losses, epochs):
    """After the rising run's right losses, the model must hold the last step's weights: a
    loop that keeps the best epoch's weights and loads them back at the end (a best-checkpoint
    restore) hands back the first epoch's, since every later epoch's loss was higher; every
    earlier run's loss fell, so its last epoch was also its best."""
    snapshots = _rising_reference()[1]
    mine = [p.detach().double() for p in model.parameters()]
    if any(a.shape != b.shape for a, b in zip(mine, snapshots[-1])):
        return

    def gap(snapshot):
        return max(float((a - b).abs().max()) for a, b in zip(mine, snapshot))

    last = gap(snapshots[-1])
    if last <= 1e-5:  # another right order of operations rounds the same run a little apart
        return
    steps = len(losses) // epochs
    means = [sum(losses[e * steps:(e + 1) * steps]) / steps for e in range(epochs)]
    kept = next((e for e, snapshot in enumerate(snapshots[:-1]) if gap(snapshot) <= 1e-5),
                None)
    what = ("the losses of 4 epochs with SGD(lr=0.1, maximize=True), where the loss rises from "
            "each epoch to the next, are right, but ")
    if kept is not None and means[kept] == min(means):
        raise CheckFailure(
            f"{what}the model ended with the weights it had after epoch {kept + 1} of "
            f"{epochs}, the epoch with the lowest mean loss ({means[kept]:.4f}; the last "
            f"epoch's was {means[-1]:.4f}): your code saves the best epoch's weights and loads "
            "them back after the loops (a best-checkpoint restore, as early stopping does); "
            "every earlier run's loss fell, so its best epoch was its last. train(...) must "
            "leave the model as the last optimizer.step() left it: choosing a checkpoint "
            "belongs to the caller, judged on held-out data")
    raise CheckFailure(
        f"{what}the weights your run ended with differ from those of the right loop (by up to "
        f"{last:.3g})"
        + (f", and equal those it had after epoch {kept + 1}" if kept is not None else "")
        + ": something changed the weights after the last batch's step (a load, an update or "
        "a re-initialisation after the loops?); leave the model as the last optimizer.step() "
        "left it")


def _check_fresh_passes(impl):
    """Each epoch must start a new pass over the loader: a shuffling loader (the book's
    shuffle=True) draws a new order per pass, so batches read once (list(train_loader))
    and reused give every epoch the first one's order. Counted on a loader of the toy data."""
    start, dataset, loader_kw, epochs, lr = _toy_setup()
    model = copy.deepcopy(start)
    loader = _CountingLoader(dataset, shuffle=True, generator=torch.Generator().manual_seed(3),
                             **loader_kw)
    torch.manual_seed(11)
    impl(model, loader, torch.optim.SGD(model.parameters(), lr=lr), epochs)
    passes = getattr(loader, "passes", 0)
    if passes < epochs:
        raise CheckFailure(
            f"for {epochs} epochs over a shuffling loader (shuffle=True, as in the book's run) "
            f"your train started {passes} pass{'es' if passes != 1 else ''} over train_loader "
            "(iter(train_loader) ran that often), yet the losses matched for a loader without "
            "shuffling: the batches were read once (batches = list(train_loader)?) and reused, "
            "so every epoch sees the first epoch's order and the data is never reshuffled; "
            "write for features, labels in train_loader inside the epoch loop")


def _confident_run(model, loader, log_of_softmax=False, eps=0.0):
    """The reference's losses on ``loader`` (one epoch, SGD lr 1e-3), or the losses of the
    log-of-softmax mistake (with ``eps`` added to the probabilities before the log)."""
    import torch.nn.functional as F

    optimizer = torch.optim.SGD(model.parameters(), lr=1e-3)
    losses = []
    for features, labels in loader:
        logits = model(features)
        loss = (F.nll_loss(torch.log(torch.softmax(logits, dim=1) + eps), labels)
                if log_of_softmax else F.cross_entropy(logits, labels))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def _check_confident_logits(impl):
    """Logits far apart (a wrong class 150 above the right one): F.cross_entropy stays finite
    (about 150), while log(softmax(logits)) takes the log of a probability that underflowed
    to 0 in float32 and gives inf. A last batch the model gets right by 150 has a loss of
    exactly 0.0 in float32, which must be recorded like any other."""
    model = torch.nn.Linear(2, 3)
    with torch.no_grad():
        model.weight.copy_(torch.tensor([[0.0, 0.0], [100.0, 50.0], [0.0, 0.0]]))
        model.bias.zero_()
    features = torch.tensor([[1.0, 1.0], [1.0, 0.5], [0.5, 1.0], [1.0, 1.0], [1.0, 1.0],
                             [1.0, 1.0]])
    labels = torch.tensor([0, 2, 0, 1, 1, 1])  # 3 wrong by 100+, 3 right (batch 3: loss 0.0)
    loader = DataLoader(TensorDataset(features, labels), batch_size=2)
    start = copy.deepcopy(model.state_dict())
    expected = _confident_run(model, loader)
    model.load_state_dict(start)
    got = impl(model, loader, torch.optim.SGD(model.parameters(), lr=1e-3), 1)
    nonzero = [x for x in expected if x != 0.0]
    if isinstance(got, list) and len(got) == len(nonzero) < len(expected) and all(
            abs(float(a) - b) <= 1e-3 * max(1.0, abs(b)) for a, b in zip(got, nonzero)):
        raise CheckFailure(f"one epoch of 3 batches returned {got!r}, expected "
                           f"{[round(x, 4) for x in expected]}: the last batch, which the "
                           "model gets right by a wide margin, has a loss of exactly 0.0, and "
                           "your list leaves it out: a test such as `if loss.item():` or `if "
                           "loss:` is False for 0.0; record every batch's loss, "
                           "losses.append(loss.item()), with no test")
    if not isinstance(got, list) or len(got) != len(expected):
        raise CheckFailure(f"one epoch of 3 batches returned {got!r}; expected 3 losses, "
                           f"about {[round(x, 3) for x in expected]}")
    if all(abs(float(a) - b) <= 1e-3 * max(1.0, abs(b)) for a, b in zip(got, expected)):
        return
    model.load_state_dict(start)
    replay = _confident_run(model, loader, log_of_softmax=True)
    what = ("one epoch on logits far apart (a wrong class's logit 100 to 150 above the "
            f"right one): your losses {got}, expected {[round(x, 4) for x in expected]}")
    if any(not torch.isfinite(torch.tensor(float(a))) for a in got) and any(
            not torch.isfinite(torch.tensor(b)) for b in replay):
        raise CheckFailure(f"{what}. F.cross_entropy stays finite there, but a softmax of "
                           "such logits rounds the right class's probability to 0 in "
                           "float32, and log(0) is -inf: your loss takes the log of a softmax "
                           "(torch.log(torch.softmax(...)) with F.nll_loss, or by hand). "
                           "Pass the raw logits to F.cross_entropy (or use F.log_softmax, "
                           "which computes the log without forming the probabilities)")
    for eps in (1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-12, 1e-15, 1e-20):
        model.load_state_dict(start)
        if all(abs(float(a) - b) <= 1e-3 * max(1.0, abs(b)) for a, b in zip(
                got, _confident_run(model, loader, log_of_softmax=True, eps=eps))):
            raise CheckFailure(
                f"{what}. Your losses are those of log(softmax(logits) + {eps:g}): a small "
                "number added to the probabilities keeps log(0) away, but caps each "
                f"example's loss at -log({eps:g}) = {-math.log(eps):.4g}, where "
                "F.cross_entropy gives the true value (here up to 150). Pass the raw logits "
                "to F.cross_entropy (or use F.log_softmax), which needs no such guard")
    raise CheckFailure(f"{what}. The toy runs matched, so the loss differs only when the "
                       "logits are large: something in it overflows, underflows or is "
                       "clipped; F.cross_entropy(logits, labels) on the raw logits stays exact")


def _first_loss_shape(got, expected):
    """How the first recorded loss relates to the right one: a factor, an offset, or a value
    no classifier's mean cross entropy can take."""
    a, b = got[0], expected[0]
    if not (math.isfinite(a) and math.isfinite(b)):
        return ""
    if a < 0:
        return ("Yours is negative, which no cross entropy can be (it is minus the log of a "
                "probability)" + (", and exactly minus the right one: the minus sign in front "
                                  "of the mean log-probability is missing (so the steps climb "
                                  "the loss)" if abs(a + b) <= 1e-6 * abs(b) else
                                  ": a sign flipped, or log-probabilities added where their "
                                  "negative belongs?") + ". ")
    if b and abs(a / b - round(a / b)) < 1e-4 and round(a / b) > 1:
        return (f"Yours is exactly {round(a / b)} times the right one: a sum where the mean "
                "belongs (the batch's size, or the number of classes), or the loss scaled "
                "before it is recorded? ")
    if a and abs(b / a - round(b / a)) < 1e-4 and round(b / a) > 1:
        return (f"Yours is exactly 1/{round(b / a)} of the right one: the mean loss divided "
                "once more (by the batch size, the number of batches or of classes?) ")
    if not b:
        return ""
    return (f"Yours is {a - b:+.4g} from the right one ({a / b:.6g} times it: no whole factor "
            "or simple scale), so the loss is computed from other numbers, not rescaled"
            + (": a little ABOVE it, as a term added to the cross entropy (a penalty or a "
               "regulariser) would make it. " if 0 < a - b < 0.05 * b else
               ": BELOW it, as a loss that gives some examples less weight, or smoothed or "
               "clamped numbers, would make it. " if a < b else ". "))


def _penalty_note(offset, start):
    """A note when the first loss exceeds the right one by a round multiple (1, 2, 5 times a
    power of ten) of the start model's summed |w|, summed w**2 or L2 norm: a penalty term."""
    if not (math.isfinite(offset) and offset > 0):
        return ""
    with torch.no_grad():
        params = [p.detach().double() for p in start.parameters()]
        stats = {"the sum of |w| over every parameter (an L1 penalty)":
                 sum(float(p.abs().sum()) for p in params),
                 "the sum of w ** 2 over every parameter (an L2 penalty, weight decay "
                 "written into the loss)": sum(float((p * p).sum()) for p in params)}
        stats["the L2 norm of all the parameters (an L2 penalty without the square)"] = \
            math.sqrt(stats[next(k for k in stats if "w ** 2" in k)])
    for what, value in stats.items():
        if not value:
            continue
        k = offset / value
        power = 10.0 ** math.floor(math.log10(k))
        if any(abs(k - m * power) <= 1e-4 * k for m in (1, 2, 5, 10)):
            return (f"Your first loss is the right one plus {k:.3g} times {what}: a penalty "
                    "added to the loss, which changes the loss you record and the gradients "
                    "too; this loop trains on F.cross_entropy(logits, labels) alone. ")
    return ""


def _wrong_batches_note(got, expected, steps, dataset, loader_kw):
    """Which batch positions hold the wrong losses, when only some do (a recording mistake:
    training itself is right), with the batch sizes there and yours / expected."""
    bad = [i for i, (a, b) in enumerate(zip(got, expected)) if not abs(a - b) <= 1e-5]
    where = sorted({i % steps for i in bad})
    if not bad or len(where) == steps:
        return ""
    sizes = [len(y) for _, y in DataLoader(dataset, **loader_kw)]
    ratios = [got[i] / expected[i] for i in bad if expected[i]]
    same = ratios and all(abs(r - ratios[0]) <= 1e-4 * abs(ratios[0]) for r in ratios)
    return (f"Only batch {', '.join(str(k + 1) for k in where)} of each epoch is wrong (it "
            f"holds {', '.join(str(sizes[k]) for k in where)} example(s); the batches hold "
            f"{sizes}) and the others are right, so training is right and the recorded "
            "number is not"
            + (f": each wrong loss is {ratios[0]:.4g} times the right one" if same else "")
            + (f", {sizes[where[0]]} / {max(sizes)}, the batch's size over the full batch "
               "size: record loss.item() itself, already the mean over the batch"
               if same and len(where) == 1
               and abs(ratios[0] - sizes[where[0]] / max(sizes)) < 1e-4 else "") + ". ")


def _weights_note(model, setup):
    """Whether the weights ``model`` ended with are those of the right loop on ``setup`` (then
    training is right and only the recorded numbers differ)."""
    gap = _weights_gap(model, setup)
    if gap is None:
        return ""
    if gap <= 1e-6:
        return ("Yet the weights your run ended with are those of the right loop ("
                + (f"to within {gap:.1g}" if gap else "exactly")
                + "): the training itself is right and only the numbers you recorded "
                "differ; record loss.item() of the very loss you called backward() on, one "
                "per batch. ")
    return (f"The weights your run ended with differ from those of the right loop (by up to "
            f"{gap:.3g}), so the training itself differs, not only what is recorded. ")


def _weights_gap(model, setup):
    """The largest difference between the weights ``model`` ended with and those of the right
    loop on ``setup``; None when their shapes differ."""
    import torch.nn.functional as F

    start, dataset, loader_kw, epochs, lr = setup()
    ref = copy.deepcopy(start)
    optimizer = torch.optim.SGD(ref.parameters(), lr=lr)
    torch.manual_seed(11)
    for _ in range(epochs):
        ref.train()
        for features, labels in DataLoader(dataset, **loader_kw):
            loss = F.cross_entropy(ref(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    pairs = list(zip(model.parameters(), ref.parameters()))
    if any(a.shape != b.shape for a, b in pairs):
        return None
    return max(float((a.detach().double() - b.detach().double()).abs().max()) for a, b in pairs)


def _calls_note(forwards, backwards, steps_taken, zero_calls, batches, in_train):
    """How often the run called each part of a training step, against one per batch; when all
    match, that the difference lies in what the calls got (``in_train``: forward passes with
    dropout on, for the dropout run)."""
    counts = {"forward passes": forwards, "backward()": backwards,
              "optimizer.step()": steps_taken, "optimizer.zero_grad()": len(zero_calls)}
    off = [f"{n} {name}" for name, n in counts.items() if n != batches]
    mode = (f", {in_train} of the forward passes in training mode (dropout on)"
            if in_train is not None else "")
    said = ", ".join(f"{n} {name}" for name, n in counts.items())
    if off:
        return (f"Counted in your run of {batches} batches: {said}{mode}; one of each per "
                f"batch belongs there, so look at the {', '.join(off)}. ")
    order = ("" if zero_calls == list(range(batches)) else
             " (though optimizer.zero_grad() did not always come before that batch's step)")
    return (f"Counted in your run of {batches} batches: {said}{mode}: each ran once per batch, "
            f"as it should{order}, so the difference lies in what they were given (the loss "
            "recorded or trained on, the logits, the features or labels) rather than in how "
            "often they ran. ")


def _source_tree(impl):
    """The syntax tree of the answer's function (``ast``), or None when it has no source."""
    try:
        source = inspect.getsource(getattr(impl, "__func__", impl))
        return ast.parse(textwrap.dedent(source))
    except (OSError, TypeError, SyntaxError):
        return None


def _calls_method(impl, name):
    """Whether the answer's source calls a method of that name (``x.name(...)``)."""
    tree = _source_tree(impl)
    return tree is not None and any(
        isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        and node.func.attr == name for node in ast.walk(tree))


def _train_under_if(impl):
    """Whether the answer's source calls ``x.train(...)`` only inside the body of an if."""
    tree = _source_tree(impl)
    if tree is None:
        return False
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and
             isinstance(n.func, ast.Attribute) and n.func.attr == "train"]
    guarded = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
               for part in node.body for n in ast.walk(part)}
    return bool(calls) and all(id(c) in guarded for c in calls)


def _last_epoch_only_cause(impl):
    """Why train returned the losses of its last epoch only: a list made (or cleared) inside a
    loop, or losses appended under an ``if`` (the last epoch's)."""
    tree = _source_tree(impl)
    loops = [] if tree is None else [n for n in ast.walk(tree) if isinstance(n, ast.For)]
    emptied = any(isinstance(n, ast.Assign) and isinstance(n.value, ast.List) and not n.value.elts
                  or isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                  and n.func.attr == "clear" for loop in loops for n in ast.walk(loop))
    guarded = any(isinstance(n, ast.If) and any(
        isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute) and c.func.attr in (
            "append", "extend") for c in ast.walk(n)) for loop in loops for n in ast.walk(loop))
    if emptied:
        return ("these are the losses of the last epoch only: the list is emptied inside the "
                "loop (losses = [] or losses.clear() at the start of every epoch); create "
                "losses = [] once, before the epoch loop")
    if guarded:
        return ("these are the losses of the last epoch only: your append sits under an if "
                "(if epoch == num_epochs - 1?), so the earlier epochs record nothing; record "
                "the loss of every batch of every epoch")
    return ("these are the losses of the last epoch only (the list emptied at the start of "
            "every epoch, or losses recorded only in the last one?); create losses = [] once, "
            "before the epoch loop, and append in every epoch")


def _return_in_loop(impl):
    """Whether the answer's source has a ``return`` statement inside a ``for`` loop."""
    tree = _source_tree(impl)
    return tree is not None and any(
        isinstance(node, ast.Return) for loop in ast.walk(tree) if isinstance(loop, ast.For)
        for node in ast.walk(loop))


def _check_frozen_kept(impl):
    """A model whose first layer the caller froze (fine-tuning): the loop must leave it frozen
    and unchanged, even with an optimizer that holds every parameter (as ch06's does) and
    applies weight decay (which skips a parameter whose .grad is None, as a frozen one's is)."""
    start, dataset, loader_kw, epochs, lr = _toy_setup()
    mine = copy.deepcopy(start)
    mine.layers[0].requires_grad_(False)  # the first Linear(2, 30): 90 frozen numbers
    flags = [p.requires_grad for p in mine.parameters()]
    torch.manual_seed(11)
    named = ("The parameters you ask gradients for include the frozen ones (the first "
             "layer's, requires_grad=False), which get none: backward(inputs=...), "
             "torch.autograd.grad(loss, ...) or p.retain_grad() over every parameter of the "
             "model; call loss.backward() with "
             "no inputs, and it fills .grad of exactly the parameters that require it")
    call_answer(impl, (mine, DataLoader(dataset, **loader_kw),
                       torch.optim.SGD(mine.parameters(), lr=lr, weight_decay=0.1), epochs),
                f"train(a NeuralNetwork(2, 2) whose first layer the caller froze, {epochs} "
                "epochs)", [("retain_grad on Tensor that has requires_grad=False", named),
                            ("differentiated Tensors does not require grad", named)])
    now = [p.requires_grad for p in mine.parameters()]
    moved = not all(torch.equal(a, b) for a, b in zip(mine.layers[0].parameters(),
                                                      start.layers[0].parameters()))
    if now != flags:
        raise CheckFailure(
            f"a NeuralNetwork(2, 2) whose first layer the caller froze came back with "
            f"{sum(a != b for a, b in zip(now, flags))} parameters switched to "
            f"requires_grad={now[0]}{' and that layer trained' if moved else ''}: your loop "
            "changes requires_grad (model.requires_grad_(True), or p.requires_grad = True), "
            "which unfreezes what the caller froze; model.train() alone sets the mode, "
            "leave requires_grad as it is")
    graded = [n for n, p in mine.named_parameters() if not p.requires_grad
              and p.grad is not None]
    if moved and graded:
        raise CheckFailure(f"a NeuralNetwork(2, 2) whose first layer the caller froze came back "
                           f"with that layer's weights changed, and its frozen parameters "
                           f"({', '.join(graded)}) hold a .grad, where a frozen parameter has "
                           "None: your code gives every parameter a gradient of its own (p.grad "
                           "= torch.zeros_like(p), or zeros filled in by hand, to clear them), "
                           "and the optimizer's weight decay (here 0.1) then moves the frozen "
                           "ones; clear the gradients with optimizer.zero_grad(), which leaves "
                           "a frozen parameter's .grad at None")
    if moved:
        raise CheckFailure("a NeuralNetwork(2, 2) whose first layer the caller froze (its "
                           "parameters keep requires_grad=False) came back with that layer's "
                           "weights changed: only loss.backward() and optimizer.step() may "
                           "change the weights, and a frozen layer gets no gradient")


def _check_stale_gradients(impl):
    """A model handed over with gradients left from an earlier backward(): the loop must clear
    them before its first step (zero_grad before backward, not only after step)."""
    start, dataset, loader_kw, epochs, lr = _toy_setup()
    expected = _replay(start, dataset, loader_kw, epochs, lr, 11)
    mine = copy.deepcopy(start)  # a deep copy leaves .grad behind, so make the old ones here
    torch.manual_seed(3)
    mine(torch.randn(4, 2)).pow(2).sum().backward()  # stale, nonzero gradients
    torch.manual_seed(11)
    got = impl(mine, DataLoader(dataset, **loader_kw), torch.optim.SGD(mine.parameters(), lr=lr),
               epochs)
    assert_close(got, expected, what=f"the losses of {epochs} epochs on the toy data for a model "
                 "handed over with gradients left from an earlier backward()", atol=1e-5,
                 hint="the first step used the old gradients: call optimizer.zero_grad() "
                      "BEFORE loss.backward() in every batch (zeroing only after "
                      "optimizer.step() leaves the caller's gradients in the first step)")


# --- exA_4: accuracy -----------------------------------------------------------------------------


class _Fixed(torch.nn.Module):
    """Predicts the class in ``table`` for each of the toy training points (matched by x1), in
    eval mode; in training mode it predicts the other class, so forgetting model.eval() shows."""

    def __init__(self, table):
        super().__init__()
        X_train, _, _, _ = make_toy_data()
        self.lookup = {round(float(x), 3): c for x, c in zip(X_train[:, 0], table)}
        self.bias = torch.nn.Parameter(torch.zeros(1))
        # the mode that matters is a child's (as a Dropout's would be): model.training = False
        # alone leaves it in training mode, model.eval() switches it too
        self.flip = torch.nn.Module()
        self.grad_enabled = []  # torch.is_grad_enabled() at each call
        self.modes = []  # self.flip.training at each call
        self.root_modes = []  # self.training at each call
        self.inputs = []  # (dtype, shape) of each input

    def forward(self, x):
        self.inputs.append((x.dtype, tuple(x.shape)))
        self.grad_enabled.append(torch.is_grad_enabled())
        self.modes.append(self.flip.training)
        self.root_modes.append(self.training)
        classes = torch.tensor([self.lookup[round(float(v), 3)] for v in x[:, 0]])
        if self.flip.training:
            classes = 1 - classes
        # every logit negative: a threshold such as logits[:, 1] > 0 never picks class 1
        return torch.nn.functional.one_hot(classes, 2).float() - 3.0 + (
            0 if self.bias is None else self.bias * 0)


class _Large(_Fixed):
    """Like ``_Fixed``, but with large logits (30 and 31): exact in every float type, yet a
    sigmoid rounds both to 1.0 in float32, so an argmax of sigmoids ties."""

    def forward(self, x):
        return super().forward(x) + 33.0


class _Close(_Fixed):
    """Like ``_Fixed``, but each point's two logits differ by only 0.0005 (2.0 and 2.0005, the
    larger one the class in ``table``): equal once rounded to float16, bfloat16 or an int."""

    def forward(self, x):
        classes = torch.tensor([self.lookup[round(float(v), 3)] for v in x[:, 0]])
        if self.flip.training:
            classes = 1 - classes
        logits = torch.nn.functional.one_hot(classes, 2).float() * 0.0005 + 2.0
        # through a matrix product, which torch.autocast runs in its lower precision
        return logits @ torch.eye(2) + self.bias * 0


class _Close64(_Fixed):
    """A float64 model (its parameter too) whose two logits per point differ by only 1e-9 (1.0
    and 1.000000001, the larger one the class in ``table``): equal once cast to float32."""

    def __init__(self, table):
        super().__init__(table)
        self.double()

    def forward(self, x):
        classes = torch.tensor([self.lookup[round(float(v), 3)] for v in x[:, 0]])
        if self.flip.training:
            classes = 1 - classes
        return torch.nn.functional.one_hot(classes, 2).double() * 1e-9 + 1.0 + self.bias * 0


class _Fixed3(_Fixed):
    """Like ``_Fixed`` with three classes: class 2 predicted where ``table`` says 2."""

    def forward(self, x):
        classes = torch.tensor([self.lookup[round(float(v), 3)] for v in x[:, 0]])
        if self.flip.training:
            classes = (classes + 1) % 3
        return torch.nn.functional.one_hot(classes, 3).float() - 3.0 + self.bias * 0


class _Huge(_Fixed):
    """Like ``_Fixed``, but with logits 97 and 98: exact in float32, yet torch.exp of either is
    inf (float32 overflows above about 88.7), so an argmax of unnormalised exponentials ties."""

    def forward(self, x):
        return super().forward(x) + 100.0


class _Even(_Fixed):
    """Both logits 0.0 for every point (an untrained model whose last layer is all zeros):
    torch.argmax picks the first of equal values, class 0, in either mode."""

    def forward(self, x):
        return super().forward(x) * 0.0


def _check_ties_and_overflow(impl):
    """An all-tied model scores what argmax gives (class 0 for all: 3 of 5); a model with
    logits 97 and 98 scores 1.0 even though exp() of them overflows."""
    got = impl(_Even([0, 0, 0, 0, 0]), _toy_loader(batch_size=2))
    if not (isinstance(got, (int, float)) and abs(got - 0.6) < 1e-6):
        raise CheckFailure(
            f"a model whose two logits are equal for every point (0.0 and 0.0, as an untrained "
            f"model with a zeroed last layer gives) scored {got!r} on the 5 toy points (labels "
            "[0, 0, 0, 1, 1]), expected 0.6: torch.argmax(logits, dim=1) picks the FIRST of "
            "equal logits, class 0, so 3 of 5 are right; "
            + ("your code counted every point right: a tied point counts for whichever of its "
               "tied classes is the label (the label's logit compared with the largest logit, "
               "logits.gather(1, labels) == logits.max(1).values?), so a model that has learnt "
               "nothing scores 100%; compare torch.argmax(logits, dim=1) == labels"
               if isinstance(got, (int, float)) and abs(got - 1.0) < 1e-6 else
               "take the prediction as torch.argmax(logits, dim=1) and compare it with the "
               "labels"))
    got = impl(_Huge([0, 0, 0, 1, 1]), _toy_loader(batch_size=2))
    if not (isinstance(got, (int, float)) and abs(got - 1.0) < 1e-6):
        tie = isinstance(got, (int, float)) and abs(got - 0.6) < 1e-6
        raise CheckFailure(
            f"a model that gets every point right, with logits 97 and 98 for each point, "
            f"scored {got!r}, expected 1.0 (the same predictions with logits 30 and 31 scored "
            "right): "
            + ("that is what argmax gives when the two values tie (it picks class 0): "
               "torch.exp of a float32 logit above about 88.7 is inf, so exp(97) and exp(98) "
               "are both inf (and a softmax written by hand, exp(x) / exp(x).sum(), gives "
               "nan); the largest logit is already the most likely class: take "
               "torch.argmax(logits, dim=1) of the raw logits (torch.softmax, if you want "
               "probabilities, subtracts the maximum first and does not overflow)" if tie else
               "your code treats very large logits differently; take torch.argmax of the raw "
               "logits, dim=1"))


def _accuracy_replays(table):
    """cause -> the score a mistake gives on ``_Fixed(table)`` over the toy loader (batches of
    2, 2, 1), replayed with the torch calls the mistake makes."""
    model = _Fixed(table)
    batches = []
    with torch.no_grad():
        for features, labels in _toy_loader(batch_size=2):
            model.train()
            in_train = model(features)
            model.eval()
            batches.append((model(features), in_train, labels))

    def score(count):
        return sum(int(count(i, *batch)) for i, batch in enumerate(batches)) / 5

    return {
        _NO_CLASS0: score(lambda i, out, _, y: ((out[:, 1:].argmax(1) + 1) == y).sum()),
        "torch.argmax(logits) without dim= gives ONE index into the flattened batch, which "
        "is then compared with every label; take one argmax per example: "
        "torch.argmax(logits, dim=1)":
            score(lambda i, out, _, y: (torch.argmax(out) == y).sum()),
        "you took the argmax over dim=0 (the examples of the batch), which gives one index "
        "per class; the predicted class is torch.argmax(logits, dim=1)":
            score(lambda i, out, _, y: (torch.argmax(out, dim=0) == y).sum()),
        "you counted a batch only when every prediction in it is right "
        "((predictions == labels).all()); count each right prediction: (predictions == "
        "labels).sum()":
            score(lambda i, out, _, y: len(y) * bool((out.argmax(1) == y).all())),
        "you added up each batch's accuracy (a mean) and divided by the number of examples; "
        "add up the correct predictions, (predictions == labels).sum(), instead":
            sum(float((out.argmax(1) == y).float().mean()) for out, _, y in batches) / 5,
        "the first batch was scored in training mode: model.eval() runs after the first "
        "forward pass (inside the batch loop?); call model.eval() once, before the loop":
            score(lambda i, out, train, y: ((train if i == 0 else out).argmax(1) == y).sum()),
        "only the first batch was scored in eval mode, every later one in training mode: a "
        "model.train() inside the batch loop (to give the model back its mode?) switches "
        "dropout on again after each batch; call model.eval() once before the loop, and "
        "restore a mode only after the loop, model.train(was_training)":
            score(lambda i, out, train, y: ((out if i == 0 else train).argmax(1) == y).sum()),
        "you weighted each right prediction by its probability (the softmax of its "
        "largest logit, probs.max(dim=1).values): a right prediction counts 1 however sure "
        "the model is; count (predictions == labels).sum()":
            sum(float((out.softmax(dim=1).max(dim=1).values * (out.argmax(1) == y)).sum())
                for out, _, y in batches) / 5,
        "your total adds the number of DISTINCT labels in each batch (labels.unique().numel()"
        ", or len(set(labels))): a batch of the labels [0, 0] holds 2 examples, not 1; add "
        "len(labels) of each batch":
            sum(int((out.argmax(1) == y).sum()) for out, _, y in batches) / sum(
                len(set(y.tolist())) for _, _, y in batches),
        "you judged each batch by its FIRST example only (predictions[0] == labels[0], "
        "times the batch size): every example of the batch counts on its own; count "
        "(predictions == labels).sum()":
            score(lambda i, out, _, y: len(y) * int(out.argmax(1)[0] == y[0])),
        "you compared the predictions with the batch's labels in REVERSE order (labels.flip(0)"
        ", labels[::-1] or reversed(...)): each prediction belongs with the label at the same "
        "position; compare predictions == labels as they come":
            score(lambda i, out, _, y: (out.argmax(1) == y.flip(0)).sum()),
        "you counted a whole batch as right when ANY of its predictions is right "
        "((predictions == labels).any(), times the batch size); count each right prediction: "
        "(predictions == labels).sum()":
            score(lambda i, out, _, y: len(y) * bool((out.argmax(1) == y).any())),
        "you compared the predictions with labels.argmax(...), as if each label were a "
        "one-hot row; the labels of shape (B,) are already class indices, so argmax over them "
        "gives ONE position in the batch: compare predictions == labels as they are":
            score(lambda i, out, _, y: (out.argmax(1) == y.argmax(dim=-1)).sum()),
        "you added up the softmax probability of each example's true class (a 'soft' "
        "accuracy) instead of counting right predictions; a prediction is right when "
        "torch.argmax(logits, dim=1) equals the label: count (predictions == labels).sum()":
            sum(float(out.softmax(dim=1)[torch.arange(len(y)), y].sum())
                for out, _, y in batches) / 5,
        "you counted only the examples where the prediction AND the label are class 1 (the "
        "true positives: predictions & labels, or predictions * labels, is nonzero only "
        "there); a class-0 prediction for a class-0 label is right too: count (predictions "
        "== labels).sum()":
            score(lambda i, out, _, y: (out.argmax(1) * y).bool().sum()),
    }


_ACCURACY_CRASH_HINTS = [
    ("does not support the context manager protocol", "`with torch.no_grad:` names the class "
     "without calling it; call it: `with torch.no_grad():` (the same for "
     "torch.inference_mode())"),
    ("stack expects each tensor to be equal size", "the batches differ in size (the last one "
     "is short), so per-batch predictions cannot be stacked into one tensor; join them with "
     "torch.cat (one long row), or count each batch's right predictions as you go"),
]


def _accuracy_call(impl, model, loader):
    """``impl(model, loader)`` with a crash explained; the inputs the model got tell a batch
    unpacked as (labels, features) from other crashes."""
    try:
        return impl(model, loader)
    except NotImplementedError:
        raise
    except Exception as err:  # noqa: BLE001 - explained below, then raised as a CheckFailure
        text = str(err)
        hint = next((h for key, h in _ACCURACY_CRASH_HINTS if key in text), "")
        if "out of range" in text and len(model.inputs) > 1 and model.inputs[-1][1][0] == 1:
            hint = (f"The first batches ran and the crash came with the last one, which holds "
                    f"a single example (input {model.inputs[-1][1]}): a squeeze() (of the "
                    "logits or predictions) drops its batch dimension, so logits of shape "
                    "(1, 2) become (2,) and dim=1 no longer exists; leave the logits as "
                    "model(features) gives them, (batch, classes)")
        if "0-d tensor" in text and len(model.inputs) > 1 and model.inputs[-1][1][0] == 1:
            hint = (f"The first batches ran and the crash came with the last one, which holds "
                    f"a single example (input {model.inputs[-1][1]}): a squeeze() (of the "
                    "labels or the predictions) turns its tensor of shape (1,) into a 0-d "
                    "one, which has no len() and no dim 0; leave the labels as the loader "
                    "gives them, shape (batch,)")
        if ("out of bounds for dimension 0" in text and len(model.inputs) > 1
                and model.inputs[-1][1][0] < model.inputs[0][1][0]):
            hint = (f"The first batches ran and the crash came with the last one, which holds "
                    f"{model.inputs[-1][1][0]} example(s) where the others hold "
                    f"{model.inputs[0][1][0]}: your code indexes each batch up to a fixed "
                    "size (a loop over range(dataloader.batch_size), or the first batch's "
                    "size), past the end of the short last batch; go by the batch itself, "
                    "len(labels), or compare whole tensors, (predictions == labels).sum()")
        if isinstance(err, ZeroDivisionError) and not hint:
            model.eval()  # the crash is raised below: the spy's notes are no longer read
            with torch.no_grad():
                right = sum(int((model(x).argmax(dim=1) == y).sum()) for x, y in loader)
                examples = sum(len(y) for _, y in loader)
            try:  # the precision of class 1: 1 right of 3 class-1 predictions (accuracy 2/5)
                precision = impl(_Fixed([1, 1, 0, 1, 0]), _toy_loader(batch_size=2))
            except Exception:  # noqa: BLE001 - no evidence either way
                precision = None
            never = sorted(set(range(2)) - {int(v) for v in getattr(model, "lookup", {0: 0,
                                                                              1: 1}).values()})
            if isinstance(precision, float) and abs(precision - 1 / 3) < 1e-6 and never:
                hint = (f"This model never predicts class {never[0]}, and for a model that "
                        "predicts class 1 three times and is right once your code returns "
                        "1/3 (the accuracy is 2/5): you divided by the number of class-1 "
                        "predictions (the precision of class 1, which is 0/0 here); the "
                        "accuracy is every right prediction over every example, correct / "
                        "total with total += len(labels)")
        if isinstance(err, ZeroDivisionError) and not hint:
            hint = (f"The loader holds {examples} examples and this model gets {right} of "
                    "them right" + (": the only count that is 0 here is the number of right "
                                    "predictions, so your code divides by it (total / "
                                    "correct?); the accuracy is correct / total, which is 0.0 "
                                    "for such a model" if right == 0 and examples else
                                    ", yet your code divided by 0: a count that never grew "
                                    "(total = 0 never incremented?)"))
        if isinstance(err, KeyError) and isinstance(err.args[0] if err.args else None, float) \
                and getattr(model, "lookup", None) and err.args[0] not in model.lookup:
            hint = (f"The check's model knows the loader's points by their first feature "
                    f"({', '.join(f'{v:g}' for v in sorted(model.lookup))}), and it was given "
                    f"a point whose first feature is {err.args[0]:g}: your code changed the "
                    "features before model(features)"
                    + (" (a batch of 2 standardised, minus its mean over its std, gives +-0.707"
                       ": features - features.mean(0) divided by features.std(0)?)"
                       if abs(abs(err.args[0]) - 0.707) < 1e-9 else
                       " (normalised, scaled, shifted or rounded?)")
                    + (f", and cast the model too (its parameters are now {cast}: a "
                       "model.half() or .to(dtype), which rounds the features with it)"
                       if (cast := sorted({str(p.dtype) for p in model.parameters()}
                                          - {"torch.float32"})) else "")
                    + "; score the batch as the loader gives it, model(features)")
        if model.inputs and not model.inputs[0][0].is_floating_point:
            hint = (f"The model got a {model.inputs[0][0]} tensor of shape "
                    f"{model.inputs[0][1]}, the labels: each batch is (features, labels) in "
                    "that order, so write for features, labels in dataloader")
        if not hint:
            raise
        package = str(Path(torch.__file__).parent.parent)
        mine = [f for f in traceback.extract_tb(err.__traceback__) if f.filename != __file__
                and not f.filename.startswith(package) and "llmscratch" + os.sep + "checking"
                not in f.filename]
        where = f" (line {mine[-1].lineno} of {Path(mine[-1].filename).name})" if mine else ""
        raise CheckFailure(f"compute_accuracy(model, the toy loader in batches of 2, 2, 1): "
                           f"your code raised {type(err).__name__}: {text.rstrip('.')}{where}. "
                           f"{hint}") from err


def _score_ratio(got_all, expected_all):
    """'every score is c times the right one; ' when one factor c explains all four scores."""
    pairs = [(g, e) for g, e in zip(got_all, expected_all) if e]
    if not pairs or any(not g for g, _ in pairs):
        return ""
    factor = pairs[0][0] / pairs[0][1]
    if abs(factor - 1) < 1e-6 or any(abs(g - factor * e) > 1e-6 for g, e in pairs) or any(
            g and not e for g, e in zip(got_all, expected_all)):
        return ""
    return (f"every score is {factor:.4g} times the right one (a fixed factor in the count or "
            "the total); ")


def _fraction_note(got_all, expected_all, tables, labels):
    """Which part of correct / total is off, read from the four scores as fractions over the
    toy batches of 2, 2 and 1 (5 examples): a total other than 5 with the right counts, the
    right total with other counts, or the scores of some of the batches alone."""
    rights = [round(e * 5) for e in expected_all]
    whole = [t for t in range(1, 31) if all(abs(g * t - round(g * t)) < 1e-6 for g in got_all)]
    for t in whole:
        if t != 5 and all(abs(g * t - r) < 1e-6 for g, r in zip(got_all, rights)):
            per_batch = " (one extra per batch: 3 batches)" if t == 8 else ""
            return (f"your scores are the right counts of correct predictions {rights} divided "
                    f"by {t} instead of the 5 examples: the count is right, the total is off "
                    f"by {t - 5}{per_batch} (add len(labels) of each batch, once per batch); ")
    if 5 not in whole and whole and 5 < whole[0] <= 15:
        t = whole[0]
        counts = [round(g * t) for g in got_all]
        weighted = next(((c, w) for c in sorted(set(labels)) for w in (2, 3)
                         if sum(w if y == c else 1 for y in labels) == t and counts == [
                             sum(w if y == c else 1 for p, y in zip(table, labels) if p == y)
                             for table in tables]), None)
        return (f"your scores are whole counts out of {t}, {counts} of {t}, where the loader "
                f"yields 5 examples: your total counts {t - 5} more than there are, and the "
                "right predictions go up with it, so some examples count more than once"
                + (f" (exactly each example of class {weighted[0]} counted {weighted[1]} "
                   f"times, in the total and in the right predictions alike: a weight per "
                   f"class, or class {weighted[0]}'s examples counted again?)"
                   if weighted else " (a weight per example, or a batch scored twice?)")
                + "; every example counts once: correct += (predictions == labels).sum(), "
                "total += len(labels); ")
    if 5 not in whole:
        if whole and 2 <= whole[0] < 5:
            t = whole[0]
            return (f"your scores are whole counts out of {t}, "
                    f"{[round(g * t) for g in got_all]} of {t}, not out of the 5 examples the "
                    f"loader yields: only {t} of the 5 were scored, in the count and the total "
                    "alike (a slice or a filter on each batch, such as features[:half], or "
                    "batches skipped?); score every example of every batch; ")
        return ""
    counts = [round(g * 5) for g in got_all]
    only = [c for c in set(labels) if counts == [sum(p == y == c for p, y in zip(table, labels))
                                                  for table in tables]]
    # the counts of predictions (or labels) off by a constant class: p + d compared with y
    shift = next((d for d in (1, -1, 2, -2) if counts == [
        sum(p + d == y for p, y in zip(table, labels)) for table in tables]), None)
    return (f"your scores are {counts} correct out of 5, but the models get {rights} right: "
            "the total is right, the count of right predictions is not"
            + (f" (your counts are exactly the right predictions of class {only[0]} alone: a "
               f"mask or a filter on class {only[0]} is multiplied into the comparison?)"
               if only else
               f" (your counts are exactly the examples whose label is the predicted class "
               f"{shift:+d}: the predictions, or the labels, are shifted by {abs(shift)} "
               f"before the comparison, as argmax(...) {'+' if shift > 0 else '-'} "
               f"{abs(shift)} or labels {'-' if shift > 0 else '+'} {abs(shift)} (classes "
               "counted from 1?); class indices count from 0: compare "
               "torch.argmax(logits, dim=1) with the labels as they are)"
               if shift is not None else
               " (what is compared with what, or which predictions are counted?)")
            + "; ")


# (factor, what) of a slip that scales every score: the scores times the factor undo it
_SCORE_SCALINGS = [
    (1 / 100, "every score is 100 times a fraction (a percentage: drop the * 100)"),
    (1 / 5, "the count is not divided by the 5 examples (return correct / total)"),
    (3 / 5, "the count is divided by the 3 batches, not the 5 examples (total += 1 per batch, "
     "or len(dataloader)?)"),
    (6 / 5, "the count is divided by 6, two per batch (batch_size, or features.shape[1], "
     "added per batch; the last batch holds 1)"),
    (10 / 5, "the count is divided by the 10 numbers of the features (features.numel()), not "
     "the 5 examples"),
]


def _true_logit_cause(impl):
    """A score of 0 for every model whose logits are all negative: a prediction counted right
    when the label's own logit is positive scores 1.0 on a model with logits 30 and 31 that is
    wrong on every point (comparing the largest logit values with the labels scores 0 there)."""
    try:
        got = impl(_Large([1, 1, 1, 0, 0]), _toy_loader(batch_size=2))
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return None
    if not (isinstance(got, (int, float)) and abs(got - 1.0) < 1e-6):
        return None
    return ("you counted an example as right when the logit of its label is positive (a "
            "threshold on logits.gather(1, labels) or logits[range(B), labels]): these models' "
            "logits are all negative, so nothing counts, and a model with logits 30 and 31 "
            "that is wrong on every point scores 1.0; a prediction is right when "
            "torch.argmax(logits, dim=1) == labels")


def _count_or_last_total(impl):
    """Returning the count and dividing by the last batch's size (total = len(labels)) agree
    on batches of 2, 2, 1; batches of 3 and 2 (all right) give 5 and 2.5."""
    try:
        got = impl(_Fixed([0, 0, 0, 1, 1]), _toy_loader(batch_size=3))
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return None
    if isinstance(got, (int, float)) and abs(got - 2.5) < 1e-6:
        return ("you divided by the LAST batch's size only (total = len(labels) replaces the "
                "count instead of adding to it; the last of the batches 2, 2, 1 holds 1): add "
                "up the batch sizes, total += len(labels)")
    return None


def _argmin_or_not_equal(impl):
    """On two classes argmin and `!=` both give 1 minus the accuracy; a 3-class model that
    predicts class 2 for the points of class 1 tells them apart (argmin: 0.0, `!=`: 0.4)."""
    try:
        got = impl(_Fixed3([0, 0, 0, 2, 2]).eval(), _toy_loader(batch_size=2))
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return None
    if not (isinstance(got, (int, float)) and abs(got) < 1e-6):
        return None
    try:  # logits 30 and 31: the largest logit is also the largest in magnitude
        positive = impl(_Large([0, 0, 0, 1, 1]).eval(), _toy_loader(batch_size=2))
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        positive = None
    if isinstance(positive, (int, float)) and abs(positive - 1) < 1e-6:
        return ("you picked the logit of the largest MAGNITUDE (argmax of logits.abs(), or of "
                "the squared logits): a model whose logits are positive (30 and 31) scores "
                "1.0, but these logits are negative (-3 and -2), where the larger magnitude "
                "is the smaller logit; take torch.argmax(logits, dim=1) of the logits as "
                "they are")
    return ("you took the index of the SMALLEST logit (argmin, or max of the negated "
            "logits); the predicted class is the largest: torch.argmax(logits, dim=1)")


def _floor_or_last_batch(impl, cause):
    """Integer division and a score of the last batch alone tie on the four models (each
    last point is right only where every point is); a model right on points 0, 1, 2 and 4
    tells them apart: 4 // 5 = 0, the last batch alone 1.0."""
    try:
        got = impl(_Fixed([0, 0, 0, 0, 1]).eval(), _toy_loader(batch_size=2))
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return cause
    for text, value in zip(_LAST_OR_FLOOR, (0, 1)):
        if isinstance(got, (int, float)) and abs(got - value) < 1e-6:
            return text
    return cause


_LAST_OR_FLOOR = (
    "you used integer division (//), which rounds the fraction down to 0 or 1; divide with /",
    "only the LAST batch was scored: correct and total are set to 0 inside the batch loop, so "
    "each batch wipes out the counts of the ones before (the last batch holds 1 example); set "
    "them to 0 once, before the loop")


def _error_rate_how(impl):
    """How the answer came to 1 minus the accuracy, read from its code when a `!=` is not
    there: a subtraction from 1 (the error rate turned around); None when the code has `!=`
    or cannot be read."""
    tree = _source_tree(impl)
    if tree is None or any(isinstance(op, ast.NotEq) for node in ast.walk(tree)
                           if isinstance(node, ast.Compare) for op in node.ops):
        return None
    if any(isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub)
           and isinstance(node.left, ast.Constant) and node.left.value in (1, 1.0)
           for node in ast.walk(tree)):
        return ("your scores are 1 minus the accuracy (the error rate), and your code "
                "subtracts from 1 (1 - correct / total?), with no != and the model in eval "
                "mode: the accuracy is correct / total itself")
    return ("your scores are 1 minus the accuracy (the error rate), though your code has no "
            "!= and the model ran in eval mode: look for a count of the wrong predictions "
            "(~(predictions == labels), or total - correct) or a 1 - ...; the accuracy is "
            "correct / total")


def _with_no_grad(impl):
    """Whether the answer's source has a ``with torch.no_grad():`` (or inference_mode)."""
    tree = _source_tree(impl)
    return tree is not None and any(
        isinstance(node, ast.With) and any(
            isinstance(item.context_expr, ast.Call) and getattr(
                item.context_expr.func, "attr", getattr(item.context_expr.func, "id", ""))
            in ("no_grad", "inference_mode") for item in node.items)
        for node in ast.walk(tree))


def _batches_or_last_batch(impl):
    """Dividing by the number of batches and by (number of batches) x (last batch's size)
    agree on batches of 2, 2, 1; batches of 3 and 2 tell them apart (all right: 1.0)."""
    try:
        got = impl(_Fixed([0, 0, 0, 1, 1]), _toy_loader(batch_size=3))
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return None
    if isinstance(got, (int, float)) and abs(got - 5 / 4) < 1e-6:
        return ("you divided by the number of batches times the LAST batch's size (total = "
                "(i + 1) * len(labels) replaces the count instead of adding to it; with "
                "batches of 2, 2, 1 that is 3, not 5): add up the batch sizes, total += "
                "len(labels)")
    return None


def _one_short_or_label_sum(impl, distinct=False):
    """A total one short per batch and a total of the label VALUES (labels.sum()) are both 2
    on the toy batches of 2, 2, 1; batches of 3 and 2 (all right) give 5 / 3 and 5 / 2. With
    ``distinct``: the DISTINCT labels per batch and the full batches only (n // batch_size *
    batch_size) are both 4 on the toy batches; batches of 3 and 2 give 5 / 2 and 5 / 3."""
    try:
        got = impl(_Fixed([0, 0, 0, 1, 1]), _toy_loader(batch_size=3))
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return None
    if distinct and isinstance(got, (int, float)) and abs(got - 5 / 3) < 1e-6:
        return ("you divided by the examples in FULL batches only (len(dataloader.dataset) // "
                "batch_size * batch_size: 4 for 5 examples in batches of 2, 2, 1, 3 for batches "
                "of 3 and 2), while the short last batch was scored too; add len(labels) of "
                "each batch the loader yields")
    if not distinct and isinstance(got, (int, float)) and abs(got - 5 / 2) < 1e-6:
        return ("your total adds up the label VALUES (labels.sum(): 0 + 1 + 1 = 2 for the "
                "batches of 2, 2, 1; with batches of 3 and 2, 0 + 2 = 2 again), not the number "
                "of labels: add len(labels) (or labels.numel()) of each batch")
    return None


def _random_score_cause(impl):
    """Whether the score of one model in eval mode changes with the caller's seed: a
    prediction drawn at random (a sampled class) where the argmax belongs."""
    scores = set()
    for seed in (1, 2, 3, 4):
        torch.manual_seed(seed)
        try:
            scores.add(impl(_Fixed([0, 0, 0, 1, 1]).eval(), _toy_loader(batch_size=2)))
        except Exception:  # noqa: BLE001 - a crash here is no evidence
            return None
    if len(scores) < 2:
        return None
    shown = sorted(round(float(v), 3) for v in scores if isinstance(v, (int, float)))
    return (f"your score changes with the random seed: one model (in eval mode, no dropout "
            f"running) scored {shown} under four seeds, so your predictions are drawn at "
            "random (torch.multinomial of the probabilities, a sampled class, or noise added "
            "to the logits?); the predicted class is the most likely one, "
            "torch.argmax(logits, dim=1), which draws nothing")


def _batching_note(impl, table, expected):
    """The same model's score with the 5 points in one batch and in 5 batches of 1: which of
    the three batchings goes wrong tells a mistake within a batch from one across batches."""
    scores = {}
    for size in (5, 1):
        try:
            got = impl(_Fixed(table), _toy_loader(batch_size=size))
        except Exception:  # noqa: BLE001 - a crash here is no evidence
            return ""
        if not isinstance(got, (int, float)) or isinstance(got, bool):
            return ""
        scores[size] = float(got)
    whole, ones = (abs(scores[k] - expected) < 1e-6 for k in (5, 1))
    note = (f"the same model scored {scores[5]:.3f} with the 5 points in ONE batch and "
            f"{scores[1]:.3f} in 5 batches of 1 (expected {expected:.3f} in both): ")
    if scores[1] == 0 and expected:
        return note + (f"in batches of 1 you count NO right prediction at all, though "
                       f"{round(expected * 5)} of the 5 are right: every batch loses an "
                       "example or its count (a slice such as [:-1] or [1:], a count reset "
                       "per batch, or a batch of one squeezed away?); ")
    if whole and ones:
        return note + ("right whenever every batch has the same size, wrong with batches of "
                       "2, 2, 1: the short last batch is weighed wrongly (a mean of batch "
                       "scores, a fixed batch size, a total per batch?); ")
    if ones and not whole:
        return note + ("right one example at a time, wrong when examples share a batch: "
                       "something mixes the examples of a batch (a reduction over dim 0, a "
                       "broadcast of (B,) against (B, 1), a squeeze, one row used for "
                       "all?); ")
    if whole and not ones:
        _, y_train, _, _ = make_toy_data()
        if abs(scores[1] - float((y_train == 0).float().mean())) < 1e-6:
            return note + ("in batches of 1 your score is that of class 0 for every point, "
                           "which an argmax gives when an example's logits are all equal: "
                           "your predictions depend on the other examples of their batch "
                           "(logits centred or normalised over dim 0, the batch, such as "
                           "logits - logits.mean(dim=0), make a lone example's logits equal); "
                           "pick each example's class from its own logits, torch.argmax("
                           "logits, dim=1); ")
        return note + ("right within one batch, wrong once the points are spread over "
                       "batches: the counts of several batches are combined wrongly (a "
                       "running count, a total reset or replaced, a mode switched between "
                       "batches?); ")
    return note + ("wrong in every batching, so each prediction or what it is compared "
                   "with differs (the class picked, the labels, the model's mode); ")


def _check_order_and_mode(impl):
    """A shuffling loader must give the same score as an ordered one (the labels come with each
    batch), a model handed over in eval mode must come back in eval mode, and a model without
    parameters (a fixed rule) must be scored too."""
    X_train, y_train, _, _ = make_toy_data()
    def shuffled():  # seed 0: the points come as 3, 1, 0, 4, 2
        return _CountingLoader(ToyDataset(X_train, y_train), batch_size=2, shuffle=True,
                               generator=torch.Generator().manual_seed(0))

    x1 = [float(v) for v in X_train[:, 0]]
    order = [x1.index(float(v)) for features, _ in shuffled() for v in features[:, 0]]
    # points 1, 2 and 3 right (0.6 in any order), then every point right
    for table, what, expected in (([1, 0, 0, 1, 0], "gets points 1, 2 and 3 right", 0.6),
                                  ([0, 0, 0, 1, 1], "gets every point right", 1.0)):
        model, loader = _Fixed(table).eval(), shuffled()
        got = impl(model, loader)
        if isinstance(got, (int, float)) and abs(got - expected) < 1e-6:
            continue
        how = (f"your code went over the loader {loader.passes} times (the predictions in one "
               "pass and the labels in another?), and a shuffling loader gives the points in "
               "another order each pass, so the labels no longer line up with the predictions; "
               "compare each batch's predictions with the labels of the SAME batch (for "
               "features, labels in dataloader)" if getattr(loader, "passes", 0) > 1 else
               "your score depends on the order of the examples; take each batch's labels "
               "from the loader (for features, labels in dataloader), not from "
               "dataloader.dataset by position")
        raise CheckFailure(f"with a shuffling loader (the points in the order {order}) a model "
                           f"that {what} scored {got!r}, expected {expected}, though the "
                           f"same model in order scored right: {how}")
    rule = _Fixed([0, 0, 0, 1, 1])
    rule.bias = None  # no parameters at all: model.parameters() yields nothing
    try:
        got = impl(rule, _toy_loader(batch_size=2))
    except NotImplementedError:
        raise
    except Exception as err:  # noqa: BLE001 - explained below
        names = _names_read(impl)
        why = ("next(model.parameters()) has nothing to give (StopIteration) when the model "
               "has no parameters; " if isinstance(err, StopIteration) or (
                   "parameters" in names and "next" in names) else "")
        raise CheckFailure(f"a model without parameters (a fixed rule that gets all 5 toy points "
                           f"right) made your code raise {type(err).__name__}"
                           f"{': ' + str(err) if str(err) else ''}. {why}"
                           "scoring must not need the model's parameters: leave the features "
                           "where the loader puts them, or move them to the device of the "
                           "features, not of next(model.parameters())") from err
    if not (isinstance(got, (int, float)) and abs(got - 1.0) < 1e-6):
        raise CheckFailure(f"a model without parameters (a fixed rule that gets all 5 toy "
                           f"points right) scored {got!r}, expected 1.0")
    dtypes = sorted({str(p.dtype) for p in model.parameters()})
    if dtypes != ["torch.float32"]:
        raise CheckFailure(f"a float32 model came back with parameters in {dtypes}: your "
                           "compute_accuracy casts the caller's model (a model.half(), "
                           ".double() or .to(dtype)), which converts it in place for every "
                           "later use; score the model as it is given")
    if model.training:
        raise CheckFailure("a model handed over in eval mode came back in training mode: your "
                           "compute_accuracy leaves it so (a model.train() after the loop?); "
                           "leave it in eval mode (or restore the mode it came in, "
                           "model.train(was_training))")
    model = _Fixed([0, 0, 0, 1, 1])  # handed over in training mode
    impl(model, _toy_loader(batch_size=2))
    if model.training != model.flip.training:
        raise CheckFailure(
            f"a model handed over in training mode came back half switched: the model itself "
            f"in {'training' if model.training else 'eval'} mode (model.training is "
            f"{model.training}) and its layers in {'training' if model.flip.training else 'eval'}"
            " mode (a Dropout among them would " + ("stay off" if not model.flip.training else
                                                   "drop") + "): "
            + ("model.training = was_training sets the flag of the model itself only; give "
               "the mode back with model.train(was_training), which sets every submodule"
               if model.training else
               "the flag of the model itself was set alone (model.training = False?); "
               "model.eval() and model.train(mode) set every submodule")
            + " (or leave the model in eval mode)")


class _Rising(_Fixed):
    """Like ``_Fixed``, but row i of a batch has its largest logit i + 1 (the rows grow), so
    the largest logit of the whole batch lies in its last row."""

    def forward(self, x):
        out = super().forward(x) + 3.0  # one-hot rows again
        return out * torch.arange(1, len(x) + 1, dtype=out.dtype)[:, None]


def _first_row_or_flat(impl):
    """torch.argmax(logits) without dim and the first row's argmax (logits[0]) tie on the
    fixed models; one batch of the 5 toy points whose largest logit lies in its last row tells
    them apart: 3 / 5 for the first row (class 0, three labels 0), 0.0 for a flat index."""
    try:
        got = impl(_Rising([0, 0, 0, 1, 1]), _toy_loader(batch_size=5))
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return None
    if isinstance(got, (int, float)) and abs(got - 3 / 5) < 1e-6:
        return ("you scored the first example's logits only (model(features)[0], or "
                "logits[0]): its one predicted class is compared with every label of the batch "
                "(on one batch of the 5 points, whose first point is class 0, that gives 3 / 5 "
                "for a model that gets all 5 right); keep the whole batch of logits and take "
                "one argmax per example, torch.argmax(model(features), dim=1)")
    return None


def _batch_size_or_features(impl):
    """batch_size and features.shape[1] are both 2 on the toy loader; batches of 3 and 2 (all
    right: 1.0) tell them apart: 5 / 6 for batch_size, 5 / 4 for the number of features."""
    try:
        got = impl(_Fixed([0, 0, 0, 1, 1]), _toy_loader(batch_size=3))
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return None
    if not isinstance(got, (int, float)):
        return None
    if abs(got - 5 / 6) < 1e-6:
        try:  # one batch of all 5 points: batch_size counts 5, a total started at 1 counts 6
            whole = impl(_Fixed([0, 0, 0, 1, 1]), _toy_loader(batch_size=5))
        except Exception:  # noqa: BLE001 - a crash here is no evidence
            whole = None
        if isinstance(whole, (int, float)) and abs(whole - 5 / 6) < 1e-6:
            return ("your total is one too large whatever the batches (6 for 5 points, in "
                    "batches of 2, 2, 1 as in one batch of 5): it starts at 1 (total = 1 to "
                    "avoid a division by zero?) or gets one extra once; start total at 0 and "
                    "add len(labels) of each batch")
        return ("you counted every batch as dataloader.batch_size examples (2 here, 6 in all; "
                "with batch_size=3, 6 for 5 points), but the last batch holds only 1: add up "
                "len(labels) of each batch")
    if abs(got - 5 / 4) < 1e-6:
        try:  # 3 classes, 2 features: every point right, batches of 2, 2, 1
            three = impl(_Fixed3([0, 0, 0, 1, 1]), _toy_loader(batch_size=2))
        except Exception:  # noqa: BLE001 - a crash here is no evidence
            three = None
        if isinstance(three, (int, float)) and abs(three - 5 / 9) < 1e-6:
            return ("you counted the number of classes (logits.shape[1], 2 here; a 3-class "
                    "model that gets all 5 points right scored 5 / 9) as the size of each "
                    "batch: the examples run along dim 0 of the logits, add up len(labels) of "
                    "each batch")
        return ("you counted features.shape[1], the number of features (2 per point), as the "
                "size of each batch (6 in all; with batches of 3 and 2 it gives 4 for 5 "
                "points): the examples run along dim 0, add up len(labels) of each batch")
    return None


def _features_or_logits_numel(impl):
    """features.numel() and logits.numel() agree with 2 features and 2 classes; a 3-class model
    (all 5 right) tells them apart: 5 / 10 for the features, 5 / 15 for the logits."""
    try:
        got = impl(_Fixed3([0, 0, 0, 1, 1]), _toy_loader(batch_size=2))
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return None
    if isinstance(got, (int, float)) and abs(got - 1 / 3) < 1e-6:
        return ("you counted logits.numel() as the number of examples: that is examples times "
                "classes (a 3-class model that gets all 5 points right scored 5 / 15); add up "
                "len(labels) (or logits.shape[0]) of each batch")
    return None


def _training_mode_cause(impl):
    """Why the model scored in training mode: the flag of the model alone set, or model.eval
    named without its parentheses (a probe model shows the modes left after the call)."""
    model = _Fixed([0, 0, 0, 1, 1])
    try:
        impl(model, _toy_loader(batch_size=2))
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return None
    if not model.training and model.flip.training:
        return ("the model's layers were still in training mode: model.training = False sets "
                "the flag of the model itself only, and its submodules (a Dropout) keep "
                "theirs; call model.eval(), which switches every submodule")
    if not model.training and not model.flip.training and model.modes[:1] == [True]:
        return ("the model scored in training mode and was in eval mode only at the end: "
                "model.eval() comes after the scoring loop; call it before the loop")
    if model.training and "eval" in _names_read(impl) and not _calls_method(impl, "eval"):
        return ("the model was still in training mode: your code names model.eval but never "
                "calls it (model.eval without parentheses only names the method); write "
                "model.eval(), with its parentheses, before scoring")
    if model.training and _calls_method(impl, "eval") and _calls_method(impl, "train"):
        return ("the model scored in training mode although your code calls model.eval(): a "
                "model.train(...) runs between it and the scoring loop (the caller's mode "
                "given back too early, before the loop?); call model.eval() right before "
                "scoring, and give the mode back only after the loop")
    if model.training and "train" in _names_read(impl):
        return ("the model scored in training mode, and your code calls model.train() (or "
                "names it) but never model.eval(): train() switches dropout ON, the mode for "
                "learning; scoring needs model.eval() before the loop")
    return None


def _dataset_or_sampler(impl):
    """len(dataloader.dataset) and len(dataloader.sampler) agree on a plain loader; a loader
    over 3 chosen points of the 5 (a list as its sampler) tells them apart."""
    loader = DataLoader(_toy_loader().dataset, batch_size=2, sampler=[0, 1, 2], drop_last=True)
    try:
        got = impl(_Fixed([0, 0, 0, 1, 1]), loader)
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return None
    if isinstance(got, (int, float)) and abs(got - 2 / 3) < 1e-6:
        return "len(dataloader.sampler), the number of indices the sampler draws"
    if isinstance(got, (int, float)) and abs(got - 2 / 5) < 1e-6:
        return "len(dataloader.dataset)"
    return None


def check_compute_accuracy(impl):
    seen = {}  # what the four models' calls showed about the grad mode and requires_grad
    model, loader = _Fixed([0, 0, 0, 0, 0]), _toy_loader(batch_size=2)  # scored twice
    check_cases(state_probed(impl, probe_first=False, cases=[
        ("four models", lambda impl: seen.update(_check_four_models(impl))),
        ("a loader that drops its last batch", _check_drop_last),
        ("3 points, 3 classes, large and close logits", _check_odd_scores),
        ("7 points of 3 features", _check_other_width),
        ("a shuffling loader", _check_order_and_mode),
        ("the caller's random state", _check_rng_untouched),
        ("a model that predicts class 0", lambda impl: _check_rescored(impl, model, loader)),
        ("the same model and loader after training",
         lambda impl: _check_rescored(impl, model, loader, [0, 0, 0, 1, 1])),
        ("the grad mode", lambda impl: _check_grad_mode(impl, **seen)),
        ("300 points in batches of 128, then 33,000 in one batch", _check_many_points),
        ("batches of 3, 1 and 1 from a batch_sampler", _check_batch_sampler),
        ("300 classes", _check_many_classes),
        ("2,100 classes from a float16 model", _check_half_classes),
        ("the loader's batches left as they were", _check_batches_untouched),
        ("tied logits, then logits of 97 and 98", _check_ties_and_overflow),
        ("a loader of one point", _check_single_point),
        ("a machine with a GPU", lambda impl: _cuda_chosen(
            impl, lambda fresh: fresh(_Fixed([0, 1, 0, 1, 1]), _toy_loader(batch_size=2)),
            "compute_accuracy(a model, the toy loader in batches of 2, 2, 1)")),
        ("a model with one output", _check_one_output),
        ("a model and batches on a GPU", _check_accuracy_cpu_chosen),
        ("a model whose logits are NaN for one point", _check_nan_logits),
    ]))


def _check_accuracy_cpu_chosen(impl):
    """A model and a loader standing in for a GPU's (they say 'cuda:0', the check runs them on
    the CPU): an answer that feeds the model a batch it moved to 'cpu' by itself, or moves
    the model there, fails (labels moved to the CPU to be compared there are fine)."""
    model = _gpu_stand_ins(_Fixed([0, 1, 0, 1, 1]))
    used = _cpu_moves(model, lambda: impl(model, _gpu_loader(dict(batch_size=2))), losses=())
    if used:
        _cpu_chosen("compute_accuracy(a model and the toy loader in batches of 2, 2, 1 on a "
                    "GPU, stand-ins that say cuda:0 while the check runs them on the CPU)", used)


def _check_one_output(impl):
    """A Linear(2, 1) model (one logit per example, as a binary classifier written for a
    sigmoid has): the index of the largest of one logit is always 0, so every point is
    predicted class 0 and 2 of the 6 labels [0, 1, 1, 0, 1, 1] are right. A threshold on the
    logit (sigmoid(logit) > 0.5, logit > 0) predicts class 1 for x1 > 0 and scores 5 / 6."""
    model = torch.nn.Linear(2, 1)
    with torch.no_grad():
        model.weight.copy_(torch.tensor([[1.0, 0.0]]))
        model.bias.zero_()
    x1 = torch.tensor([-1.0, 2.0, 3.0, -2.0, 1.0, -3.0])
    labels = torch.tensor([0, 1, 1, 0, 1, 1])
    loader = DataLoader(TensorDataset(torch.stack([x1, torch.zeros(6)], dim=1), labels),
                        batch_size=4)
    what = ("compute_accuracy(a Linear(2, 1) model, ONE logit per example, equal to x1, on 6 "
            "points with x1 = [-1, 2, 3, -2, 1, -3] and labels [0, 1, 1, 0, 1, 1], in batches "
            "of 4 and 2)")
    got = call_answer(impl, (model, loader), what)
    if isinstance(got, (int, float)) and abs(got - 2 / 6) < 1e-6:
        return
    threshold = int(((x1 > 0).long() == labels).sum()) / 6
    how = (f"your score is {threshold:.4f} = 5 / 6, that of a threshold on the single logit "
           "(sigmoid(logit) > 0.5, or logit > 0, read as class 1: a binary classifier's "
           "habit); the docstring's rule holds for any number of classes: the predicted class "
           "is the index of the largest logit, which with one logit is always 0 (an output "
           "layer of one unit cannot tell 2 classes apart under argmax)"
           if isinstance(got, (int, float)) and abs(got - threshold) < 1e-6 else
           "every other test model had 2 to 300 outputs: look for what treats a model with "
           "one output differently; the predicted class is torch.argmax(logits, dim=1), "
           "always 0 here")
    raise CheckFailure(f"{what} scored {got!r}, expected 0.3333 = 2 / 6 (every point "
                       f"predicted class 0): {how}")


def _toy_subset_loader(indices, batch_size):
    from torch.utils.data import Subset

    X_train, y_train, _, _ = make_toy_data()
    return DataLoader(Subset(ToyDataset(X_train, y_train), indices), batch_size=batch_size)


class _NanRow(_Fixed):
    """Like ``_Fixed``, but every logit of the toy point number ``nan_index`` is NaN (a model
    that blew up on one input)."""

    def __init__(self, table, nan_index):
        super().__init__(table)
        X_train, _, _, _ = make_toy_data()
        self.nan_x = round(float(X_train[nan_index, 0]), 3)

    def forward(self, x):
        logits = super().forward(x)
        rows = torch.tensor([round(float(v), 3) == self.nan_x for v in x[:, 0]])
        return logits.masked_fill(rows[:, None], float("nan"))


def _check_nan_logits(impl):
    """The 5 toy points in batches of 2, 2, 1, each predicted right except point 3 (label 1),
    whose logits are all NaN: torch.argmax of a NaN row picks the first NaN, class 0, so the
    point counts as wrong and the score is 4 / 5. An answer that leaves the point (or its
    batch) out of the count scores 1.0; one that cleans the row with torch.nan_to_num picks
    class 0 as well, and passes."""
    what = ("compute_accuracy(a model that predicts the 5 toy points right except one, label 1, "
            "whose logits are all NaN; batches of 2, 2, 1)")
    got = _accuracy_call(impl, _NanRow([0, 0, 0, 1, 1], 3), _toy_loader(batch_size=2))
    if isinstance(got, numbers.Real) and not isinstance(got, bool) and abs(got - 0.8) < 1e-6:
        return
    if isinstance(got, numbers.Real) and not isinstance(got, bool) and abs(got - 1.0) < 1e-6:
        raise CheckFailure(
            f"{what} scored 1.0, expected 0.8 = 4 / 5: the point whose logits are NaN was left "
            "out of the count (a mask such as ~torch.isnan(logits).any(dim=1) on the "
            "predictions and the total, or a batch skipped when it holds a NaN), so it counted "
            "neither as right nor as wrong; every example the loader gives counts: add "
            "len(labels) of every batch to the total, and let a NaN row's prediction "
            "(torch.argmax picks the index of a NaN) count as it comes")
    raise CheckFailure(f"{what} scored {got!r}, expected 0.8 = 4 / 5 (torch.argmax of a NaN row "
                       "picks the index of a NaN, class 0, which is wrong for this point): "
                       "the other cases had no NaN in their logits; look for code that treats "
                       "a NaN logit differently from other numbers")


def _check_single_point(impl):
    """A loader of one point (a validation split of one example, a smoke test): one example,
    one batch, predicted right, scores 1.0. When it does not, the same answer on one batch of
    2 points tells a score wrong for one example from one wrong for a single batch."""
    what = ("compute_accuracy(a model, a loader of one toy point, label 0, which the model "
            "predicts right)")
    got = _accuracy_call(impl, _Fixed([0, 0, 0, 1, 1]), _toy_subset_loader([0], 1))
    if isinstance(got, numbers.Real) and not isinstance(got, bool) and abs(got - 1.0) < 1e-9:
        return
    two = _accuracy_call(impl, _Fixed([0, 0, 0, 1, 1]), _toy_subset_loader([0, 3], 2))
    two_right = isinstance(two, numbers.Real) and abs(two - 1.0) < 1e-9
    cause = (" The same model on one batch of 2 points (both right) scored 1.0, so only a "
             "loader of a single example goes wrong: a guard meant for an empty loader that "
             "also catches one example (if total > 1, or len(labels) > 1, where total > 0 "
             "belongs?); with one example the score is correct / 1" if two_right else
             f" The same model on one batch of 2 points (both right) scored {two!r} too, so a "
             "loader of a single batch goes wrong (a guard on len(dataloader) > 1, or a "
             "score from the batches before the last?); count every batch the loader gives")
    raise CheckFailure(f"{what} returned {got!r}, expected 1.0 = 1 / 1.{cause}")


def _check_batches_untouched(impl):
    """The batches a loader hands out belong to the caller (a loader over stored batches, or a
    dataset of views, hands out its own tensors): scoring must not write into them. A
    collate_fn keeps each batch and a copy of it."""
    from torch.utils.data import default_collate

    kept = []

    def collate(items):
        batch = default_collate(items)
        kept.append((batch, [t.clone() for t in batch]))
        return batch

    X_train, y_train, _, _ = make_toy_data()
    table = [0, 1, 0, 1, 1]  # right for 4 of the labels [0, 0, 0, 1, 1]
    loader = DataLoader(ToyDataset(X_train, y_train), batch_size=2, collate_fn=collate)
    call_answer(impl, (_Fixed(table), loader), "compute_accuracy(a model that predicts "
                f"{table}, the toy loader in batches of 2, 2, 1)")
    for which, k in (("labels", 1), ("features", 0)):
        now = torch.cat([batch[k] for batch, _ in kept]).tolist()
        given = torch.cat([copies[k] for _, copies in kept]).tolist()
        if now == given:
            continue
        matches = [int(p == y) for p, y in zip(table, y_train.tolist())]
        how = (": they now hold 1 where the prediction was right and 0 elsewhere, the "
               "result of an in-place comparison such as labels.eq_(predictions)"
               if which == "labels" and now == matches else "")
        raise CheckFailure(
            f"compute_accuracy(a model that predicts {table}, the toy loader in batches of 2, "
            f"2, 1) changed the {which} the loader handed out, from {given} to {now}{how}: "
            "your code writes into the batch's tensors in place (a method ending in _, or an "
            "assignment into them), and they belong to the caller; compare without changing "
            "them, (predictions == labels).sum()")


def _check_many_classes(impl):
    """A Linear(2, 300) model that predicts class 256 for every point, 10 points whose labels
    are 256 (4 of them) and 0 (6): 0.4. Classes or labels kept in 8 bits wrap 256 around to 0,
    and every point then counts as right."""
    model = torch.nn.Linear(2, 300)
    with torch.no_grad():
        model.weight.zero_()
        model.bias.zero_()
        model.bias[256] = 1.0
    labels = torch.tensor([256, 0, 0, 256, 0, 0, 256, 0, 0, 256])
    loader = DataLoader(TensorDataset(torch.zeros(10, 2), labels), batch_size=4)
    what = ("compute_accuracy(a Linear(2, 300) model that predicts class 256 for every point, "
            "10 points whose labels are 256 (4 of them) and 0 (6))")
    got = call_answer(impl, (model, loader), what)
    if isinstance(got, (int, float)) and abs(got - 0.4) < 1e-6:
        return
    how = ("every point counted right: class 256 and class 0 came out equal, as they do once "
           "predictions or labels are cast to 8 bits (torch.uint8 or int8, .byte(): 256 wraps "
           "around to 0); keep the class indices as argmax gives them (int64) and compare "
           "them with the labels as they come"
           if isinstance(got, (int, float)) and abs(got - 1.0) < 1e-6 else
           "every smaller test model had 2 to 4 classes: look for what assumes few classes "
           "(a fixed number of classes, a small integer dtype for the classes)")
    raise CheckFailure(f"{what} scored {got!r}, expected 0.4 = 4 / 10: {how}")


def _check_half_classes(impl):
    """A float16 Linear(2, 2100) model that predicts class 2048 for every point, 10 points
    whose labels are 2049 (4 of them) and 2048 (6): 0.6. float16 holds whole numbers exactly
    only up to 2048, so labels (or predictions) cast to the logits' dtype (labels.to(logits),
    .to(logits.dtype)) turn 2049 into 2048, and every point then counts as right; the float32
    300-class model before holds every class exactly. (float16, not bfloat16, whose limit is
    256: NumPy has float16, and an argmax through NumPy is right.)"""
    model = torch.nn.Linear(2, 2100).to(torch.float16)
    with torch.no_grad():
        model.weight.zero_()
        model.bias.zero_()
        model.bias[2048] = 1.0
    labels = torch.tensor([2049, 2048, 2048, 2049, 2048, 2048, 2049, 2048, 2048, 2049])
    loader = DataLoader(TensorDataset(torch.zeros(10, 2, dtype=torch.float16), labels),
                        batch_size=4)
    what = ("compute_accuracy(a float16 Linear(2, 2100) model that predicts class 2048 for "
            "every point, on float16 features, 10 points whose labels are 2049 (4 of them) "
            "and 2048 (6))")
    got = call_answer(impl, (model, loader), what)
    if isinstance(got, (int, float)) and abs(got - 0.6) < 1e-6:
        return
    how = ("every point counted right: class 2048 and class 2049 came out equal, as they do "
           "once labels or predictions are cast to the logits' dtype (labels.to(logits), "
           ".to(logits.dtype) or .to(features)): float16 holds whole numbers exactly only up "
           "to 2048 (bfloat16 only up to 256), so 2049 becomes 2048; compare argmax's int64 "
           "predictions with the labels as they come (to move labels, "
           "labels.to(logits.device))"
           if isinstance(got, (int, float)) and abs(got - 1.0) < 1e-6 else
           "the float32 models before scored right: look for what a float16 model changes "
           "(a dtype taken from the logits or written into the code)")
    raise CheckFailure(f"{what} scored {got!r}, expected 0.6 = 6 / 10: {how}")


def _check_batch_sampler(impl):
    """A loader built with ``batch_sampler=`` (batches of 3, 1 and 1): its ``batch_size`` is
    None, so the count and the total must go by the batches themselves."""
    X_train, y_train, _, _ = make_toy_data()
    loader = DataLoader(ToyDataset(X_train, y_train), batch_sampler=[[0, 1, 2], [3], [4]])
    what = ("compute_accuracy(model, a loader built with batch_sampler=[[0, 1, 2], [3], [4]]: "
            "batches of 3, 1 and 1, and loader.batch_size is None)")
    reads = "batch_size" in _names_read(impl)
    none = ("Your code reads dataloader.batch_size, which is None for a loader built with a "
            "batch_sampler (and says nothing about a short last batch anyway): count each "
            "batch by its own size, total += len(labels)")
    got = call_answer(impl, (_Fixed([0, 1, 0, 1, 1]), loader), what,
                      [("NoneType", none)] if reads else [])
    if not isinstance(got, float) or abs(got - 0.8) > 1e-6:
        implied = f" (4 right predictions over {4 / got:.4g} examples?)" if isinstance(
            got, (int, float)) and got > 0 else ""
        raise CheckFailure(
            f"{what} returned {got!r}, expected 0.8 (4 of the 5 points right){implied}: "
            + ("your code reads dataloader.batch_size, which does not give the batches' sizes "
               "here; " if reads else "")
            + "the batches differ in size, so count each batch by its own size, total += "
              "len(labels), and divide the right predictions by that total")


def _check_rescored(impl, model, loader, table=None):
    """Score ``model`` on ``loader`` (batches of 2, 2, 1); with ``table``, first change its
    predictions to that table, as training would."""
    if table is not None:
        model.lookup = _Fixed(table).lookup
    table = [model.lookup[round(float(x), 3)] for x in make_toy_data()[0][:, 0]]
    expected = sum(int(p == y) for p, y in zip(table, [0, 0, 0, 1, 1])) / 5
    got = impl(model, loader)
    if not (isinstance(got, (int, float)) and abs(got - expected) < 1e-6):
        raise CheckFailure(f"a model that predicts {table} for the labels [0, 0, 0, 1, 1] "
                           f"scored {got!r}, expected {expected}: count (predictions == "
                           "labels).sum() over the batches and divide by the examples")


def _class_count_note(got_all, expected_all, tables, labels):
    """A note when, over the 5 toy points, each model's extra (or missing) right predictions
    are exactly its right predictions of one class: that class counted twice (or left out)."""
    extra = [(g - e) * 5 for g, e in zip(got_all, expected_all)]
    if any(abs(x - round(x)) > 1e-6 for x in extra):
        return ""
    extra = [round(x) for x in extra]
    for c in sorted(set(labels)):
        right_c = [sum(p == y == c for p, y in zip(t, labels)) for t in tables]
        if not any(right_c):
            continue
        for sign, how in ((1, "counted twice"), (-1, "left out")):
            if extra == [sign * r for r in right_c]:
                return (f"your count of right predictions is off by {extra} for the four "
                        f"models, exactly their right predictions of class {c} {right_c}: "
                        f"the right class-{c} predictions are {how} (a count of one class "
                        "added, or one class filtered); count every right prediction once, "
                        "(predictions == labels).sum(); ")
    return ""


def _batch_position_note(got_all, expected_all, tables, labels):
    """A note when, over the toy batches of 2, 2 and 1, each model's extra (or missing) right
    predictions are exactly its right predictions at one place in each batch (the first or the
    last example): that example counted twice (or left out)."""
    extra = [(g - e) * 5 for g, e in zip(got_all, expected_all)]
    if any(abs(x - round(x)) > 1e-6 for x in extra) or not any(round(x) for x in extra):
        return ""
    extra = [round(x) for x in extra]
    for where, spots in (("FIRST", (0, 2, 4)), ("LAST", (1, 3, 4))):
        right = [sum(t[k] == labels[k] for k in spots) for t in tables]
        for sign, how in ((1, "counted twice"), (-1, "left out")):
            if any(right) and extra == [sign * r for r in right]:
                return (f"your count of right predictions is off by {extra} for the four "
                        f"models, exactly their right predictions at the {where} example of "
                        f"each batch {right}: that example is {how} (an extra term such as "
                        f"predictions[{0 if where == 'FIRST' else -1}] == labels["
                        f"{0 if where == 'FIRST' else -1}], or a slice of the batch?); count "
                        "every example of every batch once, (predictions == labels).sum(); ")
    for where, spots in (("FIRST", (0, 2, 4)), ("LAST", (1, 3, 4)), ("SECOND", (1, 3))):
        wrong = [sum(t[k] != labels[k] for k in spots) for t in tables]
        if any(wrong) and extra == wrong:
            return (f"your count of right predictions is over by {extra} for the four models, "
                    f"exactly their WRONG predictions at the {where} example of each batch "
                    f"{wrong}: that example counts as right whatever the model predicts (a "
                    "mask or slice of the comparison set to True, or a test that skips it?); "
                    "count (predictions == labels).sum() over every example; ")
    return ""


def _fresh_scores_right(impl, cases, labels, got_all, expected_all, cause=None):
    """Each model scored by a freshly loaded copy of the answer: all right where ``impl``,
    called on them in turn, was not, means the answer keeps state between calls (``cause``,
    the replay that matched, is kept when it names counts carried over)."""
    if all(abs(g - e) < 1e-6 for g, e in zip(got_all, expected_all)):
        return
    if fresh_calls_right(impl, [
            ((_Fixed(table), _toy_loader(batch_size=2)),
             lambda got, want=want: isinstance(got, (int, float)) and abs(got - want) < 1e-6)
            for (table, _), want in zip(cases, expected_all)]):
        raise CheckFailure(
            f"your code {STATE_KEPT}: called on four models in turn it scored "
            f"{[round(g, 3) for g in got_all]} (expected {[round(e, 3) for e in expected_all]}"
            f"; they predict {[t for t, _ in cases]} for the labels {labels}), but a freshly "
            "loaded copy of your file scores each of them right: something from an earlier "
            "call is remembered (a global set once, such as a flag that calls model.eval() "
            "only the first time, batches or counts kept from an earlier loader, a cache of "
            "scores, a mutable default argument); compute everything from this call's model "
            "and dataloader, and call model.eval() on every call"
            + (f" ({cause})" if cause and "carry over" in cause else ""))


def _check_four_models(impl):
    labels = [0, 0, 0, 1, 1]  # the toy training labels, in batches of 2, 2 and 1
    cases = [([0, 0, 0, 0, 0], "always predicts class 0"),
             ([0, 0, 0, 1, 1], "gets every point right"),
             ([1, 0, 0, 1, 0], "gets points 1, 2 and 3 right"),
             ([1, 1, 1, 0, 0], "gets every point wrong")]
    got_all, mistakes, expected_all, with_grad, in_train = [], {}, [], False, False
    root_in_train = False  # a forward pass with the model itself in training mode
    froze = False  # a model whose parameter came back with requires_grad switched off
    unfroze = wiped = False  # a frozen parameter made trainable; the caller's gradient gone
    direct, hooked = False, []  # a forward pass that skipped the module's hooks; hook calls
    so_far = [0, 0]  # correct predictions and examples of the calls so far
    for table, _ in cases:
        right = [int(p == y) for p, y in zip(table, labels)]
        expected = sum(right) / 5
        so_far = [so_far[0] + sum(right), so_far[1] + 5]
        model = _Fixed(table)
        model.frozen = torch.nn.Parameter(torch.zeros(1), requires_grad=False)  # frozen layer
        model.bias.grad = torch.full((1,), 0.5)  # a gradient the caller still holds
        model.register_forward_pre_hook(lambda module, args, seen=hooked: seen.append(1))
        got = _accuracy_call(impl, model, _toy_loader(batch_size=2))
        direct = direct or len(hooked) < len(model.inputs)  # forward() called, no hook ran
        with_grad = with_grad or any(model.grad_enabled)
        froze = froze or not model.bias.requires_grad
        unfroze = unfroze or model.frozen.requires_grad
        wiped = wiped or model.bias.grad is None or float(model.bias.grad.float().sum()) != 0.5
        in_train = in_train or any(model.modes)
        root_in_train = root_in_train or any(model.root_modes)
        if torch.is_tensor(got):
            raise CheckFailure(f"compute_accuracy returned a tensor ({got!r}); return a Python "
                               "float: count with (predictions == labels).sum().item()")
        if isinstance(got, bool) or not isinstance(got, (int, float)):
            kind = (f"a tuple of {len(got)} (more than the accuracy: a Keras-style "
                    "(loss, accuracy) pair, or (correct, total)?)" if isinstance(got, tuple)
                    else f"a {type(got).__module__}.{type(got).__name__}, not a Python float"
                    " (a Fraction or a NumPy number: divide two ints, correct / total)"
                    if isinstance(got, numbers.Number) else f"a {type(got).__name__}")
            raise CheckFailure(f"compute_accuracy returned {got!r}, {kind}; return one "
                               "Python float between 0 and 1, correct / total")
        got_all.append(float(got))
        expected_all.append(expected)
        # a softmax over dim=0 (the batch) before the argmax: a batch whose rows predict the
        # same class gets equal columns, so argmax picks class 0; mixed rows stay right
        dim0 = [c for k in (0, 2, 4) for c in (
            [0] * len(table[k:k + 2]) if len(set(table[k:k + 2])) == 1 else table[k:k + 2])]
        replays = {
            "you took the softmax over dim=0, the examples of the batch; the softmax (if you "
            "need one at all) and the argmax run over the classes, dim=1":
                sum(int(p == y) for p, y in zip(dim0, labels)) / 5,
            "you returned a percentage; return the fraction correct, between 0 and 1":
                100 * expected,
            "only the first batch was scored: the return statement sits inside the batch loop "
            "(indented one level too deep), or one batch was taken with next(iter(dataloader)); "
            "loop over every batch and return after the loop": sum(right[:2]) / 2,
            "only the last batch's correct predictions were kept: correct = ... replaces the "
            "count of the batches before, or the correct += line sits after the batch loop "
            "(indented one level too little); add them up inside the loop, correct += "
            "(predictions == labels).sum().item()": right[4] / 5,
            "you returned the number of correct predictions, not the fraction: divide it by "
            "the number of examples, correct / total": sum(right),
            "you compared the largest logit VALUES with the labels (max(dim=1)[0] or .values); "
            "the predicted class is the index of the largest logit: torch.argmax(logits, "
            "dim=1) (or max(dim=1).indices)": 0.0,
            "you compared the predictions with 0 instead of the labels (labels changed, e.g. "
            "an argmax over labels of shape (B, 1)); compare with the labels as they are":
                sum(int(p == 0) for p in table) / 5,
            "you added up the predicted class indices (predictions.sum(): the number of "
            "class-1 predictions) without comparing them with the labels; count the right "
            "ones, (predictions == labels).sum()": sum(table) / 5,
            "you divided the number correct by the number of batches (3); divide by the number "
            "of examples (5)": sum(right) / 3,
            "your total is one short for every batch (2 for 5 examples in batches of 2, 2 "
            "and 1: len(labels) - 1, or a count that starts at 1 per batch?); add the number of "
            "examples in each batch, len(labels)": sum(right) / 2,
            "you counted features.numel() as the number of examples: that is examples times "
            "features (2 numbers per point, 10 in all); add up len(labels) (or "
            "features.shape[0]) of each batch": sum(right) / 10,
            "you added len(dataloader), the number of batches (3), for every batch: 9 in all; "
            "add the number of examples in each batch, len(labels)": sum(right) / 9,
            "you added len(dataloader.dataset), the size of the whole dataset (5), for every "
            "batch (inside the batch loop): 15 in all for 3 batches; add the number of "
            "examples in each batch, len(labels), or divide once after the loop":
                sum(right) / 15,
            "you counted every batch as 2 examples (6 in all): batch_size, or "
            "features.shape[1] (the number of features), is not the number of examples in a "
            "batch; the last batch holds only 1; add up len(labels) of each batch":
                sum(right) / 6,
            "you skipped the FIRST batch (a continue at i == 0, or a loop over a slice from "
            "1): score every batch the loader yields, from the first":
                sum(right[2:]) / 3,
            "you skipped the last batch because it is shorter than batch_size (1 example, "
            "not 2): score every batch the loader yields": sum(right[:4]) / 4,
            _LAST_OR_FLOOR[0]: sum(right) // 5,
            _LAST_OR_FLOOR[1]: right[4] / 1,
            "that is the mean of the per-batch accuracies, which gives the short last batch as "
            "much weight as a full one; count correct predictions over all batches and divide "
            "once by the number of examples":
                (sum(right[0:2]) / 2 + sum(right[2:4]) / 2 + right[4]) / 3,
            "the model was still in training mode (dropout would be active): call model.eval() "
            "before scoring": (5 - sum(right)) / 5,
            "you multiplied each batch's accuracy by dataloader.batch_size (2), but the last "
            "batch holds only 1 example: add up (predictions == labels).sum() of each batch":
                (sum(right[:4]) + 2 * right[4]) / 5,
            _NO_LAST: sum(y == 0 for y in labels) / 5,  # confirmed on 3 classes, below
            "you compared one logit with 0 (a threshold); this model's logits are all negative, "
            "so class 1 is never picked: take torch.argmax(logits, dim=1)":
                sum(y == 0 for y in labels) / 5,
            _SAME_CLASS + ", the last one (class 1 here), "
            "whatever the model says: your predictions do not follow the model's logits "
            "(the argmax of sorted logits, whose first result logits.sort(dim=1) gives is the "
            "sorted VALUES, is always the last class; so is a test that always holds, such as "
            "logits[:, 1] < 0 here); take torch.argmax(logits, dim=1) of the logits as the "
            "model gives them": sum(y == 1 for y in labels) / 5,
            "your counts carry over from earlier calls (globals or default arguments): start "
            "correct and total at 0 inside the function": so_far[0] / so_far[1],
            "you compared predictions of shape (B,) with labels of shape (B, 1) (or the other "
            "way round), which broadcasts to a B x B table of comparisons; compare two tensors "
            "of shape (B,)": sum(int(p == y) for k in (0, 2, 4) for p in table[k:k + 2]
                                 for y in labels[k:k + 2]) / 5,
        }
        for dtype in (torch.float16, torch.bfloat16):
            name = str(dtype).replace("torch.", "")
            replays[f"your fraction was computed in {name} (a .half() or .to(torch.{name}) of "
                    "the comparisons before .mean(), or of the count before the division): "
                    f"{name} keeps about {3 if dtype == torch.float16 else 2} significant "
                    "digits, so 3/5 comes out as "
                    f"{torch.tensor(0.6, dtype=dtype).item()!r}; count in a Python int, "
                    "(predictions == labels).sum().item(), and divide two ints, correct / "
                    "total"] = torch.tensor(right, dtype=dtype).mean().item()
        per_class = {c: [p == y for p, y in zip(table, labels) if y == c] for c in set(labels)}
        replays["you averaged the accuracy of each class (balanced accuracy: a model that "
                "always predicts class 0 gets (3/3 + 0/2) / 2 = 0.5, not 3/5); the accuracy "
                "counts every example once: correct predictions over all examples"] = sum(
            sum(hits) / len(hits) for hits in per_class.values()) / len(per_class)
        replays["you scored only class 1: the right class-1 predictions over the examples "
                "labelled 1 (the recall of class 1; a model that always predicts class 0 gets "
                "0.0, not 3/5); the accuracy counts every right prediction, of any class: add "
                "up (predictions == labels).sum() and len(labels) over the batches, then "
                "divide"] = sum(
            int(p == y == 1) for p, y in zip(table, labels)) / sum(y == 1 for y in labels)
        replays.update(_accuracy_replays(table))
        for cause, value in replays.items():
            mistakes.setdefault(cause, []).append(value)
    mistakes.setdefault(
        "your score is 1.0 for all four models, even the one that gets no point right: your "
        "code counts every example as right whatever the model predicts (the label looked up "
        "among the k largest logits, torch.topk with k as large as the number of classes, or a "
        "comparison that is always true); count only the predictions equal to the label, "
        "(torch.argmax(logits, dim=1) == labels).sum()", [1.0] * len(cases))
    # judged on all four models together: one model alone can leave two mistakes tied
    if not in_train:  # every forward pass ran in eval mode: the inverted scores mean `!=`
        mistakes["you counted the wrong predictions (predictions != labels), which gives 1 "
                 "minus the accuracy (the model did run in eval mode); count the right ones, "
                 "(predictions == labels).sum()"] = mistakes.pop(
            "the model was still in training mode (dropout would be active): call model.eval() "
            "before scoring")
    cause = likely_cause(got_all, mistakes, atol=1e-6,
                         confirm=lambda cause: _over_batch_confirmed(impl, cause) and (
                             not cause.startswith(_SAME_CLASS) or _last_class_confirmed(impl))
                         and (cause != _NO_CLASS0 or _class0_skipped_confirmed(impl))
                         and (cause != _NO_LAST or _last_class_skipped_confirmed(impl)))
    _fresh_scores_right(impl, cases, labels, got_all, expected_all, cause)
    slip = ""  # a second slip that rescales every score, found when undoing it fits a known one
    for factor, what in _SCORE_SCALINGS if cause is None else ():
        undone = [g * factor for g in got_all]  # must be counts over the 5 examples
        if any(abs(u * 5 - round(u * 5)) > 1e-6 for u in undone):
            continue
        cause = likely_cause(undone, mistakes, atol=1e-6)
        if cause is not None and not cause.startswith(("you returned a percentage",
                                                       _SAME_CLASS)):
            slip = f"two slips at once: {what}; undo that and your scores match another mistake: "
            break
        cause = None
    if cause is not None and cause.startswith("you compared the largest logit VALUES"):
        cause = _features_argmax_cause(impl) or _true_logit_cause(impl) or cause
    if cause is not None and cause.startswith("you returned the number of correct"):
        cause = _count_or_last_total(impl) or cause
    if cause is not None and cause.startswith("you counted the wrong predictions"):
        cause = _argmin_or_not_equal(impl) or _error_rate_how(impl) or cause
    if cause is not None and cause.startswith(("you used integer division", "only the LAST")):
        cause = _floor_or_last_batch(impl, cause)
    if cause is not None and cause.startswith("you divided the number correct by the number of "
                                              "batches"):
        cause = _batches_or_last_batch(impl) or cause
    if cause is not None and cause.startswith("the model was still in training mode"):
        cause = _training_mode_cause(impl) or cause
    if cause is not None and cause.startswith("your total is one short for every batch"):
        cause = _one_short_or_label_sum(impl) or cause
    if cause is not None and cause.startswith("your total adds the number of DISTINCT"):
        cause = _one_short_or_label_sum(impl, distinct=True) or cause
    if cause is not None and cause.startswith("torch.argmax(logits) without dim="):
        cause = _first_row_or_flat(impl) or cause
    if cause is not None and cause.startswith("you multiplied each batch's accuracy by") \
            and _last_batch_again(impl):
        cause = _LAST_BATCH_TWICE
    if cause is not None and cause.startswith("you counted every batch as 2 examples"):
        cause = _batch_size_or_features(impl) or cause
    if cause is not None and cause.startswith("you counted features.numel()"):
        cause = _features_or_logits_numel(impl) or cause
    if cause is not None and cause.startswith("you took the softmax over dim=0") and \
            "softmax" not in _names_read(impl):
        cause = ("you took the argmax over dim=0 (the examples of the batch; dim=-2 is the "
                 "same for 2-D logits), which gives one index per class; the predicted class "
                 "is torch.argmax(logits, dim=1)")
    if cause is not None and cause.startswith("only the first batch was scored"):
        names = _names_read(impl)
        if _return_in_loop(impl):
            cause = ("only the first batch was scored: your return statement sits inside the "
                     "batch loop (indented one level too deep), so the function ends after "
                     "one batch; return after the loop")
        elif "next" in names and "iter" in names:
            cause = ("only the first batch was scored: next(iter(dataloader)) takes one "
                     "batch; loop over every batch, for features, labels in dataloader")
    cause = slip + cause if cause is not None else None
    position = _batch_position_note(got_all, expected_all, [t for t, _ in cases], labels)
    for (table, what), got, expected in zip(cases, got_all, expected_all):
        if not abs(got - expected) < 1e-6 and cause is None:
            cause = _features_argmax_cause(impl) or _random_score_cause(impl)
        if not abs(got - expected) < 1e-6:  # written so that NaN fails too
            raise CheckFailure(
                f"a model that {what} on the 5 toy points (batches of 2, 2, 1) scored "
                + (f"{got:.3f}, expected {expected:.3f}: " if f"{got:.3f}" != f"{expected:.3f}"
                   else f"{got!r}, expected {expected!r}: ")
                + (cause or _score_ratio(got_all, expected_all)
                   + position + _batching_note(impl, table, expected)
                   + _fraction_note(got_all, expected_all, [t for t, _ in cases], labels)
                   + _class_count_note(got_all, expected_all, [t for t, _ in cases], labels)
                   + (
                       "a score above 1 means more correct predictions than "
                             "examples divided by: the count and the total do not cover the "
                       "same examples; " if got > 1 else "")
                   + ("your score is the same for all four models, though they predict "
                      "differently: what you count does not depend on the model's output "
                      "(predictions made from something else, or compared with something "
                      "fixed?); ", "")[len({round(g, 6) for g in got_all}) > 1]
                   + "no usual mistake gives your scores "
                   f"{[round(g, 3) for g in got_all]} for the four models (expected "
                   f"{[round(e, 3) for e in expected_all]}; they predict "
                   f"{[table for table, _ in cases]} for the labels {labels}; your score is "
                   "right for " + (" and ".join("the model that " + w for (_, w), g, e in zip(
                       cases, got_all, expected_all) if abs(g - e) < 1e-6) or "none of them")
                   + "). The predicted class is "
                   "torch.argmax(logits, dim=1), the class dimension (dim=0 runs over the "
                   "examples of the batch); count (predictions == labels).sum() over all "
                   "batches and divide by the number of examples, in model.eval() mode"))
    if root_in_train and not in_train:
        raise CheckFailure("the scores are right, but the model itself ran in training mode "
                           "(model.training was True at its forward passes) while its layers "
                           "were in eval mode: your code switches the submodules only (eval() "
                           "on each of model.children() or model.modules() but the first?); a "
                           "model whose forward reads self.training, such as F.dropout(x, p, "
                           "self.training), would still drop: call model.eval() on the model "
                           "itself")
    if direct:
        raise CheckFailure("the scores are right, but the model's forward method ran without "
                           "its hooks: your code calls model.forward(features) directly, "
                           "which skips every hook registered on the model (weight norm, "
                           "spectral norm, pruning and DDP hooks, or a caller's own); call the "
                           "model itself, model(features)")
    return {"with_grad": with_grad, "froze": froze, "unfroze": unfroze, "wiped": wiped}


_SAME_CLASS = "every example got the same predicted class"


_NO_CLASS0 = ("class 0 is never predicted: your predictions skip the first logit (an argmax "
              "over logits[:, 1:], plus 1, as if class 0 were a 'background' class; with 2 "
              "classes every prediction is then class 1); every class counts, class 0 too: "
              "torch.argmax(logits, dim=1)")


_NO_LAST = ("the last class is never predicted: your argmax runs over logits[:, :-1] (a slice "
            "one short, as if the last column were not a class; with 2 classes every "
            "prediction is then class 0); every class counts, the last one too: "
            "torch.argmax(logits, dim=1)")


def _last_class_skipped_confirmed(impl):
    """Whether the answer scores a 3-class Linear model on 5 points (predictions [0, 1, 2, 2,
    2], 4 of 5 right) as an argmax over logits[:, :-1] does ([0, 1, 1, 1, 1]: 0.6), not as a
    threshold on the second logit ([0, 1, 0, 0, 0]: 0.4) or the first class alone (0.2)."""
    X = torch.tensor([[2.0, 0.0], [0.0, 2.0], [-2.0, 0.0], [-2.0, -0.5], [-2.0, 0.0]])
    model = torch.nn.Linear(2, 3)
    with torch.no_grad():
        model.weight.copy_(torch.tensor([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]]))
        model.bias.zero_()
    y = torch.tensor([0, 1, 2, 1, 2])
    loader = DataLoader(TensorDataset(X, y), batch_size=2)
    with torch.no_grad():
        replay = float((model(X)[:, :-1].argmax(1) == y).float().mean())
    try:
        return abs(float(impl(model, loader)) - replay) < 1e-6
    except Exception:  # noqa: BLE001 - a crash is no evidence
        return False


def _features_argmax_cause(impl):
    """Whether the answer's predictions are the argmax of the FEATURES (logits mistyped as
    features: in the toy data both have 2 columns): 6 points of 3 features whose argmax is
    each point's label, and a model whose argmax is never the label (a right answer scores 0,
    predictions from the features score 1)."""
    y = torch.tensor([0, 1, 2, 1, 0, 2])
    X = torch.nn.functional.one_hot(y, 3).float() * 2 - 1
    model = torch.nn.Linear(3, 3)
    with torch.no_grad():
        model.weight.copy_(-torch.eye(3))
        model.bias.zero_()
    try:
        got = impl(model, DataLoader(TensorDataset(X, y), batch_size=4))
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return None
    if not (isinstance(got, (int, float)) and abs(got - 1.0) < 1e-6):
        return None
    return ("your predictions are the argmax of the FEATURES, not of the model's logits (on 6 "
            "points whose largest feature is their label, a model that gets every point wrong "
            "scored 1.0 with your code; torch.argmax(features, dim=1) where "
            "torch.argmax(model(features), dim=1) belongs?): predict from the logits, "
            "predictions = torch.argmax(logits, dim=1) with logits = model(features)")


def _four_class_setup():
    """A 4-class Linear model on 6 points (labels [3, 0, 3, 1, 2, 3]; it gets 1 right), its
    points and labels and a loader in batches of 4."""
    g = torch.Generator().manual_seed(5)
    X = torch.randn(6, 2, generator=g)
    model = torch.nn.Linear(2, 4)
    with torch.no_grad():
        model.weight.copy_(torch.randn(4, 2, generator=g))
        model.bias.zero_()
    y = torch.tensor([3, 0, 3, 1, 2, 3])
    return model, X, y, DataLoader(TensorDataset(X, y), batch_size=4)


def _last_class_confirmed(impl):
    """Whether the answer scores the 4-class model of _four_class_setup as if every prediction
    were the last class (3 right)."""
    model, _, _, loader = _four_class_setup()
    try:
        return abs(float(impl(model, loader)) - 0.5) < 1e-6
    except Exception:  # noqa: BLE001 - a crash is no evidence
        return False


def _class0_skipped_confirmed(impl):
    """Whether the answer scores a 3-class Linear model on 4 points (predictions [0, 1, 2, 0],
    all right) as an argmax over logits[:, 1:] plus 1 does (predictions [1, 1, 2, 2]: 0.5),
    not as the last class alone would ([2, 2, 2, 2]: 0.25)."""
    X = torch.tensor([[2.0, 0.0], [0.0, 2.0], [-2.0, 0.0], [1.0, -2.0]])
    model = torch.nn.Linear(2, 3)
    with torch.no_grad():
        model.weight.copy_(torch.tensor([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]]))
        model.bias.zero_()
    y = torch.tensor([0, 1, 2, 0])
    loader = DataLoader(TensorDataset(X, y), batch_size=3)
    with torch.no_grad():
        replay = float(((model(X)[:, 1:].argmax(1) + 1) == y).float().mean())
    try:
        return abs(float(impl(model, loader)) - replay) < 1e-6
    except Exception:  # noqa: BLE001 - a crash is no evidence
        return False


def _over_batch_confirmed(impl, cause):
    """For a softmax or argmax over dim=0 (the batch), or labels compared in reverse order,
    whether the answer scores like that mistake on a second configuration too: 12 random points
    of 4 features, 3 classes, batches of 3 (as many examples as classes, so that both dim=0
    mistakes run). On the toy batches of 2 other slips that shift each class's logits by a
    per-batch amount (logits centred over the batch) score the same, and so do labels rolled
    by one (a batch of 2 reversed is also rolled). Any other cause is kept as it is."""
    over_batch = {"you took the softmax over dim=0": lambda out: out.softmax(0).argmax(1),
                  "you took the argmax over dim=0": lambda out: out.argmax(0)}
    reverse = cause.startswith("you compared the predictions with the batch's labels in REVERSE")
    predict = next((f for key, f in over_batch.items() if cause.startswith(key)), None)
    if predict is None and not reverse:
        return True
    gen = torch.Generator().manual_seed(44)  # the two mistakes, the centring and the right
    # argmax score 4, 3, 5 and 8 of 12 here
    X, y = torch.randn(12, 4, generator=gen), torch.randint(0, 3, (12,), generator=gen)
    model = torch.nn.Linear(4, 3)
    with torch.no_grad():
        model.weight.copy_(torch.randn(3, 4, generator=gen) * 2)
        model.bias.copy_(torch.randn(3, generator=gen))
    loader = DataLoader(TensorDataset(X, y), batch_size=3)
    with torch.no_grad():
        replays = ([sum(int((model(x).argmax(1) == t.flip(0)).sum()) for x, t in loader) / 12]
                   if reverse else
                   [sum(int((f(model(x)) == t).sum()) for x, t in loader) / 12
                    for f in over_batch.values()])
    got = impl(model, loader)
    return isinstance(got, (int, float)) and any(abs(got - r) < 1e-9 for r in replays)


def _check_drop_last(impl):
    # a loader that drops its last, short batch: 4 of the 5 points are scored
    got = impl(_Fixed([0, 0, 0, 1, 1]), _toy_loader(batch_size=2, drop_last=True))
    if isinstance(got, (int, float)) and abs(got - 0.8) < 1e-6:
        which = _dataset_or_sampler(impl) or ("the size of the whole dataset "
                                              "(len(dataloader.dataset) or .sampler)")
        raise CheckFailure("with drop_last=True the loader yields 4 of the 5 points, all "
                           f"right, yet you scored 0.8: you divided by {which}, which counts "
                           "the examples of the dropped last batch too; count the examples "
                           "the loader gives, len(labels) per batch")
    if isinstance(got, (int, float)) and abs(got - 1.0) < 1e-6:
        # the dropped point predicted right, one kept point wrong: 3 of the 4 loaded
        got = impl(_Fixed([0, 0, 0, 0, 1]), _toy_loader(batch_size=2, drop_last=True))
        if isinstance(got, (int, float)) and abs(got - 0.8) < 1e-6:
            raise CheckFailure("with drop_last=True the loader yields 4 of the 5 points (3 of "
                               "them predicted right) and you scored 0.8 = 4 / 5: you scored "
                               "every example of dataloader.dataset, the dropped 5th (right) "
                               "too, not the batches the loader yields; loop for features, "
                               "labels in dataloader")
        if not (isinstance(got, (int, float)) and abs(got - 0.75) < 1e-6):
            raise CheckFailure(f"with drop_last=True (4 of the 5 points, 3 of them predicted "
                               f"right) you scored {got!r}, expected 0.75: "
                               + (_LAST_BATCH_TWICE + " (here (3 + 1) / 4 = 1.0"
                                  + (", and with every point right, (4 + 2) / 4, your score "
                                     "stopped at 1.0 too: a min(..., 1.0) that hides the "
                                     "double count?)" if got == 1.0 else ")")
                                  if _last_batch_again(impl) else
                                  "count the examples the loader gives"))
    elif not (isinstance(got, (int, float)) and abs(got - 1.0) < 1e-6):
        raise CheckFailure(f"with drop_last=True (4 of the 5 points, all predicted right) you "
                           f"scored {got!r}, expected 1.0: count the examples the loader gives")


def _check_many_points(impl):
    """300 points in batches of 128, 128 and 44, 290 of them predicted right: a count that
    only fits small loaders (8 bits wrap around at 256) shows here; then 33,000 points in one
    batch, for a count in 16 bits or a half-precision float."""
    model = torch.nn.Linear(2, 2)
    with torch.no_grad():
        model.weight.zero_()
        model.bias.copy_(torch.tensor([0.0, 1.0]))  # class 1 for every point
    labels = torch.ones(300, dtype=torch.int64)
    labels[::30] = 0  # 10 points of class 0, predicted wrong
    loader = DataLoader(TensorDataset(torch.randn(300, 2, generator=torch.Generator()
                                                  .manual_seed(8)), labels), batch_size=128)
    got = call_answer(impl, (model, loader), "compute_accuracy(a model that predicts class 1, "
                      "300 points in batches of 128, 128 and 44)")
    if isinstance(got, (int, float)) and abs(got - 290 / 300) < 1e-6:
        _check_16_bit_count(impl, model)
        return
    what = (f"for 300 points in batches of 128, 128 and 44, 290 of them predicted right, you "
            f"scored {got!r}, expected {290 / 300:.5f} = 290 / 300")
    counted = got * 300 if isinstance(got, (int, float)) else None
    places = next((k for k in range(5) if counted is not None and got == round(290 / 300, k)),
                  None)
    if places is not None:
        raise CheckFailure(f"{what}: your score is 290 / 300 rounded to {places} decimal"
                           f"{'s' if places != 1 else ''} (round(..., {places})); return the "
                           "exact fraction, correct / total")
    if counted is not None and abs(counted - 34) < 1e-6:
        raise CheckFailure(f"{what}: you counted 34 = 290 - 256 right predictions, so 256 went "
                           "missing: your count wrapped around at 256, as an 8-bit integer "
                           "does (a torch.uint8 or int8 counter, or .byte() of a sum); smaller "
                           "loaders fit in 8 bits and hide it. Count in a Python int: correct "
                           "+= (predictions == labels).sum().item()")
    raise CheckFailure(f"{what}" + (f": that is {counted:.6g} right predictions where 290 are "
                                    "right; every smaller test loader scored right, so look "
                                    "for what grows with the number of points or batches (a "
                                    "counter's dtype, a batch size taken as fixed)"
                                    if counted is not None else ""))


def _check_16_bit_count(impl, model):
    """33,000 points in one batch, 32,990 of them right (``model`` predicts class 1): a count
    kept in 16 bits wraps around past 32,767."""
    n, right = 33_000, 32_990
    labels = torch.ones(n, dtype=torch.int64)
    labels[::3_300] = 0  # 10 points of class 0, predicted wrong
    loader = DataLoader(TensorDataset(torch.zeros(n, 2), labels), batch_size=n)
    got = call_answer(impl, (model, loader), "compute_accuracy(a model that predicts class 1, "
                      "33,000 points in one batch)")
    if isinstance(got, (int, float)) and abs(got - right / n) < 1e-9:
        return
    counted = got * n if isinstance(got, (int, float)) else None
    what = (f"for 33,000 points in one batch, {right:,} of them predicted right, you scored "
            f"{got!r}, expected {right / n:.6f} = {right:,} / {n:,}")
    if counted is not None and abs(counted - (right - 2**16)) < 1e-3:
        raise CheckFailure(f"{what}: you counted {counted:.0f} right predictions, {right:,} "
                           "minus 65,536: your count wrapped around past 32,767, as a 16-bit "
                           "integer does (torch.int16 or .short(), or sum(dtype=torch.int16)); "
                           "the loaders of 300 points fit in 16 bits and hide it. Count in a "
                           "Python int: correct += (predictions == labels).sum().item()")
    for dtype in (torch.float16, torch.bfloat16):
        rounded = float(torch.tensor(float(right), dtype=dtype))
        if counted is not None and abs(counted - rounded) < 1e-3:
            name = str(dtype).replace("torch.", "")
            gap = 32 if dtype == torch.float16 else 256  # the spacing from 32,768 to 65,536
            raise CheckFailure(f"{what}: you counted {rounded:.0f} right predictions, {right:,} "
                               f"rounded to the nearest {name} number (near 33,000 {name} "
                               f"numbers lie {gap} apart): your count is kept in {name} (a "
                               f".half() or {name} sum, or a {name} counter); whole numbers past "
                               f"{2048 if dtype == torch.float16 else 256} are not all "
                               "exact there. Count in a Python int: correct += (predictions == "
                               "labels).sum().item()")
    raise CheckFailure(f"{what}" + (f": that is {counted:.6g} right predictions where {right:,} "
                                    f"are right ({counted - right:+.6g}); 300 points scored "
                                    "right, so look for what grows with the number of points "
                                    "in one batch (a counter's dtype, a batch size taken as "
                                    "fixed)" if counted is not None else ""))


_LAST_BATCH_TWICE = (
    "the right predictions of the LAST batch were counted twice, the total was not (a line "
    "after the loop that adds (predictions == labels).sum() once more, for the last batch's "
    "predictions and labels still in scope?; in batches of 3 and 2 a model with 2 and 1 right "
    "scores (3 + 1) / 5 = 0.8 with your code): count each batch once, inside the loop")


def _last_batch_again(impl):
    """Whether ``impl`` scores a model with 2 of 3 and 1 of 2 right, in batches of 3 and 2,
    as (3 + 1) / 5: the last batch's right predictions added a second time."""
    try:
        got = impl(_Fixed([0, 0, 1, 0, 1]), _toy_loader(batch_size=3))
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return False
    return isinstance(got, (int, float)) and abs(got - 0.8) < 1e-6


def _check_odd_scores(impl):
    # 2 of 3 points right: 0.666..., which a rounded answer misses
    from torch.utils.data import Subset

    X_train, y_train, _, _ = make_toy_data()
    three = DataLoader(Subset(ToyDataset(X_train, y_train), [0, 1, 3]), batch_size=2)
    got = impl(_Fixed([0, 1, 0, 1, 0]), three)
    if isinstance(got, (int, float)) and not abs(got - 2 / 3) < 1e-6:
        hint = ("you rounded the result; return the exact fraction correct / total"
                if any(abs(got - round(2 / 3, d)) < 1e-9 for d in range(1, 5))
                else "count the correct predictions and divide by the number of examples")
        raise CheckFailure(f"a model that gets 2 of 3 points right scored {got!r}, expected "
                           f"0.666...: {hint}")
    # three classes: a rule that decides between classes 0 and 1 only misses class 2
    got = impl(_Fixed3([2, 0, 2, 1, 1]), _toy_loader(batch_size=2))
    if not (isinstance(got, (int, float)) and abs(got - 0.6) < 1e-6):
        hint = ("you decided between classes 0 and 1 only (a threshold on one probability or "
                "logit); with more classes take torch.argmax(logits, dim=1)"
                if isinstance(got, (int, float)) and abs(got - 1.0) < 1e-6
                else _one_hot_entries_cause(impl, got)
                or "the 2-class models above scored right and this 3-class one does not: "
                "look for anything that assumes two classes (a fixed 2, logits[:, 1], one "
                "column compared with another); the predicted class is torch.argmax(logits, "
                "dim=1)")
        raise CheckFailure(f"a 3-class model that predicts [2, 0, 2, 1, 1] for the labels "
                           f"[0, 0, 0, 1, 1] scored {got!r}, expected 0.6: {hint}")
    # large logits: a sigmoid (or another squashing) rounds 30 and 31 alike to 1.0
    got = impl(_Large([0, 0, 0, 1, 1]), _toy_loader(batch_size=2))
    if not (isinstance(got, (int, float)) and abs(got - 1.0) < 1e-6):
        tie = isinstance(got, (int, float)) and abs(got - 0.6) < 1e-6
        raise CheckFailure(
            f"a model that gets every point right, with logits 30 and 31 for each point, scored "
            f"{got!r}, expected 1.0: "
            + ("that is what argmax gives when the two logits tie (it picks class 0), though "
               "30 and 31 differ in every float type: something between the logits and the "
               "argmax flattens large values (a sigmoid is exactly 1.0 in float32 above about "
               "17; so is a clamp or a tanh); take torch.argmax of the raw logits, dim=1"
               if tie else
               "the same predictions with logits -3 and -2 scored right, so your code treats "
               "large logits differently; take torch.argmax of the raw logits, dim=1"))
    # logits close together: an argmax after rounding them (float16) finds ties
    got = impl(_Close([0, 0, 0, 1, 1]), _toy_loader(batch_size=2))
    if not (isinstance(got, (int, float)) and abs(got - 1.0) < 1e-6):
        hint = ("that is what argmax gives when each point's two logits are equal (argmax "
                "then picks the first, class 0): your code rounds the logits before the argmax "
                "(.half() or bfloat16 keep about 3 significant digits, .int() or torch.round "
                "none; so does a forward pass under torch.autocast, whose matrix products "
                "return bfloat16 or float16), so close logits tie; take torch.argmax of the "
                "logits as the model returns them"
                if isinstance(got, (int, float)) and abs(got - 0.6) < 1e-6 else
                "the models above, whose logits differ by 1, scored right; this one differs "
                "only in how close its two logits are: look for anything that rounds or "
                "compares the logits with a tolerance; take torch.argmax(logits, dim=1)")
        raise CheckFailure(f"a model whose two logits per point differ by only 0.0005 (2.0 and "
                           f"2.0005, the larger one always the right class) scored {got!r} on "
                           f"the 5 toy points, expected 1.0: {hint}")
    # a float64 model's logits 1e-9 apart: equal once cast to float32 (.float() "to be safe")
    got = impl(_Close64([0, 0, 0, 1, 1]), _toy_loader(batch_size=2))
    if not (isinstance(got, (int, float)) and abs(got - 1.0) < 1e-6):
        raise CheckFailure(
            "a float64 model whose two logits per point differ by only 1e-9 (1.0 and "
            f"1.000000001, the larger one always the right class) scored {got!r} on the 5 toy "
            "points, expected 1.0 (its float32 twin, 0.0005 apart, scored right): "
            + ("that is what argmax gives when the two logits tie (it picks class 0): your "
               "code casts the logits (or the model) to float32 before the argmax (.float(), "
               ".to(torch.float32)), which keeps about 7 significant digits, so float64 logits "
               "this close become equal; take the argmax of the logits in the model's own "
               "dtype" if isinstance(got, (int, float)) and abs(got - 0.6) < 1e-6 else
               "look for anything that assumes float32 logits (a cast, a tolerance); take "
               "torch.argmax(logits, dim=1) of the logits as the model returns them"))


def _one_hot_entries_cause(impl, got):
    """The hint for matching entries of one-hot predictions and labels counted (divided by the
    number of classes, or their mean taken): right with 2 classes, as a wrong prediction
    matches in the C - 2 classes it neither predicts nor holds. Confirmed by a second 3-class
    model (1 of 5 right); None without that evidence."""
    def entries(right, n=5, c=3):  # (right * c + wrong * (c - 2)) / c per example
        return (right * c + (n - right) * (c - 2)) / (c * n)

    if not (isinstance(got, (int, float)) and abs(got - entries(3)) < 1e-6):
        return None
    try:
        again = impl(_Fixed3([1, 2, 0, 2, 0]), _toy_loader(batch_size=2))
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return None
    if not (isinstance(again, (int, float)) and abs(again - entries(1)) < 1e-6):
        return None
    return (f"your score is the share of matching entries between one-hot predictions and "
            f"one-hot labels ({got:.4f} = (3 right x 3 classes + 2 wrong x 1) / 15 matching "
            f"entries; {again:.4f} for a second 3-class model with 1 of 5 right): a wrong "
            "prediction still matches in every class it neither predicts nor holds (C - 2 of "
            "them), which only with 2 classes is none; count whole examples, (predictions == "
            "labels).sum() over the class indices (or .all(dim=1) of the one-hot rows)")


def _check_grad_mode(impl, with_grad=False, froze=False, unfroze=False, wiped=False):
    with torch.no_grad():  # the caller scores inside its own no_grad block
        impl(_Fixed([0, 0, 0, 1, 1]), _toy_loader(batch_size=2))
        switched_on = torch.is_grad_enabled()
    if switched_on:
        raise CheckFailure("the scores are right, but called inside the caller's `with "
                           "torch.no_grad():` block, compute_accuracy came back with gradients "
                           "switched ON: your code sets the grad mode by hand "
                           "(torch.set_grad_enabled(True) at the end?) instead of giving back "
                           "the mode it found; a `with torch.no_grad():` block around the loop "
                           "restores it by itself")
    if froze:
        raise CheckFailure("the accuracies are right, but the caller's model came back frozen "
                           "(its parameters' requires_grad switched off: "
                           "model.requires_grad_(False)?), so a later training step would "
                           "learn nothing; leave the parameters as they are and turn off "
                           "gradients for the scoring only, `with torch.no_grad():`")
    if unfroze:
        raise CheckFailure("the accuracies are right, but a parameter the caller had frozen "
                           "(requires_grad False) came back trainable: your code switches "
                           "requires_grad on at the end (model.requires_grad_(True) to undo a "
                           "requires_grad_(False)?), which unfreezes every layer the caller "
                           "froze; leave requires_grad alone and turn off gradients for the "
                           "scoring only, `with torch.no_grad():`")
    if with_grad:
        named = ("your code has a `with torch.no_grad():` block, but the forward passes ran "
                 "outside it (a block that ends before the scoring loop, around model.eval() "
                 "alone?): only the lines indented under the with run without gradients; "
                 if _with_no_grad(impl) else
                 "your code calls torch.no_grad() but not as a with-block: on a line of its "
                 "own it makes a context that is never entered and changes nothing; "
                 if "no_grad" in _names_read(impl) else "")
        raise CheckFailure("the accuracies are right, but the model ran with gradients enabled: "
                           f"{named}wrap the loop in torch.no_grad(), `with torch.no_grad():` "
                           "(scoring needs no gradients, and they cost memory)")
    if wiped:
        raise CheckFailure("the accuracies are right, but the gradients the caller's model "
                           "held (its parameters' .grad) were gone or changed afterwards: your "
                           "code clears them (model.zero_grad() or optimizer.zero_grad() 'to "
                           "be safe'?), which throws away a caller's accumulated "
                           "gradients; scoring needs no gradient work at all: model.eval() "
                           "and `with torch.no_grad():` only")


def _check_other_width(impl):
    """7 points of 3 features in batches of 3, 3 and 1, scored by a Linear(3, 4) model (5 of 7
    right): an answer that fixes the toy data's 2 features (a view(-1, 2)) fails here only;
    once it scores right, the same model and points in float64 (_check_float64)."""
    gen = torch.Generator().manual_seed(5)
    X = torch.randn(7, 3, generator=gen)
    model = torch.nn.Linear(3, 4)
    with torch.no_grad():
        model.weight.copy_(torch.randn(4, 3, generator=gen))
        model.bias.zero_()
        y = model(X).argmax(dim=1)
    y[[1, 5]] = (y[[1, 5]] + 1) % 4  # two points wrong: 5 of 7 right
    dataset = TensorDataset(X, y)
    where = ("compute_accuracy(a Linear(3, 4) model, 7 points of 3 features in batches of 3, 3 "
             "and 1)")
    try:
        got = impl(model, DataLoader(dataset, batch_size=3))
    except NotImplementedError:
        raise
    except Exception as err:  # noqa: BLE001 - explained when the sizes tell why
        cause = _reshape_cause(err, dataset, {"batch_size": 3})
        if cause is None:
            raise
        raise CheckFailure(f"{where}: your code raised {type(err).__name__}: {err}. "
                           f"{cause}") from err
    if isinstance(got, (int, float)) and abs(got - 5 / 7) < 1e-6:
        _check_float64(impl, model, X, y)
        return
    with torch.no_grad():
        probas = model(X).softmax(dim=1)
    unsure = int((probas.max(dim=1).values < 0.5).sum())
    rounded = float((probas.round().argmax(dim=1) == y).sum()) / 7
    if isinstance(got, (int, float)) and abs(got - rounded) < 1e-6:
        raise CheckFailure(
            f"{where} scored {got!r}, expected 5/7 = 0.714; the toy models above, whose "
            f"largest probability is always above 0.5, scored right, but here {unsure} of "
            f"the 7 points have no class above 0.5, and your score is what rounding the "
            "probabilities gives (torch.round(probas), or probas > 0.5, turns every class "
            "of such a point to 0, and argmax of all zeros says class 0): take the argmax "
            "of the logits or probabilities themselves, torch.argmax(logits, dim=1)")
    raise CheckFailure(
        f"{where} scored {got!r}, expected 5/7 = 0.714. The toy models above (2 features, "
        "2 or 3 classes, batches of 2, the largest probability always above 0.5) scored "
        f"right; this one differs in its 3 features, 4 classes, batches of 3, and {unsure} "
        "of its 7 points have no class above probability 0.5: look for a size fixed to the "
        "toy data's (a 2 in a view or reshape, logits[:, :2], a batch size of 2) or a rule "
        "that needs one clear winner (a threshold on the probabilities)")


def _check_float64(impl, model, X, y):
    """The same model and points in float64: the features reach the model as the loader gives
    them (a pre-hook notes their dtype), so a cast to float32 (.float()) shows."""
    model = copy.deepcopy(model).double()
    with torch.no_grad():
        expected = float((model(X.double()).argmax(dim=1) == y).sum()) / len(y)
    seen = []
    model.register_forward_pre_hook(lambda module, args: seen.append(args[0].dtype))
    where = ("compute_accuracy(the same Linear(3, 4) model in float64, its 7 points in "
             "float64)")
    try:
        got = impl(model, DataLoader(TensorDataset(X.double(), y), batch_size=3))
        said = f"scored {got!r}, expected {expected:.3f}"
    except NotImplementedError:
        raise
    except Exception as err:  # noqa: BLE001 - explained below from the dtypes the model got
        got, said = None, f"raised {type(err).__name__}: {err}"
    if isinstance(got, (int, float)) and abs(got - expected) < 1e-6:
        return
    cast = next((d for d in seen if d != torch.float64), None)
    raise CheckFailure(
        f"{where} {said}. The float32 model scored right; "
        + (f"this one was given {cast} features though the loader yields float64: your code "
           "casts the features before the forward pass (.float(), .to(torch.float32)), and a "
           "float64 model refuses them (or scores other inputs); pass the features as the "
           "loader gives them, model(features)" if cast is not None else
           "look for anything that assumes float32 (a cast of the logits or the features)"))


def _check_rng_untouched(impl):
    """Scoring leaves the caller's random state going on from where it was: the numbers drawn
    after the call differ between two caller seeds unless the answer seeds it itself."""
    def after_call():
        impl(_Fixed([0, 0, 0, 1, 1]), _toy_loader(batch_size=2))
        return torch.rand(4)

    if same_under_two_seeds(after_call, same=torch.equal):
        names = _names_read(impl)
        how = ("your code calls torch.manual_seed" if "manual_seed" in names else
               "your code resets the global random state (torch.manual_seed, "
               "torch.set_rng_state?)")
        raise CheckFailure("the scores are right, but after compute_accuracy torch.rand(4) gives "
                           "the same numbers whether the caller seeded 1 or 2 before the call: "
                           f"{how}, so the caller's later shuffling and dropout restart from a "
                           "fixed seed; scoring draws no random numbers, so remove the seed")


# --- exA_5: moving a model and a batch to a device ----------------------------------------------


def check_move_to_device(impl):
    available, set_device = torch.cuda.is_available, torch.cuda.set_device
    torch.cuda.is_available = lambda: False  # the same verdict with or without a GPU
    current = []  # every torch.cuda.set_device(...) call: noted, never run (no GPU needed)
    torch.cuda.set_device = lambda device, seen=current: seen.append(str(device))
    try:
        _check_move_to_device(impl)
    finally:
        torch.cuda.is_available, torch.cuda.set_device = available, set_device
    if current:
        raise CheckFailure(
            f"your code called torch.cuda.set_device({current[0]!r}) while moving (the check "
            "notes the call without running it): that switches the current GPU of the whole "
            "process, a global setting, so every later device='cuda' tensor and every .cuda() "
            "of the caller lands there too; moving needs only model.to(device) and "
            "t = t.to(device), which take the device's index from the device itself "
            "(set_device belongs once in a DDP process's setup, not in a helper)")


def _settings_kept(run):
    """``run`` with PyTorch's global settings checked and put back after it (or every later
    case and check runs on the device the answer chose)."""
    def case(impl):
        saved = torch_settings()
        try:
            run(impl)
        finally:
            changed = restore_torch_settings(saved)
            if changed:
                raise CheckFailure(f"{changed}. Only move the three objects you were given: "
                                   "model.to(device), t = t.to(device)")
    return case


def _check_move_to_device(impl):
    X_train, y_train, _, _ = make_toy_data()
    torch.manual_seed(123)
    expected_cpu = NeuralNetwork(2, 2)
    again = copy.deepcopy(expected_cpu)  # moved to the CPU, then to 'meta' in a later case
    check_cases(state_probed(impl, probe_first=False, cases=[(name, _settings_kept(run)) for
                                                             name, run in [
        ("to 'meta'", lambda impl: _check_meta_move(impl, X_train, y_train)),
        ("to the CPU", lambda impl: _check_cpu_move(impl, X_train, y_train, expected_cpu,
                                                     again)),
        ("edge cases", lambda impl: _check_move_edge_cases(impl, X_train, y_train)),
        ("train and eval mode", lambda impl: _check_mode_kept(impl, X_train, y_train)),
        ("a model moved to the CPU before, to 'meta'",
         lambda impl: _check_moved_again(impl, again, X_train, y_train)),
        ("tensors on 'cuda:0' to 'cpu'",
         lambda impl: _check_cpu_shortcut(impl, X_train, y_train)),
        ("'cuda' asked for on a machine without a GPU",
         lambda impl: _check_cuda_kept(impl, X_train, y_train)),
        ("tensors on 'cuda:1' to 'cuda:0'",
         lambda impl: _check_other_gpu(impl, X_train, y_train)),
        ("the second GPU, 'cuda:1'", lambda impl: _check_gpu_index(impl, X_train, y_train)),
    ]]))


def _cuda_to_cpu(asked):
    """A torch function mode that sends every move naming 'cuda' to the CPU and notes it in
    ``asked``; what a move returns comes back as a plain tensor (not an _Elsewhere stand-in)."""
    from torch.overrides import TorchFunctionMode

    def redirect(value):
        if isinstance(value, (str, torch.device)) and str(value).split(":")[0] == "cuda":
            asked.append(str(value))
            return torch.device("cpu")
        return value

    class ToCpu(TorchFunctionMode):
        def __torch_function__(self, func, types, args=(), kwargs=None):
            kwargs = {k: redirect(v) if k == "device" else v for k, v in (kwargs or {}).items()}
            name = getattr(func, "__name__", "")
            if name == "to":
                args = tuple(redirect(a) for a in args)
            if name == "cuda":  # tensor.cuda() or model.cuda(): the same move, noted
                asked.append("cuda")
                args = (args[0].to("cpu"),)
                out = args[0]
            else:
                out = func(*args, **kwargs)
            if name in ("to", "cuda", "as_tensor", "asarray") and isinstance(out, _Elsewhere):
                out = out.as_subclass(torch.Tensor)
            return out

    return ToCpu()


def _check_cuda_kept(impl, X_train, y_train):
    """Asked for 'cuda' where torch.cuda.is_available() is False, the answer must still ask
    PyTorch for 'cuda' (which raises on a real machine without a GPU), not choose another
    device by itself: a spy sends every move that names 'cuda' to the CPU instead and notes
    it; an answer that raises (as PyTorch would) passes."""
    asked = []
    model = NeuralNetwork(2, 2)
    context = _device_context()
    try:
        with _cuda_to_cpu(asked):
            impl(model, X_train, y_train, "cuda")
    except NotImplementedError:
        raise
    except Exception as err:  # noqa: BLE001 - PyTorch itself raises when no GPU is there
        _device_rebuilt(err, "move_to_device(model, X, y, 'cuda')")
        return
    finally:  # a default device of 'cuda' breaks every later tensor on a machine without one
        if _device_context() != context:
            torch.set_default_device(context)
    if not asked:
        raise CheckFailure(
            "move_to_device(model, X, y, 'cuda') on a machine where torch.cuda.is_available() "
            "is False (the check sends any move to 'cuda' to the CPU and notes it): your code "
            "never asked for 'cuda', and returned without an error: it picked another device "
            "by itself (a fallback to 'cpu' when CUDA is missing?), so a caller who asked for "
            "the GPU silently trains on the CPU; move to the device you were given, "
            "t = t.to(device), and let PyTorch raise when that device is not there")


def _check_meta_move(impl, X_train, y_train):
    torch.manual_seed(123)
    model = NeuralNetwork(2, 2)
    try:
        out = impl(model, X_train, y_train, "meta")
    except AttributeError as err:
        if "object has no attribute 'device'" in str(err):
            raise CheckFailure(f"move_to_device(model, X, y, 'meta'): your code raised "
                               f"AttributeError: {err}. A module has no .device (only tensors "
                               "do, and a model's parameters may sit on several): send each "
                               "tensor to the device argument, t = t.to(device)") from None
        if "'str' object has no attribute" not in str(err):
            raise
        raise CheckFailure(f"move_to_device(model, X, y, 'meta'): your code raised "
                           f"AttributeError: {err}. The device may be a string such as 'meta' "
                           "or 'cuda' (or a torch.device): hand it to .to(device) as it is, "
                           "without reading device.type or device.index") from None
    except NotImplementedError as err:
        if "meta tensor" not in str(err):
            raise
        raise CheckFailure(f"move_to_device(model, X, y, 'meta'): your code raised "
                           f"NotImplementedError: {err} A tensor was sent back from 'meta' to "
                           "the CPU after moving (.type(torch.FloatTensor), .cpu(), .numpy() or "
                           ".item() ask for its numbers, and 'meta' holds none): leave each "
                           "tensor where t = t.to(device) puts it") from None
    except (RuntimeError, AssertionError) as err:
        if "accelerator" in str(err) and "none is available" in str(err):
            raise CheckFailure(f"move_to_device(model, X, y, 'meta'): your code raised "
                               f"RuntimeError: {err} pin_memory() (page-locked memory for "
                               "faster copies to a GPU) needs a GPU, and moving does not need "
                               "it: t = t.to(device) alone works for every device") from None
        if "CUDA" in str(err) or "cuda" in str(err):
            line = next((linecache.getline(frame.f_code.co_filename, lineno).strip()
                         for frame, lineno in reversed(list(traceback.walk_tb(
                             err.__traceback__))) if str(frame.f_globals.get(
                                 "__name__", "")).startswith(ANSWER_MODULE_PREFIX)), "")
            raise CheckFailure(f"asked for the 'meta' device, your code went for CUDA ({err})"
                               + (f" in `{line}`" if line else "") + ": " + (
                                   "a torch.cuda call needs a GPU whatever device the caller "
                                   "asks for, and moving needs none: remove it, or call it "
                                   "only when the device is a CUDA one"
                                   if "torch.cuda." in line else
                                   "use the device argument, model.to(device) and "
                                   "t.to(device), not .cuda()")) from None
        if isinstance(err, RuntimeError) and "loading state_dict" in str(err):
            raise CheckFailure(f"move_to_device(model, X, y, 'meta'): your code raised "
                               f"RuntimeError: {str(err).splitlines()[0]} ... "
                               "model.load_state_dict(...) copies the values into the "
                               "model's own parameters, which stay on the device they are on: "
                               "it moves nothing (and here fails, as a 'meta' tensor holds no "
                               "values to copy); move the module itself, model.to(device)"
                               ) from None
        if isinstance(err, RuntimeError) and "set the storage of a tensor" in str(err):
            what = ("the model's parameters" if {p.device.type for p in model.parameters()}
                    != {"meta"} else "a tensor")
            raise CheckFailure(f"your code raised RuntimeError: {str(err).split('.')[0]}: you "
                               f"moved {what} in place with .set_(...) (giving the caller's "
                               "tensor the moved one's storage), which changes the caller's "
                               "tensor and fails across devices: write t = t.to(device) and "
                               "return it (model.to(device) for the model)") from None
        if not isinstance(err, RuntimeError) or "set_data" not in str(err):
            raise
        if {p.device.type for p in model.parameters()} == {"meta"}:  # the model did move
            raise CheckFailure(f"your code raised RuntimeError: {err} You moved a tensor by "
                               "assigning its .data, which changes the caller's tensor and "
                               "fails across devices: write t = t.to(device) and return "
                               "it") from None
        raise CheckFailure(f"your code raised RuntimeError: {err} You moved the parameters' "
                           ".data one by one; use model.to(device), which moves every "
                           "parameter and buffer of the module") from None
    if isinstance(out, list) and len(out) == 3:
        raise CheckFailure("move_to_device returned a list [model, features, labels]; return a "
                           "tuple: return model, features, labels")
    if not (isinstance(out, tuple) and len(out) == 3):
        got = (f"a {type(out).__name__} of {len(out)}" if isinstance(out, (tuple, list, dict))
               else f"a {type(out).__name__}")
        raise CheckFailure(f"move_to_device returned {got}; it should return the triple (model, "
                           "features, labels): return model, features, labels")
    m, features, labels = out
    if not isinstance(m, torch.nn.Module):
        raise CheckFailure(f"the first returned item is a {type(m).__name__}, not the model: "
                           "return (model, features, labels) in this order")
    if m is not model and getattr(m, "module", None) is model:
        raise CheckFailure(f"the returned model is a {type(m).__name__} wrapped around the model "
                           "you were given: moving needs no wrapper (DataParallel, "
                           "DistributedDataParallel); return the model itself, model = "
                           "model.to(device)")
    if m is not model and getattr(m, "_orig_mod", None) is model:
        raise CheckFailure(f"the returned model is the wrapper ({type(m).__name__}) that "
                           "torch.compile puts around the model you were given (its "
                           "state_dict keys start with _orig_mod.): moving needs no compiling; "
                           "return the model itself, model = model.to(device)")
    devices = {p.device.type for p in m.parameters()}
    moved = [t.device.type == "meta" for t in (features, labels) if torch.is_tensor(t)]
    if devices != {"meta"} and not any(moved):
        raise CheckFailure(f"asked for the 'meta' device, nothing moved (the model is on "
                           f"{sorted(devices)}): " + _nothing_moved_cause(impl, X_train, y_train))
    if devices != {"meta"}:
        spy = _SpyTo()
        try:
            impl(spy, X_train, y_train, "meta")
        except Exception:  # noqa: BLE001 - a crash here is no evidence
            pass
        seen = (f"you called {spy.to_calls[0]} (the features' old device?), not "
                "model.to('meta'): " if spy.to_calls else "")
        raise CheckFailure(f"after moving to 'meta' the model's parameters are on "
                           f"{sorted(devices)}, while the tensors moved: {seen}call "
                           "model.to(device) too, with the device argument")
    for name, t in (("features", features), ("labels", labels)):
        if name == "labels" and torch.is_tensor(t) and t.device.type != "meta":
            # labels given on 'meta', features on the CPU: only labels.to(features.device)
            # tries to copy them out of 'meta' (which PyTorch refuses)
            try:
                impl(NeuralNetwork(2, 2), X_train, y_train.to("meta"), "meta")
                old_device = False
            except NotImplementedError as err:
                old_device = "meta" in str(err)
            if old_device:
                raise CheckFailure("the labels went to the features' old device (labels.to("
                                   "features.device) before the features moved?): move each "
                                   "tensor with t = t.to(device)")
        if isinstance(t, (list, tuple)) and t and all(torch.is_tensor(x) for x in t):
            raise CheckFailure(f"the returned {name} are a {type(t).__name__} of {len(t)} "
                               "tensors, not one tensor: return each moved tensor in its own "
                               f"place, return model, features, labels")
        if not torch.is_tensor(t) or t.device.type != "meta":
            where = t.device if torch.is_tensor(t) else type(t).__name__
            same = t is (X_train if name == "features" else y_train)
            calls = _move_calls(impl, name) if same else None
            if calls == []:
                raise CheckFailure(
                    f"the returned {name} are the very tensor you were given, still on "
                    f"{where}, and your code never called .to(...) (nor .cuda() or .cpu()) on "
                    f"the {name}: you forgot to move them; add {name} = {name}.to(device) (t = "
                    "t.to(device) for every tensor)")
            # the devices given to .to(...): None for a .to without one (a dtype alone)
            targets = [None if d is None else f"'{d}'" for m, d in calls or [] if m == "to"]
            if targets and not any(targets):
                raise CheckFailure(
                    f"the returned {name} are on {where}, not 'meta': your code calls "
                    f"{name}.to(...) without a device (a dtype alone, such as "
                    f".to(torch.float32)?), which leaves them where they are; pass the device "
                    f"argument, {name} = {name}.to(device)")
            targets = [d for d in targets if d]
            if targets and not any("meta" in d for d in targets):
                raise CheckFailure(
                    f"the returned {name} are on {where}, not 'meta': your code did move them, "
                    f"but with {name}.to({targets[0]}), to another device than the one asked "
                    "for (a device read from the model's parameters before model.to(device) "
                    "moved them, or from another tensor?); send each tensor to the device "
                    "argument itself, t = t.to(device)")
            raise CheckFailure(
                f"the returned {name} are on {where}, not 'meta': tensor.to(device) returns a "
                "NEW tensor, so write t = t.to(device) and return it"
                + (f" (you returned the very {name} tensor you were given: the moved one was "
                   f"never kept under the name {name}; a bare {name}.to(device), or a loop "
                   "`for t in (features, labels): t = t.to(device)`, which rebinds only the "
                   f"loop variable t, leaves {name} as it was)" if same else ""))
    left = {p.device.type for p in model.parameters()}
    if left != {"meta"}:
        raise CheckFailure(f"the model you were given is still on {sorted(left)}; you returned "
                           "another one (a copy?). model.to(device) moves the module itself, "
                           "in place: call it on the model you were given")
    if labels.shape == X_train.shape and labels.dtype == X_train.dtype:
        raise CheckFailure("the returned labels are the features (labels = features.to("
                           "device)?): move each tensor into its own name, labels = "
                           "labels.to(device)")
    if features.shape == y_train.shape and features.dtype == y_train.dtype:
        raise CheckFailure("the returned features are the labels (features = labels.to("
                           "device)?): move each tensor into its own name, features = "
                           "features.to(device)")
    for name, t, given in (("features", features, X_train), ("labels", labels, y_train)):
        if name == "labels" and t.shape == given.shape and t.dtype == features.dtype != \
                given.dtype and _labels_follow_features(impl, X_train, y_train):
            raise CheckFailure(f"the returned labels are {t.dtype}, like the features, and "
                               "with float64 features they came back float64 too: they take "
                               "the features' dtype, as labels.to(features) (or "
                               ".to(features.dtype)) does, since .to(tensor) copies its dtype "
                               "as well as its device; class labels must stay integers: "
                               "labels = labels.to(device)")
        if t.shape != given.shape or t.dtype != given.dtype:
            raise CheckFailure(f"the returned {name} have shape {tuple(t.shape)} and dtype "
                               f"{t.dtype}; given {tuple(given.shape)}, {given.dtype}"
                               + _shape_note(tuple(t.shape), tuple(given.shape))
                               + f": only move them, {name} = {name}.to(device), with no dtype "
                               "or reshape"
                               + (" (class labels must stay integers for F.cross_entropy)"
                                  if name == "labels" and t.dtype.is_floating_point else ""))
    _, _, int32 = impl(NeuralNetwork(2, 2), X_train, y_train.int(), "meta")
    if int32.dtype != torch.int32:
        try:  # float64 features too turned to the default dtype: the values were copied out
            _, f64, _ = impl(NeuralNetwork(2, 2).double(), X_train.double(), y_train.int(),
                             "meta")
        except Exception:  # noqa: BLE001 - a crash here is no evidence
            f64 = None
        if torch.is_tensor(f64) and f64.dtype == torch.get_default_dtype() and \
                int32.dtype == torch.int64 and _graph_kept(impl, X_train, y_train):
            raise CheckFailure(
                f"int32 labels came back as {int32.dtype} AND float64 features as "
                f"{f64.dtype}, though features in an autograd graph stayed in it: your code "
                "casts while it moves (dtype=torch.float32 and dtype=torch.long in .to(...), "
                "or .float() and .long()); moving must not change the dtype, the caller "
                "converts if needed: features = features.to(device), labels = "
                "labels.to(device), with no dtype")
        if torch.is_tensor(f64) and f64.dtype == torch.get_default_dtype() and \
                int32.dtype == torch.int64:
            how = (" (your code calls .tolist())" if "tolist" in _names_read(impl) else "")
            raise CheckFailure(
                f"int32 labels came back as {int32.dtype} AND float64 features as {f64.dtype}, "
                f"PyTorch's default dtypes: your code builds new tensors from the values{how}, "
                "as torch.tensor(t.tolist(), device=device) does, "
                "which forgets the dtype (and the autograd graph); move the tensors "
                "themselves: features = features.to(device), labels = labels.to(device)")
        raise CheckFailure(f"int32 labels came back as {int32.dtype}: moving must not change "
                           "the dtype (.long(), or dtype=torch.long in .to(...)?); the caller "
                           "converts labels if needed: labels = labels.to(device) alone")
    if features.requires_grad and not X_train.requires_grad:
        raise CheckFailure("the returned features require gradients, though the ones given do "
                           "not (requires_grad_() while moving?): moving must not change "
                           "requires_grad; features = features.to(device) alone")
    m64, f64, _ = impl(NeuralNetwork(2, 2).double(), X_train.double(), y_train, "meta")
    m64_dtypes = {p.dtype for p in m64.parameters()}
    if f64.dtype == torch.float64 and m64_dtypes != {torch.float64}:
        raise CheckFailure(f"a float64 model (model.double()) came back with parameters of "
                           f"{sorted(map(str, m64_dtypes))}: moving must not change the "
                           "dtype (no .float(), .half() or dtype= on the model); "
                           "model.to(device) alone")
    m32, f32, _ = impl(NeuralNetwork(2, 2), X_train.double(), y_train, "meta")
    m32_dtypes = {p.dtype for p in m32.parameters()}
    if m32_dtypes == {torch.float64}:
        m_plain, _, _ = impl(NeuralNetwork(2, 2), X_train, y_train, "meta")
        if {p.dtype for p in m_plain.parameters()} == {torch.float64}:
            raise CheckFailure("a float32 model came back in float64, with float32 features "
                               "as well as float64 ones: your code casts the model to float64 "
                               "whatever it is given (a .double() or dtype=torch.float64 "
                               "while moving?); moving must not change the model's dtype, "
                               "model.to(device) alone")
        raise CheckFailure("a float32 model given float64 features came back in float64 (with "
                           "float32 features it stayed float32): you cast the model to the "
                           "features' dtype (model.to(device, features.dtype)?); moving must "
                           "not change the model's dtype, model.to(device) alone")
    if f64.dtype != torch.float64:
        raise CheckFailure(f"float64 features came back as {f64.dtype}: moving must not change "
                           "the dtype; use t.to(device) alone, without .float() or a dtype")
    if torch.is_tensor(f32) and f32.dtype != torch.float64:
        raise CheckFailure(f"float64 features given with a float32 model came back as "
                           f"{f32.dtype} (with a float64 model they stayed float64): you cast "
                           "them to the model's dtype (t.to(param), which takes a tensor's "
                           "dtype as well as its device, or dtype=...); moving must not change "
                           "the dtype: features = features.to(device) alone")


def _graph_kept(impl, X_train, y_train):
    """Whether float64 features that are part of an autograd graph come back still in it
    (requires_grad): a cast (``.to(device, dtype=...)``, ``.float()``) keeps the graph, a
    tensor rebuilt from the values (``torch.tensor(t.tolist())``) does not."""
    leaf = X_train.double().requires_grad_()
    try:
        _, moved, _ = impl(NeuralNetwork(2, 2).double(), leaf * 1.0, y_train.int(), "meta")
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return False
    return torch.is_tensor(moved) and moved.requires_grad


_DEVICE_REBUILT = (
    "torch.device(type, index) takes a bare type string ('cuda', 'cpu') and an index of its "
    "own: the device you were given {how}, so rebuilding it with an index (torch.device(device, "
    "0), or f'{{device}}:0') fails; hand the device to .to(device) as it is (torch.device(device) "
    "alone takes a string or a torch.device and keeps the index it names)")
_DEVICE_REBUILT_HINTS = [
    ("must be str, not torch.device", _DEVICE_REBUILT.format(how="is a torch.device already, "
                                                              "not a type string")),
    ("must not include an index because index was passed explicitly",
     _DEVICE_REBUILT.format(how="names its index already ('cuda:0')")),
    ("Invalid device string", _DEVICE_REBUILT.format(how="names its index already "
                                                     "('cuda:0'), and a second one makes an "
                                                     "invalid string ('cuda:0:0')"))]


def _device_rebuilt(err, what):
    """A CheckFailure when ``err`` is PyTorch refusing a device the answer built itself (an
    index added to a device that has one, or to a torch.device): that is no missing GPU."""
    text = str(err)
    hint = next((h for key, h in _DEVICE_REBUILT_HINTS if key in text), "")
    if hint:
        raise CheckFailure(f"{what}: your code raised {type(err).__name__}: "
                           f"{text.rstrip('.')}. {hint}") from err


def _check_cpu_move(impl, X_train, y_train, expected_cpu, model):
    if any(p.device.type != "cpu" for p in model.parameters()):
        model = copy.deepcopy(expected_cpu)  # a rerun (on a fresh copy) after a wrong move
    # on the CPU nothing changes: same numbers back
    m2, f2, l2 = call_answer(impl, (model, X_train, y_train, torch.device("cpu")),
                             "move_to_device(model, X, y, torch.device('cpu'))", [
        ("'torch.device' object has no attribute", "The device argument was a string before "
         "and is a torch.device here: string methods (.lower(), .startswith(), ...) do not "
         "exist on a torch.device; hand the device to .to(device) as it is (or use "
         "str(device))"), *_DEVICE_REBUILT_HINTS])
    where = {name: sorted({t.device.type for t in ts}) for name, ts in (
        ("model", list(m2.parameters())), ("features", [f2]), ("labels", [l2]))}
    if any(w != ["cpu"] for w in where.values()):
        raise CheckFailure(
            "asked for torch.device('cpu') after an earlier call asked for 'meta', your code "
            "returned " + ", ".join(f"the {n} on {w}" for n, w in where.items()) + ": each "
            "call must go to its own device argument, model.to(device), t = t.to(device)")
    made = _new_tensor_calls(impl, expected_cpu, X_train, y_train) \
        if f2.shape == X_train.shape and not torch.equal(f2, X_train) else None
    assert_close(f2, X_train, what="features moved to the CPU (where they already were)",
                 hint=f"your code called {made}, which makes a NEW tensor of the same shape "
                      "without copying the values (empty_like's are whatever the memory held, "
                      "zeros_like's are 0): moving copies the numbers, features = "
                      "features.to(device)" if made else
                      "moving must keep the numbers as they are: features = "
                      "features.to(device), with no arithmetic, normalisation or reordering"
                      + _moved_values_note(f2, X_train))
    assert_close(l2, y_train, what="labels moved to the CPU (where they already were)",
                 hint="moving must keep the labels as they are: labels = labels.to(device), "
                      "with no arithmetic or reordering" + _moved_values_note(l2, y_train))
    perm = [3, 0, 4, 1, 2]  # the toy batch comes sorted by label and by first feature
    y3 = torch.tensor([2, 0, 3, 1, 0])  # unsorted, and classes above 1 (not only 0 and 1)
    _, f3, l3 = impl(NeuralNetwork(2, 2), X_train[perm], y3, "cpu")
    l3_given = y3.tolist()
    for name, t, given in (("features", f3, X_train[perm]), ("labels", l3, y3)):
        if not (torch.is_tensor(t) and t.shape == given.shape and not torch.equal(t, given)):
            continue
        diffs = [(g, m) for g, m in zip(given.tolist(), t.tolist()) if g != m]
        if name == "labels" and sorted(t.tolist()) != sorted(l3_given):
            two = all(g > 1 for g, _ in diffs) and all(m in (0, 1) for _, m in diffs)
            shown = ", ".join(f"{g} to {m}" for g, m in diffs)
            raise CheckFailure(
                f"for a batch with the labels {l3_given} (classes 0 to 3; the toy batch, "
                "whose labels are only 0 and 1, came back right), moving to the CPU changed "
                "the labels' values: "
                + (f"only the labels above 1 changed ({shown}): your code assumes two classes "
                   "(a % 2, a clamp at 1, a > 0 test or a bool cast?)" if two else
                   _moved_values_note(t, given)[2:])
                + "; a label is a class index, any of them: labels = labels.to(device), "
                "with no arithmetic")
        raise CheckFailure(f"for a batch that is not sorted (labels {l3_given}; the "
                           f"toy batch in its own order came back right), moving to the "
                           f"CPU returned other {name}: {_moved_values_note(t, given)[2:]}"
                           f"; moving must keep every {name[:-1]} in its place: {name} = "
                           f"{name}.to(device), with no sorting or reordering")
    dtypes = {p.dtype for p in m2.parameters()}
    if dtypes != {torch.float32}:
        raise CheckFailure(f"moving a float32 model to the CPU gave parameters of "
                           f"{sorted(map(str, dtypes))}: moving must not change the dtype "
                           "(no .half(), .double() or dtype=); model.to(device) alone")
    changed = [name for (name, a), b in zip(m2.named_parameters(), expected_cpu.parameters())
               if not torch.equal(a, b)]
    if changed:
        after = dict(m2.named_parameters())[changed[0]].detach()
        before = dict(expected_cpu.named_parameters())[changed[0]].detach()
        ratio = (float(after.double().norm() / before.double().norm())
                 if after.shape == before.shape and float(before.norm()) else float("nan"))
        raise CheckFailure(f"moving to the CPU (where the model already was) changed the "
                           f"model's {changed[0]} (and {len(changed) - 1} more; its norm is now "
                           f"{ratio:.3g} times what it was): the weights must come back as they "
                           "were. to_empty() keeps only the shapes (whatever the memory "
                           "held), reset_parameters() draws new ones, and arithmetic on the "
                           "weights scales them; model.to(device) moves them as they are")
    with torch.no_grad():
        assert_close(m2(X_train), expected_cpu(X_train), what="the model's outputs on the CPU",
                     hint="the weights and dtypes are unchanged, yet the model computes "
                          "something else: moving must not touch the model's code or "
                          "layers; model.to(device) alone")


def _check_moved_again(impl, model, X_train, y_train):
    """The model moved to the CPU by an earlier case, now to 'meta': it must move again."""
    m, _, _ = impl(model, X_train, y_train, "meta")
    left = sorted({p.device.type for p in model.parameters()})
    if left == ["meta"] and m is not model:
        raise CheckFailure(f"the model you were given moved to 'meta', but you returned "
                           f"another object, a {type(m).__name__} that is not the caller's "
                           "model (a copy: copy.copy(model).to(device) shares the parameters, "
                           "yet its own attributes, hooks and later changes are apart): "
                           "model.to(device) moves the module in place and returns it "
                           "itself; return that, model = model.to(device)")
    if left != ["meta"] or m is not model:
        raise CheckFailure(f"a model moved to the CPU once, then to 'meta', stayed on {left}"
                           + ("" if m is model else " (and you returned another model)")
                           + ": move it on every call, model = model.to(device)")


def _check_mode_kept(impl, X_train, y_train):
    for mode in ("eval", "train"):
        model = NeuralNetwork(2, 2).train(mode == "train")
        m, _, _ = impl(model, X_train, y_train, "meta")
        if m.training != (mode == "train"):
            raise CheckFailure(f"moving changed the model's mode: handed over in {mode} mode, it "
                               f"came back in {'training' if m.training else 'eval'} mode "
                               f"(model.{'train' if m.training else 'eval'}() while moving?); "
                               "model.to(device) leaves the mode alone")


class _Elsewhere(torch.Tensor):
    """A CPU tensor that says it lives on 'cuda:0': a stand-in for a batch on a GPU, to be
    moved to the CPU (the machine may have no GPU). Its own torch functions run as plain ones."""

    __torch_function__ = torch._C._disabled_torch_function_impl

    @property
    def device(self):
        return torch.device("cuda", 0)


def _check_device_object(impl, X_train, y_train):
    """``torch.device('meta')`` must move everything as the string 'meta' does."""
    model = NeuralNetwork(2, 2)
    out = impl(model, X_train, y_train, torch.device("meta"))
    where = {name: sorted({t.device.type for t in ts}) for name, ts in (
        ("model", list(model.parameters())), ("features", [out[1]]), ("labels", [out[2]]))
        if all(torch.is_tensor(t) for t in ts)}
    left = [f"the {name} on {w}" for name, w in where.items() if w != ["meta"]]
    if not left:
        return
    strings = NeuralNetwork(2, 2)  # the same call with the string 'meta'
    try:
        again = impl(strings, X_train, y_train, "meta")
        by_string = all(p.device.type == "meta" for p in strings.parameters()) and all(
            torch.is_tensor(t) and t.device.type == "meta" for t in again[1:])
    except Exception:  # noqa: BLE001 - no evidence either way
        by_string = False
    raise CheckFailure(
        "asked for torch.device('meta') (a device object, not the string 'meta'), your code "
        "left " + " and ".join(left)
        + (": the same call with the string 'meta' moves everything, so your code treats a "
           "torch.device differently from a string (an isinstance(device, str) test, or a "
           "comparison with a string, that skips the move?)" if by_string else "")
        + "; the device argument may be either, and .to(device) takes both as they are")


class _GpuParameter(torch.nn.Parameter):
    """A CPU parameter that says it lives on 'cuda:0' (a model on a GPU, the machine may have
    none); its own torch functions run as plain ones, so the model trains as usual."""

    __torch_function__ = torch._C._disabled_torch_function_impl

    @property
    def device(self):
        return torch.device("cuda", 0)


class _MovedToCpu(torch.Tensor):
    """What a move naming 'cpu' made of a stand-in on 'cuda:0': a plain CPU tensor, marked."""

    __torch_function__ = torch._C._disabled_torch_function_impl


def _gpu_stand_ins(model):
    """``model`` with every parameter replaced by a _GpuParameter holding the same values."""
    for module in model.modules():
        for name, p in list(module._parameters.items()):
            if p is not None:
                module._parameters[name] = _GpuParameter(p.detach().clone(), p.requires_grad)
    return model


def _gpu_loader(loader_kw, dataset=None):
    """A DataLoader over the toy points (or ``dataset``) whose batches are _Elsewhere stand-ins
    on 'cuda:0'."""
    from torch.utils.data import default_collate

    if dataset is None:
        X_train, y_train, _, _ = make_toy_data()
        dataset = ToyDataset(X_train, y_train)
    return DataLoader(dataset, **loader_kw, collate_fn=lambda items: tuple(
        t.as_subclass(_Elsewhere) for t in default_collate(items)))


def _cpu_moves(model, call, losses=("cross_entropy", "nll_loss")):
    """Runs ``call()`` with ``model`` and the batches standing in for a GPU's (a
    _GpuParameter model, _Elsewhere batches) and returns what the answer moved to 'cpu' by
    itself and then used: "the model" (its parameters moved), "the features" (a moved tensor
    fed to the model), "the labels" (a moved tensor given to the loss). Moves naming 'cuda'
    (to the model's own device, say) go to the CPU unnoted; a crash is no evidence."""
    from torch.overrides import TorchFunctionMode

    used = []

    def names(value, kind):
        return isinstance(value, (str, torch.device)) and str(value).split(":")[0] == kind

    class Spy(TorchFunctionMode):
        def __torch_function__(self, func, types, args=(), kwargs=None):
            kwargs = dict(kwargs or {})
            name = getattr(func, "__name__", "")
            given = args[0] if args else None
            to_cpu = name == "cpu"
            if name == "to":
                to_cpu = any(names(a, "cpu") for a in args[1:]) or names(
                    kwargs.get("device"), "cpu")
                args = tuple(torch.device("cpu") if names(a, "cuda") else a for a in args)
                if names(kwargs.get("device"), "cuda"):
                    kwargs["device"] = torch.device("cpu")
            if name in losses and any(isinstance(a, _MovedToCpu) for a in args[:2]):
                used.append("the labels")
            out = given.to("cpu") if name == "cuda" else func(*args, **kwargs)
            if to_cpu and isinstance(given, _GpuParameter):
                used.append("the model")
            elif to_cpu and isinstance(given, _Elsewhere) and isinstance(out, torch.Tensor):
                out = out.as_subclass(_MovedToCpu)
            return out

    hook = model.register_forward_pre_hook(lambda module, inputs: used.append(
        "the features") if any(isinstance(t, _MovedToCpu) for t in inputs) else None)
    try:
        with Spy():
            call()
    except NotImplementedError:  # the stub as given: not attempted
        raise
    except Exception:  # noqa: BLE001 - only the moves the answer used are evidence
        pass
    finally:
        hook.remove()
    return list(dict.fromkeys(used))


def _cpu_chosen(what, used):
    """The failure for an answer that moved ``used`` (from _cpu_moves) to 'cpu' by itself."""
    raise CheckFailure(
        f"{what}: your code moved {' and '.join(used)} to 'cpu' by itself (.to('cpu') or "
        ".cpu(), a device written into the code) and used "
        + ("them" if len(used) > 1 else "it") + ": on a GPU the model's weights on cuda:0 "
        "would then meet a batch on the CPU (a crash), or the model would be taken off the "
        "GPU. The batches come on the model's device already: use them as the loader gives "
        "them (or move them to the model's own device, next(model.parameters()).device)")


class _SecondGpu(_Elsewhere):
    """A CPU tensor that says it lives on 'cuda:1' (a batch on a machine's second GPU)."""

    @property
    def device(self):
        return torch.device("cuda", 1)


def _check_other_gpu(impl, X_train, y_train):
    """Asked for 'cuda:0', tensors that say they are on 'cuda:1' must come back moved: the
    same device type is not the same device. Moves naming 'cuda' go to the CPU (the machine
    may have no GPU) and come back plain; an answer that raises (as PyTorch would without a
    GPU) passes, as in _check_cuda_kept."""
    given = (X_train.clone().as_subclass(_SecondGpu), y_train.clone().as_subclass(_SecondGpu))
    asked = []
    try:
        with _cuda_to_cpu(asked):
            out = impl(NeuralNetwork(2, 2), *given, "cuda:0")
    except NotImplementedError:
        raise
    except Exception as err:  # noqa: BLE001 - PyTorch itself raises when no GPU is there
        _device_rebuilt(err, "move_to_device(model, X, y, 'cuda:0')")
        return
    kept = [name for name, t, g in zip(("features", "labels"), out[1:], given)
            if t is g or isinstance(t, _SecondGpu)]
    if kept:
        reads = {"type"} & _names_read(impl)
        raise CheckFailure(
            f"asked for 'cuda:0', with features and labels on 'cuda:1' (stand-ins for a "
            f"batch on a second GPU), your code returned the {' and '.join(kept)} as given, "
            "still on 'cuda:1'"
            + (": it compares only the device type (t.device.type != device.type), and "
               "'cuda:1' and 'cuda:0' are both of type 'cuda'" if reads else
               ": it skipped the move for a tensor it judged to be there already")
            + "; two GPUs are two devices, so always move, t = t.to(device), which costs "
              "nothing for a tensor already on that device")


def _check_gpu_index(impl, X_train, y_train):
    """Asked for the second GPU ('cuda:1', as a string and as a torch.device), every move must
    name 'cuda:1': a spy sends each move naming 'cuda' to the CPU and notes the device it
    named (the machine may have no GPU); an answer that raises, as PyTorch would, passes."""
    for device, shown in (("cuda:1", "'cuda:1'"), (torch.device("cuda", 1),
                                                    "torch.device('cuda', 1)")):
        asked = []
        what = f"move_to_device(model, X, y, {shown})"
        try:
            with _cuda_to_cpu(asked):
                impl(NeuralNetwork(2, 2), X_train, y_train, device)
        except NotImplementedError:
            raise
        except Exception as err:  # noqa: BLE001 - PyTorch itself raises when no GPU is there
            _device_rebuilt(err, what)
            continue
        wrong = sorted({a for a in asked if a != "cuda:1"})
        if wrong:
            bare = "cuda" in wrong
            raise CheckFailure(
                f"{what}: your code moved to {' and '.join(repr(w) for w in wrong)} (the "
                "check notes every move that names 'cuda'), not to 'cuda:1': "
                + ("it dropped the device's index (torch.device(device).type or device.type "
                   "keeps only 'cuda', and .cuda() takes none), and 'cuda' alone means the "
                   "current GPU, GPU 0, so a caller who asked for the second GPU gets the "
                   "first" if bare else
                   "it chose another GPU than the one asked for")
                + "; hand the device to .to(device) as it is given")


def _check_cpu_shortcut(impl, X_train, y_train):
    """Asked for 'cpu', tensors that say they are on 'cuda:0' must come back moved: a spy on
    PyTorch's calls turns what a move (.to, .cpu, torch.as_tensor) returns into a plain CPU
    tensor, while an answer that skips the move for 'cpu' returns the stand-ins themselves."""
    from torch.overrides import TorchFunctionMode

    moves = []

    class Plain(TorchFunctionMode):
        def __torch_function__(self, func, types, args=(), kwargs=None):
            out = func(*args, **(kwargs or {}))
            if getattr(func, "__name__", "") in ("to", "cpu", "cuda", "as_tensor", "asarray"):
                moves.extend(func.__name__ for g in given if args and args[0] is g)
                if isinstance(out, _Elsewhere):
                    out = out.as_subclass(torch.Tensor)
            return out

    given = (X_train.clone().as_subclass(_Elsewhere), y_train.clone().as_subclass(_Elsewhere))
    with Plain():
        out = impl(NeuralNetwork(2, 2), *given, "cpu")
    kept = [name for name, t, g in zip(("features", "labels"), out[1:], given)
            if t is g or isinstance(t, _Elsewhere)]
    if kept:
        raise CheckFailure(f"inputs on another device were not moved to the CPU: a shortcut for "
                           f"'cpu'? Asked for 'cpu', with features and labels that live on "
                           f"'cuda:0' (stand-ins; the moves to 'meta' came out right), your code "
                           f"returned the {' and '.join(kept)} as given"
                           + (" and called no .to(...), .cpu() or torch.as_tensor on them"
                              if not moves else "")
                           + ": on a machine with a GPU a batch can sit there while the "
                           "device asked for is the CPU (to score or save it), so skipping "
                           "the move for 'cpu' (if device == 'cpu': return ...) leaves it on "
                           "the GPU; always move, t = t.to(device), which costs nothing for a "
                           "tensor already there")


_NEW_TENSOR_MAKERS = ("empty_like", "zeros_like", "ones_like", "rand_like", "randn_like",
                      "full_like", "new_empty", "new_zeros", "new_ones", "new_full", "empty",
                      "zeros")


def _shape_note(got, given):
    """What a changed shape looks like: reversed, one dimension fewer or more, or fewer rows."""
    if len(got) > 1 and got == given[::-1]:
        return " (the sizes in reverse order: a transpose, .T or .t()?)"
    if got == given + (1,) or got == (1,) + given:
        return " (a dimension of size 1 added: an unsqueeze, or a view with an extra 1?)"
    if len(got) == len(given) + 1 and got[:-1] == given:
        return (f" (a last dimension of {got[-1]} added: one column per class, as "
                "F.one_hot(labels) makes?)")
    if len(got) == len(given) and got[1:] == given[1:] and got[0] != given[0]:
        return (f" ({got[0]} {'rows' if len(got) > 1 else 'entries'} where {given[0]} were "
                "given: a slice, or only some of the batch?)")
    return ""


def _moved_values_note(got, given):
    """'; yours: ...' saying how a returned tensor relates to the one given (same shape): the
    same rows in another order (sorted, reversed, shuffled), one offset or one factor for every
    value, or the first row that differs; "" for another shape."""
    if not (torch.is_tensor(got) and got.shape == given.shape and got.numel()):
        return ""
    a = got.detach().double().reshape(len(got), -1)
    b = given.detach().double().reshape(len(given), -1)
    rows, want = [tuple(r.tolist()) for r in a], [tuple(r.tolist()) for r in b]
    if rows != want and sorted(rows) == sorted(want):
        how = ("sorted" if rows == sorted(want) else "reversed" if rows == want[::-1] else
               "shuffled")
        which = (f": rows {[want.index(r) for r in rows]} of the given ones"
                 if len(set(want)) == len(want) else "")
        return (f"; yours: the same rows in another order ({how}{which}), so row i no longer "
                "belongs to example i")
    diff = a - b
    if bool((diff == diff[0, 0]).all()) and float(diff[0, 0]):
        return f"; yours: every value shifted by {float(diff[0, 0]):+.4g}"
    nonzero = b != 0
    if bool(nonzero.any()) and bool((a[~nonzero] == 0).all()):
        ratio = a[nonzero] / b[nonzero]
        if bool((ratio - ratio[0]).abs().max() < 1e-9) and float(ratio[0]) != 1:
            return f"; yours: every value {float(ratio[0]):.4g} times the given one"
    if note := describe_elementwise(got, given):
        return f"; yours: {note[len('What differs: '):]}"
    note = describe_difference(got, given, dims=("examples", "features")[:given.dim()],
                               where=False)
    if note:  # a relation (where the values differ is said below)
        return f"; yours: {note[len('What differs: '):]}"
    i = int((a != b).any(dim=1).nonzero()[0]) if bool((a != b).any()) else None
    if i is None:
        return ""
    return (f"; yours: row {i} is {[round(v, 4) for v in rows[i]]} where "
            f"{[round(v, 4) for v in want[i]]} was given ({int((a != b).any(dim=1).sum())} of "
            f"{len(rows)} rows differ)")


def _new_tensor_calls(impl, model, X_train, y_train):
    """The torch calls (of those that make a tensor without copying another's values) that
    ``impl`` makes while moving to the CPU, as "torch.empty_like", or None."""
    from torch.overrides import TorchFunctionMode

    class Record(TorchFunctionMode):
        def __init__(self):
            super().__init__()
            self.names = []

        def __torch_function__(self, func, types, args=(), kwargs=None):
            self.names.append(getattr(func, "__name__", ""))
            return func(*args, **(kwargs or {}))

    record = Record()
    try:
        with record:
            impl(copy.deepcopy(model), X_train, y_train, "cpu")
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return None
    found = [n for n in dict.fromkeys(record.names) if n in _NEW_TENSOR_MAKERS]
    return " and ".join(("t." if n.startswith("new_") else "torch.") + n for n in found) or None


def _move_calls(impl, name):
    """The moves ``impl`` makes on the ``name`` tensor it is given, asked for 'meta' (a spy on
    PyTorch's function calls): ``(method, device)`` for every .to/.cuda/.cpu call on it, where
    device is what a .to(...) was given (a tensor argument stands for its device; None for a
    call without a device, or for .cuda/.cpu); None when the probe itself fails."""
    from torch.overrides import TorchFunctionMode

    features, labels = torch.randn(3, 2), torch.tensor([0, 1, 0])
    given = features if name == "features" else labels
    calls = []

    class Record(TorchFunctionMode):
        def __torch_function__(self, func, types, args=(), kwargs=None):
            method = getattr(func, "__name__", "")
            if method in ("to", "cuda", "cpu") and args and args[0] is given:
                where = None
                if method == "to":
                    where = (kwargs or {}).get("device", args[1] if len(args) > 1 else None)
                    where = where.device if torch.is_tensor(where) else where
                calls.append((method, where if isinstance(where, (str, torch.device)) else None))
            return func(*args, **(kwargs or {}))

    try:
        with Record():
            impl(NeuralNetwork(2, 2), features, labels, "meta")
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return None
    return calls


class _SpyTo(NeuralNetwork):
    """NeuralNetwork(2, 2) that records its ``.to``, ``.cpu`` and ``.cuda`` calls."""

    def __init__(self):
        super().__init__(2, 2)
        self.to_calls = []

    def to(self, *args, **kwargs):
        given = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
        self.to_calls.append(f"model.to({', '.join(given)})")
        return super().to(*args, **kwargs)

    def cpu(self):
        self.to_calls.append("model.cpu()")
        return super().cpu()


def _nothing_moved_cause(impl, X_train, y_train):
    """Why an answer moved nothing to 'meta', told apart by probes: the device ``model.to`` got,
    a move that waits for CUDA to be available, a move only for 'cuda' device strings."""
    spy = _SpyTo()
    try:
        impl(spy, X_train, y_train, "meta")
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        pass
    if spy.to_calls:
        return (f"you called {spy.to_calls[0]} when asked for the device 'meta': use the "
                "device argument, e.g. model.to(device), not a fixed device")
    available = torch.cuda.is_available
    torch.cuda.is_available = lambda: True  # as on a machine with a GPU
    try:
        model = NeuralNetwork(2, 2)
        impl(model, X_train, y_train, "meta")
        waits_for_cuda = {p.device.type for p in model.parameters()} == {"meta"}
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        waits_for_cuda = False
    finally:
        torch.cuda.is_available = available
    if waits_for_cuda:
        return ("your code moves only when torch.cuda.is_available(), so on a machine without "
                "a GPU the device argument is ignored (with CUDA reported available it did "
                "move to 'meta'); move to whatever device you are given, model.to(device) and "
                "t = t.to(device)")
    try:
        model = NeuralNetwork(2, 2)
        impl(model, X_train, y_train, "cuda")
        only_cuda = {p.device.type for p in model.parameters()} == {"cuda"}
    except Exception as err:  # noqa: BLE001 - PyTorch without CUDA refuses the move
        only_cuda = "cuda" in str(err).lower()
    tree = _source_tree(impl)
    listed = sorted({node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
                     and node.value in ("cpu", "cuda", "mps", "xpu")}) if tree else []
    if only_cuda and len(listed) > 1:
        return (f"asked for 'cuda' your code does move, asked for 'meta' it does not, and it "
                f"names the device types {', '.join(repr(n) for n in listed)}: it moves only "
                "for the devices it lists (a test such as device.type in ('cpu', 'cuda', "
                "'mps')), and any other device, 'meta' or 'xpu', is silently left out; move "
                "to whatever device you are given, model.to(device) and t = t.to(device)")
    if only_cuda:
        return ("asked for 'cuda' your code does move, asked for 'meta' it does not: it moves "
                "only for CUDA devices (a test such as device == 'cuda' or "
                "str(device).startswith('cuda')); move to whatever device you are given, "
                "model.to(device) and t = t.to(device)")
    return ("model.to(...) and model.cpu() were never called, and nothing moved for 'meta', "
            "not even with CUDA reported available: nothing uses the device argument to move. "
            "`with torch.device(device):` only sets where NEW tensors are made; it moves "
            "nothing that exists: call model.to(device) and t = t.to(device), and return the "
            "moved tensors")


def _labels_follow_features(impl, X_train, y_train):
    """Whether the returned labels take the dtype of the features given (float64 here)."""
    try:
        _, _, labels = impl(NeuralNetwork(2, 2), X_train.double(), y_train, "meta")
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return False
    return torch.is_tensor(labels) and labels.dtype == torch.float64


def _check_model_state_kept(impl, X_train, y_train):
    """Moving keeps what the model holds besides its numbers: a frozen first layer stays
    frozen, and gradients already computed move along (model.to moves .grad too)."""
    model = NeuralNetwork(2, 2)
    model(X_train).sum().backward()  # every parameter now holds a gradient
    model.layers[0].requires_grad_(False)
    flags = [p.requires_grad for p in model.parameters()]
    impl(model, X_train, y_train, "meta")
    after = [p.requires_grad for p in model.parameters()]
    if any(was and not now for was, now in zip(flags, after)):
        names = [n for (n, _), was, now in zip(model.named_parameters(), flags, after)
                 if was and not now]
        raise CheckFailure(f"a model with its first layer frozen came back with "
                           f"{len(names)} trainable parameters frozen too ({', '.join(names[:3])}"
                           f"{', ...' if len(names) > 3 else ''}: requires_grad False): moving "
                           "switched requires_grad off (a requires_grad_(False), "
                           "p.requires_grad = False or a detach while moving?); model.to(device) "
                           "keeps each parameter's flag, so call it alone")
    if after != flags:
        raise CheckFailure("a model with its first layer frozen came back with that layer "
                           "trainable again: moving switched requires_grad on (a "
                           "requires_grad_() or p.requires_grad = True while moving?); "
                           "model.to(device) keeps each parameter's flag, so call it alone")
    lost = [n for n, p in model.named_parameters() if p.requires_grad and p.grad is None]
    if lost:
        names = _names_read(impl)
        how = ("your code loads moved tensors with load_state_dict(..., assign=True), which "
               "puts new tensors in place of the parameters: they hold no gradients, and a "
               "state_dict leaves out non-persistent buffers, which stay behind"
               if "load_state_dict" in names and "zero_grad" not in names else
               "moving cleared the gradients (a zero_grad() while moving?)"
               if "zero_grad" in names else
               "moving cleared the gradients (a zero_grad(), or new tensors put in place of "
               "the parameters?)")
        raise CheckFailure(f"a model whose parameters held gradients came back without them "
                           f"({', '.join(lost[:2])}, ...: .grad is None): {how}; "
                           "model.to(device) moves them along with the weights, so call it "
                           "alone")


def _check_move_edge_cases(impl, X_train, y_train):
    """A torch.device argument, a model without parameters (the device must come from the
    argument), and features that are part of an autograd graph (moving must keep them in it)."""
    _check_device_object(impl, X_train, y_train)
    try:
        _, features, labels = impl(torch.nn.ReLU(), X_train, y_train, "meta")
    except StopIteration:
        raise CheckFailure("move_to_device(nn.ReLU(), X, y, 'meta') raised StopIteration: a "
                           "model without parameters has no parameter to take the device from "
                           "(next(model.parameters())); send the tensors to the device "
                           "argument: t = t.to(device)") from None
    if features.device.type != "meta" or labels.device.type != "meta":
        raise CheckFailure(f"for a model without parameters (nn.ReLU) the tensors came back on "
                           f"{features.device} and {labels.device}, not 'meta': take the device "
                           "from the device argument, not from the model")
    own = _OwnParameter()  # a parameter of its own beside its children
    own.register_buffer("scale", torch.ones(3))  # and a buffer of its own
    impl(own, X_train, y_train, "meta")
    left = [n for n, t in [*own.named_parameters(), *own.named_buffers()]
            if t.device.type != "meta"]
    if left:
        children = all(t.device.type == "meta" for c in own.children()
                       for t in [*c.parameters(), *c.buffers()])
        buffers = {n for n, _ in own.named_buffers()}
        if set(left) <= buffers and all(p.device.type == "meta" for p in own.parameters()):
            raise CheckFailure(f"for a module with a buffer ({', '.join(left)}, registered "
                               "with register_buffer), every parameter moved but the buffer "
                               "stayed on the CPU: your code moves the parameters one by one "
                               "(through parameters(), _parameters or p.data), and buffers are "
                               "not parameters; model.to(device) moves every parameter and "
                               "buffer of the module and of its submodules")
        raise CheckFailure(f"for a module that holds a parameter and a buffer of its own "
                           f"beside its child layers (NeuralNetwork keeps everything in its "
                           f"child model.layers, and moved right), {', '.join(left)} stayed on "
                           f"the CPU" + (": only the children moved (a loop over "
                                         "model.children() or model.modules() with a "
                                         "condition?), and a module's own parameters and "
                                         "buffers are not in any child" if children else "")
                           + "; model.to(device) moves every parameter and buffer of the "
                           "module and of its submodules")
    model = NeuralNetwork(2, 2)  # the tensors already there, the model not yet
    try:
        impl(model, X_train.to("meta"), y_train.to("meta"), "meta")
    except Exception:  # noqa: BLE001 - told below by where the model is
        pass
    left = sorted({p.device.type for p in model.parameters()})
    if left != ["meta"]:
        raise CheckFailure(f"with the features and labels already on 'meta' and the model on "
                           f"the CPU, the model stayed on {left}: your code skips the move when "
                           "the tensors are already on the device (an early return, or a test "
                           "of features.device?), but the model may still be elsewhere; always "
                           "call model.to(device), and t = t.to(device) (which costs nothing "
                           "for a tensor already there)")
    model = NeuralNetwork(2, 2).to("meta")  # parameters already there, a buffer not yet
    model.register_buffer("seen", torch.zeros(()))
    try:
        impl(model, X_train, y_train, "meta")
        there = model.seen.device.type == "meta"
    except NotImplementedError as err:  # a move through the CPU: no meta tensor can go there
        there = "meta tensor" in str(err)
        if not there:
            raise
    if not there:
        raise CheckFailure("for a model whose parameters were already on 'meta' but whose "
                           "buffer (registered with register_buffer) was still on the CPU, the "
                           "buffer stayed on the CPU: your code skips model.to(device) when "
                           "the parameters are already on the device (a test of p.device or "
                           "next(model.parameters()).device?), but a model's buffers may still "
                           "be elsewhere; always call model.to(device), which costs nothing "
                           "for what is already there")
    one = impl(NeuralNetwork(2, 2), X_train[:1], y_train[:1], "meta")  # a batch of one
    for name, t, given in (("features", one[1], X_train[:1]), ("labels", one[2], y_train[:1])):
        if torch.is_tensor(t) and t.shape != given.shape:
            how = (" (a squeeze() drops the batch dimension of size 1)"
                   if t.shape == given.squeeze().shape else "")
            raise CheckFailure(f"for a batch of one example (features (1, 2), labels (1,)) the "
                               f"returned {name} have shape {tuple(t.shape)}, expected "
                               f"{tuple(given.shape)}{how}: moving must keep the shape, "
                               f"{name} = {name}.to(device) alone")
    _check_model_state_kept(impl, X_train, y_train)
    column = y_train.view(-1, 1)  # labels as a column (5, 1), as a regression target would be
    _, _, labels = impl(NeuralNetwork(2, 2), X_train, column, "meta")
    if torch.is_tensor(labels) and labels.shape != column.shape:
        how = ("flattened them (view(-1), flatten() or reshape(-1))"
               if labels.shape == (column.numel(),) else "reshaped them")
        raise CheckFailure(f"for labels given as a column of shape {tuple(column.shape)} (labels "
                           f"of shape (5,) came back right) the returned labels have shape "
                           f"{tuple(labels.shape)}: your code {how} while moving; labels may "
                           "come in any shape, so leave it as it is: labels = labels.to(device)")
    cube = torch.arange(30.0).view(5, 2, 3)  # 3-D features (batch, tokens, embedding)
    _, features, _ = impl(NeuralNetwork(2, 2), cube, y_train, "meta")
    if torch.is_tensor(features) and features.shape != cube.shape:
        how = ("flattened them to (batch, -1) (flatten(1), view(len(x), -1) or reshape)"
               if features.shape == (5, 6) else "reshaped them")
        raise CheckFailure(f"for 3-D features of shape {tuple(cube.shape)} (2-D features of "
                           f"shape (5, 2) came back right) the returned features have shape "
                           f"{tuple(features.shape)}: your code {how} while moving; features "
                           "may come in any shape (token ids, images), so leave it as it is: "
                           "features = features.to(device)")
    skewed = non_contiguous(X_train.double())  # float64, stored column by column
    _, features, _ = call_answer(impl, (NeuralNetwork(2, 2).double(), skewed, y_train, "meta"),
                                 "move_to_device(a float64 model, non-contiguous float64 "
                                 "features (a transposed layout), labels, 'meta')")
    if torch.is_tensor(features) and (features.dtype, features.shape) != (skewed.dtype,
                                                                           skewed.shape):
        raise CheckFailure(f"for float64 features stored non-contiguously (the same values "
                           f"and shape (5, 2), laid out column by column as a transposed "
                           f"tensor is; contiguous float64 features came back right) the "
                           f"returned features are {features.dtype} of shape "
                           f"{tuple(features.shape)}: your code treats a non-contiguous batch "
                           "another way (a rebuild with torch.tensor(t.tolist()) takes "
                           "PyTorch's default float32, a .contiguous() branch casts?); "
                           "features = features.to(device) moves any layout as it is")
    flat = X_train[:, 0]  # 1-D features: one number per example, a batch of 5
    _, features, _ = impl(torch.nn.Linear(1, 2), flat, y_train, "meta")
    if torch.is_tensor(features) and features.shape != flat.shape:
        how = (" (unsqueeze(0) or view(1, -1) of a 1-D tensor, as if it were one example? it "
               "is a batch of 5 examples of one feature each)" if features.shape == (1, 5) else
               " (unsqueeze(1): one feature per example made a column?)"
               if features.shape == (5, 1) else "")
        raise CheckFailure(f"for 1-D features of shape {tuple(flat.shape)} (2-D features of "
                           f"shape (5, 2) came back right) the returned features have shape "
                           f"{tuple(features.shape)}: your code reshaped them while moving"
                           f"{how}; features may come in any shape, so leave it as it is: "
                           "features = features.to(device)")
    # half-precision features keep their dtype; class indices past 256 (which neither half
    # type holds exactly) keep their values
    big = torch.tensor([257, 3, 1001, 0, 65])
    for dtype in (torch.float16, torch.bfloat16):
        name = str(dtype).replace("torch.", "")
        changed = []  # (device, dtype it came back in)
        for device in ("cpu", torch.device("cpu"), "meta"):
            _, features, labels = call_answer(
                impl, (NeuralNetwork(2, 2).to(dtype), X_train.to(dtype), big, device),
                f"move_to_device(a {name} model, {name} features, labels, {device!r})",
                [("unsupported ScalarType BFloat16", "NumPy has no bfloat16, so your code "
                  "sends the tensors through NumPy (.numpy(), np.asarray, torch.from_numpy), "
                  "which also cuts the features out of their autograd graph; move the "
                  "tensor itself, features = "
                  "features.to(device), which keeps every dtype")])
            if torch.is_tensor(features) and features.dtype != dtype:
                changed.append((device, features.dtype))
            if torch.is_tensor(labels) and labels.device.type == "cpu" and \
                    labels.shape == big.shape and not torch.equal(labels.long(), big):
                rounded = torch.equal(labels.long(), big.to(dtype).long())
                raise CheckFailure(
                    f"for {name} features with the int64 labels {big.tolist()} moved to "
                    f"{device!r}, the returned labels are {labels.tolist()}"
                    + (f": exactly the labels rounded to {name} (which cannot hold 257 or "
                       "1001), so your labels went through the features' dtype (joined with "
                       "the features in one tensor for a single transfer, or cast to "
                       "features.dtype); move each tensor on its own, labels = "
                       "labels.to(device), which keeps int64"
                       if rounded else ": your code changed the labels while moving; move "
                       "them as they are, labels = labels.to(device)"))
        if changed:
            device, got = changed[0]
            cpu_only = all(d != "meta" for d, _ in changed)
            raise CheckFailure(
                f"for {name} features (and a {name} model) moved to {device!r}, the returned "
                f"features are {got}: your code changes the dtype while moving"
                + (" to the CPU only (a .float() there, for CPUs without half-precision "
                   "support? PyTorch runs float16 and bfloat16 on the CPU)" if cpu_only else
                   f" to any device (a cast of {name} features, as if a device could not hold "
                   f"them? every device keeps {name}), and float32 features kept theirs"
                   if dtype == torch.bfloat16 else "")
                + "; moving keeps the dtype: features = features.to(device)")
    leaf = X_train.clone().requires_grad_(True)
    graph = leaf * 2  # features computed by an earlier layer, still in the autograd graph
    try:
        _, features, _ = impl(NeuralNetwork(2, 2), graph, y_train, "meta")
    except RuntimeError as err:
        if "requires_grad flags of leaf variables" not in str(err):
            raise
        raise CheckFailure(
            f"for features that are part of an autograd graph (made by x * 2), your code "
            f"raised RuntimeError: {err} Your code sets requires_grad on the moved features "
            "(requires_grad_(False), so that inputs need no gradient?): the moved copy of a "
            "tensor in a graph is no leaf, so its flag cannot be changed, and detaching it "
            "instead would cut the graph, so no gradient would reach the layers that made "
            "them; leave the flag alone: features = features.to(device)") from None
    if torch.is_tensor(features) and features.requires_grad and features.grad_fn is None:
        raise CheckFailure("features that were part of an autograd graph (made by x * 2) came "
                           "back requiring gradients but as a new leaf, with no grad_fn: "
                           "they were cut off (.detach(), torch.tensor(t) or t.data) and then "
                           "marked with requires_grad_(), which starts a new graph, so no "
                           "gradient reaches the layers that made them; t.to(device) alone "
                           "keeps them in the graph (grad_fn ToCopyBackward0)")
    if not features.requires_grad:
        try:  # to the CPU, where they are: t.to('cpu') hands back t itself, even in no_grad
            _, same, _ = impl(NeuralNetwork(2, 2), graph, y_train, "cpu")
            no_grad = torch.is_tensor(same) and same.requires_grad
        except Exception:  # noqa: BLE001 - a crash here is no evidence
            no_grad = False
        if no_grad:
            block = ("torch.inference_mode()" if "inference_mode" in _names_read(impl)
                     else "torch.no_grad()")
            raise CheckFailure("features that were part of an autograd graph came back from "
                               "'meta' without requires_grad (but kept it when already on the "
                               f"CPU): the move ran inside `with {block}:`, which "
                               "makes the moved copy leave the graph, so no gradient reaches "
                               f"the layers that made them; move outside {block}")
        raise CheckFailure("features that were part of an autograd graph came back without "
                           "requires_grad: .detach() (or torch.tensor(t), t.new_tensor(t), "
                           "t.data) cuts them off, so no gradient reaches the layers that made "
                           "them; "
                           "t.to(device) keeps them in the graph")


# --- exA_6: which examples each rank sees --------------------------------------------------------


def _shard_hint(got_all, n, world):
    """Say what differs in the shares of ``n`` examples over ``world`` ranks (no replayed
    mistake gives the answer's shares in every configuration it gets wrong)."""
    expected = [list(range(r, n // world * world, world)) for r in range(world)]
    mine = [i for share in got_all for i in share]
    extra = sorted(set(mine) - {i for share in expected for i in share})
    missing = sorted({i for share in expected for i in share} - set(mine))
    twice = sorted({i for i in mine if mine.count(i) > 1})
    what = "; ".join(part for part in (
        f"all ranks together: {got_all}, expected {expected}",
        f"indices given out that should be dropped or do not exist: {extra}" if extra else "",
        f"indices nobody got: {missing}" if missing else "",
        f"indices given to more than one rank or twice: {twice}" if twice else "") if part)
    return (f"No usual mistake gives these shares ({what}).{_rank_by_rank(got_all, expected)} "
            f"Every rank must get {n} // {world} = {n // world} examples, taking turns (rank r "
            "gets r, r + world_size, ...), and the leftover examples are dropped.")


def _rank_by_rank(got_all, expected):
    """' Rank by rank: ...' naming how each wrong rank's list differs from its right one (an
    index missing at one end, one extra, a shift, another start or step); "" when unclear."""
    notes = {}
    for r, (g, e) in enumerate(zip(got_all, expected)):
        if g == e:
            continue
        steps = {b - a for a, b in zip(g, g[1:])}
        kind = (f"its right indices in another order, {g} (a sort by another key, or a "
                "set?): keep them ascending (r, r + world_size, ...)" if sorted(g) == e else
                "its first index missing ([1:]?)" if g == e[1:] else
                "its last index missing" if g == e[:-1] else
                f"one index too many at the end ({g[-1]}"
                + (", its last index again)" if e and g[-1] == e[-1] else ")") if g[:-1] == e else
                f"one index too many at the start ({g[0]})" if g[1:] == e else
                f"every index shifted by {g[0] - e[0]:+d}" + (
                    f" (it starts at rank * share = {g[0]}, a block's start, where rank r "
                    "starts at r)" if r and g[0] == r * len(e) else "")
                if len(g) == len(e) and g and len(
                    {a - b for a, b in zip(g, e)}) == 1 else
                f"the right step but a start of {g[0]} (where r is {r})" if len(g) == len(e)
                and g and len(steps) <= 1 and steps <= {len(expected)} else
                f"a step of {steps.pop()} where world_size is {len(expected)}" if len(g) == len(
                    e) and g and g[0] == r and len(steps) == 1 else None)
        if kind is None:
            return ""
        notes.setdefault(kind, []).append(r)
    if not notes:
        return ""
    if len(notes) == 1:
        kind, ranks = next(iter(notes.items()))
        who = (f"every wrong rank ({', '.join(map(str, ranks))})" if len(ranks) > 1 else
               f"rank {ranks[0]}")
        return f" Rank by rank: {who} has {kind}."
    return " Rank by rank: " + "; ".join(f"rank {', '.join(map(str, ranks))}: {kind}"
                                          for kind, ranks in notes.items()) + "."


def _shard_pattern(runs):
    """What the answer's shares have in common over every (examples, ranks) pair, read from
    the shares themselves: the start, the step and the size of each rank's list, or where the
    leftover examples went; None when nothing is common to them all."""
    shares = [(n, w, r, g) for n, w, got_all, _ in runs for r, g in enumerate(got_all)]
    pairs = ", ".join(f"{n} on {w}: {[len(g) for g in got_all]}" for n, w, got_all, _ in runs
                      if got_all != [list(range(r, n // w * w, w)) for r in range(w)])

    def turns(g, r, w, step):
        return g == list(range(r, r + step * len(g), step)) if step else g == [r] * len(g)

    for who, rank_of in (("rank 0", lambda w: 0), ("the last rank", lambda w: w - 1)):
        def theirs(n, w, r, g, rank_of=rank_of):
            right = list(range(r, n // w * w, w))
            return g == right + (list(range(n // w * w, n)) if r == rank_of(w) else [])
        if all(theirs(*share) for share in shares):
            return (f"The shares are right except that {who} also got every leftover example "
                    f"(share sizes per rank, {pairs}): the leftovers, the num_examples % "
                    "world_size indices from (num_examples // world_size) * world_size on, go "
                    "to nobody; every rank gets num_examples // world_size.")
    if any(len(g) > 1 for *_, g in shares) and all(
            not g or turns(g, g[0], w, 1) for n, w, r, g in shares):
        stops = "; ".join(f"{n} on {w}: {[(g[0], g[-1]) if g else None for g in got_all]}"
                          for n, w, got_all, right in runs if got_all != right)
        starts = ("start at r as they should" if all(not g or g[0] == r for *_, r, g in
                                                     shares) else "start elsewhere")
        return (f"Every rank's indices run one after another (a step of 1; first and last "
                f"index per rank, {stops}), and they {starts}: your range has no step (range("
                "rank, stop) where range(rank, stop, world_size) belongs), or a block of "
                "consecutive indices per rank; the ranks take turns, rank r gets r, r + "
                "world_size, r + 2 * world_size, ...")
    ratios = {(b - a) / w for n, w, r, g in shares for a, b in zip(g, g[1:])}
    if len(ratios) == 1 and (m := ratios.pop()) != 1 and m > 0 and all(
            turns(g, r, w, round(m * w)) for n, w, r, g in shares if g):
        sizes = "; ".join(f"{n} on {w}: {[len(g) for g in got_all]} (should be {n // w} each)"
                          for n, w, got_all, right in runs if got_all != right)
        return (f"Every rank's indices start at r, as they should, but step by {m:g} * "
                f"world_size (rank r gets r, r + {m:g} * world_size, ...), so "
                + ("rounds are skipped and each share comes out short" if m > 1 else
                   "ranks overlap")
                + f" (share sizes per rank, {sizes}): the step is world_size itself, "
                "range(rank, (num_examples // world_size) * world_size, world_size).")
    if all(turns(g, r, w, w) for n, w, r, g in shares):
        for c in sorted({len(g) - n // w for n, w, r, g in shares if n // w}, key=abs):
            if c and all(len(g) == max(0, n // w + c) for n, w, r, g in shares):
                return (f"Every rank's indices start at r and step by world_size, as they "
                        f"should, but each share holds {abs(c)} {'more' if c > 0 else 'fewer'} "
                        f"than num_examples // world_size (share sizes per rank, {pairs}): "
                        f"a count {abs(c)} too "
                        f"{'many' if c > 0 else 'few'} (range(share {'+' if c > 0 else '-'} "
                        f"{abs(c)})?); every rank takes exactly num_examples // world_size.")
        def inverted(n, w, r, g):  # the trim cut from the ranks that hold no leftover
            share, rem = n // w, n % w
            return len(g) == (share + 1 if r < rem else max(0, share - 1) if r > rem
                              else share) or (r == rem and len(g) == max(0, share - 1))
        if all(inverted(*share) for share in shares):
            return (f"Every rank's indices start at r and step by world_size, as they should, "
                    f"but the ranks below num_examples % world_size hold one index too many "
                    f"and the ranks above it one too few (share sizes per rank, {pairs}): "
                    "your leftover trim is inverted, it cuts the last index from the ranks "
                    "that got no leftover (a test such as rank > num_examples % world_size) "
                    "instead of from those that did (rank < num_examples % world_size); or "
                    "stop every range at (num_examples // world_size) * world_size.")
        off = [(w, [r for r in range(w) if len(got_all[r]) != n // w])
               for n, w, got_all, _ in runs if any(len(g) != n // w for g in got_all)]
        top = all(ranks == list(range(w - len(ranks), w)) and len(ranks) < w
                  for w, ranks in off)
        stops = [1 + max((i for g in got_all for i in g), default=-1)
                 for n, w, got_all, _ in runs]
        if not top and all(stop <= n and got_all == [list(range(r, stop, w)) for r in range(w)]
               for stop, (n, w, got_all, _) in zip(stops, runs)):
            dropped = "; ".join(f"{n} on {w}: {n - stop} (should be {n % w})"
                                for stop, (n, w, got_all, right) in zip(stops, runs)
                                if got_all != right)
            return (f"Every rank's indices start at r and step by world_size up to one stop "
                    f"shared by all ranks, as they should, but that stop leaves out the wrong "
                    f"number of examples at the end (dropped, {dropped}): the leftover count "
                    "is num_examples % world_size, so the stop is num_examples - num_examples "
                    "% world_size = (num_examples // world_size) * world_size (a modulus or "
                    "a division by another number than world_size?).")
        which = ("; only the highest ranks are off in each of those, so your stop or count "
                 "depends on the rank (a bound such as num_examples - rank, or range(rank, "
                 "...) used as a count?), where every rank's share is the same"
                 if top else "")
        if all(len(g) == (w // n if n else 0) for n, w, got_all, _ in runs for g in got_all):
            which = ("; every share is world_size // num_examples, the two sizes swapped (3 "
                     "examples on 4 ranks gave each rank 1): the share is num_examples // "
                     "world_size")
        return (f"Every rank's indices start at r and step by world_size, as they should, but "
                f"the share sizes are wrong (per rank, {pairs}; each should be num_examples "
                f"// world_size){which}: look at where your range stops or how many you take.")
    # the right size and step, another start
    if all(len(g) == n // w and (not g or turns(g, g[0], w, w)) for n, w, r, g in shares):
        offsets = {g[0] - r for n, w, r, g in shares if g}
        starts = "; ".join(f"{n} on {w}: {[g[0] if g else None for g in got_all]}"
                           for n, w, got_all, _ in runs if got_all != [list(range(
                               r, n // w * w, w)) for r in range(w)])
        late = ("one round late (r + world_size: the first world_size examples go to nobody "
                "and indices past the usable ones are handed out)"
                if all(g[0] - r == w for n, w, r, g in shares if g) else
                f"shifted by {offsets.pop()}" if len(offsets) == 1 else
                f"at {k} * rank (the rank counted {k} times: added to a start that already "
                "holds it, or multiplied?)" if (k := next((k for k in range(2, 5) if all(
                    g[0] == k * r for n, w, r, g in shares if g)), None)) else "elsewhere")
        return (f"Each rank takes num_examples // world_size indices stepping by world_size, "
                f"as it should, but starts {late}: first index per rank, {starts}; rank r "
                "starts at index r (rank 0 at 0).")
    # start right, same size, but another step
    if all(len(g) == n // w and (not g or g[0] == r) for n, w, r, g in shares):
        steps = {(n, w): {b - a for n2, w2, r, g in shares if (n2, w2) == (n, w)
                          for a, b in zip(g, g[1:])} for n, w, _, _ in runs}
        if all(len(v) <= 1 for v in steps.values()):
            found = {w: v.pop() for (n, w), v in steps.items() if v}
            if found and all(step == w - 1 for w, step in found.items()):
                return (f"Each rank starts at index r and takes num_examples // world_size "
                        f"indices, as it should, but steps by world_size - 1 (steps per "
                        f"world_size: {dict(sorted(found.items()))}), so ranks overlap and "
                        "indices are skipped: the step is world_size itself (rank r gets r, r "
                        "+ world_size, r + 2 * world_size, ...).")
            if found:
                return (f"Each rank starts at index r and takes num_examples // world_size "
                        f"indices, as it should, but steps by {dict(sorted(found.items()))} "
                        "(world_size: step) instead of world_size: rank r gets r, r + "
                        "world_size, r + 2 * world_size, ...")
    return None


_NO_DROP = ("Every rank gets the same number of examples, num_examples // world_size (rounding "
            "down), and the leftover examples are dropped.")


def _no_drop_how(impl):
    """Why every example was handed out, from the answer's code: a share rounded up, true
    division, or a range that runs to num_examples."""
    tree = _source_tree(impl)
    if "ceil" in _names_read(impl):
        return (" Your share is rounded up (math.ceil), so some ranks keep a leftover: round "
                "down with num_examples // world_size.")
    if tree is not None and any(isinstance(node, ast.Div) for node in ast.walk(tree)):
        return (" (With true division, num_examples / world_size * world_size is num_examples "
                "again, so nothing is dropped: use //.)")
    return (" Your shares hold every index below num_examples, leftovers included (as "
            "range(rank, num_examples, world_size), a share rounded up such as "
            "-(-num_examples // world_size), or no cut at all gives): stop at "
            "(num_examples // world_size) * world_size.")


def _first_clause(text):
    """``text`` up to its first ': ' or '. ', without a parenthesis left open there."""
    clause = re.split(r"[:.] ", text, maxsplit=1)[0]
    return clause[:clause.rfind("(")].rstrip() if clause.count("(") > clause.count(")") \
        else clause


def _shard_replays(n, world):
    """cause -> every rank's share when the reference makes that mistake."""
    per_rank, up = n // world, -(-n // world)
    padded = (list(range(n)) * 2)[:up * world]
    replays = {
        "Each rank got a contiguous block of num_examples // world_size indices (rank r "
        "from r * share on: a block slice, chunk, or a grid of the kept indices read "
        "column-major, reshape(-1, world_size, order='F')), but the ranks take turns: "
        "rank r gets r, r + world_size, r + 2 * world_size, ...":
            lambda r: list(range(r * per_rank, (r + 1) * per_rank)),
        "Every rank starts at index 0; rank r starts at index r and steps by world_size.":
            lambda r: list(range(0, per_rank * world, world)),
        "You padded the shares by repeating examples from the start (drop_last=False "
        "behaviour); with drop_last=True the leftover examples are dropped instead.":
            lambda r: padded[r::world],
        _NO_DROP: lambda r: list(range(r, n, world)),
        "You split the indices into contiguous blocks of sizes as equal as possible (as "
        "np.array_split or torch.tensor_split do), so the first ranks get one more when the "
        "examples do not divide evenly. The ranks take turns instead (rank r gets r, r + "
        "world_size, ...), each gets num_examples // world_size, and the leftovers are dropped":
            lambda r: list(range(r * per_rank + min(r, n % world),
                                 (r + 1) * per_rank + min(r + 1, n % world))),
        "Your rank r starts at r * (num_examples // world_size), where its block would start, "
        "but steps by world_size, so ranks overlap and skip indices: rank r starts at index r "
        "and steps by world_size (r, r + world_size, ...)":
            lambda r: [r * per_rank + k * world for k in range(per_rank)],
        "Your rank r starts at r * world_size and takes consecutive indices: that mixes a "
        "block split (start r * share) with taking turns. The ranks take turns: rank r gets "
        "r, r + world_size, r + 2 * world_size, ... (start r, step world_size)":
            lambda r: [r * world + k for k in range(per_rank)],
        "Your slice [rank:world_size] stops at world_size where the step belongs, so rank r "
        "gets the consecutive indices r to world_size - 1: write [rank::world_size] (two "
        "colons: start rank, no stop, step world_size) over the kept (num_examples // "
        "world_size) * world_size indices.":
            lambda r: list(range(per_rank * world))[r:world],
        "Your range stops at num_examples // world_size, which is a count, not an index: "
        "stop at (num_examples // world_size) * world_size.":
            lambda r: list(range(r, per_rank, world)),
        "You kept the indices i with i % (num_examples // world_size) == rank (the share "
        "where world_size belongs), or, the same thing, laid the kept indices out as a grid "
        "of shape (world_size, num_examples // world_size) (view(world_size, -1)) and took "
        "column rank: the grid's shape is swapped. "
        "In the grid view(-1, world_size), of shape (num_examples // world_size, world_size), "
        "column rank holds rank, rank + world_size, ...; the swapped one is right only when "
        "the share equals world_size.":
            lambda r: [k * per_rank + r for k in range(world)] if r < per_rank else [],
        "When the examples do not divide evenly you dropped the last index of EVERY rank "
        "(world_size examples: range(r, num_examples, world_size) cut by [:-1], or a range "
        "that stops at num_examples - world_size, give the same), also of the ranks that got "
        "no leftover: drop only the num_examples % world_size leftovers at the end, i.e. stop at "
        "(num_examples // world_size) * world_size.":
            lambda r: list(range(r, n, world))[:-1] if n % world else list(range(r, n, world)),
        "You cut num_examples % world_size indices off EVERY rank's list (a slice such as "
        "[:-(num_examples % world_size) or None]), but the leftovers lie at the end of the "
        "whole data set: only ranks below num_examples % world_size hold one, and each holds "
        "one at most; stop at (num_examples // world_size) * world_size instead.":
            lambda r: list(range(r, n, world))[:-(n % world) or None],
        "Your indices count from 1 (rank r gets r + 1, r + 1 + world_size, ...), as if the "
        "dataset's first example were number 1: dataset indices start at 0, so rank r starts "
        "at index r.": lambda r: [i + 1 for i in range(r, per_rank * world, world)],
        "You dropped world_size examples even when they divide evenly (a range that stops at "
        "num_examples - world_size, or [:-1] on every rank's indices, which is the same): keep "
        "the first (num_examples // world_size) * world_size examples and drop only the rest.":
            lambda r: list(range(r, n - world, world)),
        "Your range stops one index early (usable - 1), so a rank can lose its last example: "
        "stop at (num_examples // world_size) * world_size.":
            lambda r: list(range(r, per_rank * world - 1, world)),
        "Your range stops one index late (usable + 1), so rank 0 can get a leftover example: "
        "stop at (num_examples // world_size) * world_size, which range() leaves out.":
            lambda r: list(range(r, per_rank * world + 1, world)),
        "You dropped only one leftover example; there are num_examples % world_size of them: "
        "keep the first (num_examples // world_size) * world_size examples.":
            lambda r: list(range(r, n - (1 if n % world else 0), world)),
        "Your share is (num_examples - 1) // world_size, one example short whenever the "
        "examples divide evenly (so is ceil((num_examples - world_size) / world_size), "
        "DistributedSampler's formula for an uneven split only, and so is dropping a whole "
        "round of world_size examples when nothing is left over, num_examples % world_size or "
        "world_size): the share is num_examples // world_size.":
            lambda r: [r + k * world for k in range((n - 1) // world)],
        "You dropped the leftovers only when there are at least as many examples as ranks: "
        "with fewer examples than ranks (3 on 4) every rank gets num_examples // world_size "
        "= 0, but your first ranks got one each (a special case such as if num_examples < "
        "world_size, which keeps them all); drop the leftovers in every case: stop at "
        "(num_examples // world_size) * world_size.":
            lambda r: list(range(r, n if n < world else per_rank * world, world)),
        "With exactly one example per rank (num_examples == world_size) every rank gets "
        "index rank, but yours got nothing: a test num_examples > world_size where >= "
        "belongs (or a share computed only above world_size?); num_examples // world_size "
        "needs no special case, and is 1 there.":
            lambda r: list(range(r, per_rank * world if n > world else 0, world)),
        "Every rank got at least one example (max(1, ...)); with fewer examples than ranks "
        "some ranks get none: the share is num_examples // world_size, which can be 0.":
            lambda r: [i for i in range(r, max(1, per_rank) * world, world)][:max(1, per_rank)],
        "Your range stops at num_examples - 1, which drops the last example always (even when "
        "the examples divide evenly) and can keep a leftover: stop at (num_examples // "
        "world_size) * world_size.": lambda r: list(range(r, n - 1, world)),
        "You dropped world_size - num_examples % world_size examples (the number a padding "
        "sampler would add); drop the num_examples % world_size leftovers instead: keep the "
        "first (num_examples // world_size) * world_size examples.":
            lambda r: list(range(r, n - (world - n % world), world)),
        "You rounded num_examples / world_size to the nearest whole number, which can hand "
        "out leftovers; round down with //.":
            lambda r: list(range(r, round(n / world) * world, world))[:round(n / world)],
        "You dropped the leftover examples from the front; DistributedSampler keeps the first "
        "(num_examples // world_size) * world_size examples and drops those at the end.":
            lambda r: list(range(n - per_rank * world + r, n, world)),
        "Your ranks are shifted by one (rank r starts at index r + 1, as if ranks counted from "
        "1): rank r starts at index r, rank 0 at index 0.":
            lambda r: [(r + 1) % world + k * world for k in range(per_rank)],
        "Your rank r starts at index r - 1 (as if ranks counted from 1), so rank 0 starts at "
        "-1, an index that does not exist: rank r starts at index r, rank 0 at index 0.":
            lambda r: list(range(r - 1, per_rank * world, world)),
        "Your ranks come in reverse order (rank r starts where rank world_size - 1 - r "
        "should): rank r starts at index r, rank 0 at index 0.":
            lambda r: list(range(world - 1 - r, per_rank * world, world)),
        "Your indices come in descending order (reversed, or sorted(..., reverse=True)); "
        "DistributedSampler gives each rank its indices in ascending order: r, r + "
        "world_size, ...": lambda r: list(range(r, per_rank * world, world))[::-1],
        "Your step is a fixed 2 (the two ranks of the book's run), not world_size: with "
        "world_size=3 rank r gets r, r + 3, r + 6, ...":
            lambda r: list(range(r, per_rank * world, 2)),
        "Your code assumes 2 ranks (a step of 2 and a share of num_examples // 2): use "
        "world_size, the number of ranks you are given, for both":
            lambda r: list(range(r, n // 2 * 2, 2)),
        "Your indices stop at num_examples - world_size (index i is kept only if i + "
        "world_size <= num_examples: a range that stops at num_examples - world_size + 1, or "
        "a share of (num_examples - rank) // world_size for rank r), which cuts off the last "
        "round unless num_examples % world_size == world_size - 1 (as for 5 examples on 2 "
        "ranks): every rank's share is num_examples // world_size; stop at (num_examples // "
        "world_size) * world_size.": lambda r: list(range(r, n - world + 1, world)),
        "You dropped world_size % num_examples examples (the operands of % swapped; the "
        "leftovers are num_examples % world_size): with 3 examples on 4 ranks that drops 1 "
        "and hands out 2, where every rank should get 3 // 4 = 0; keep the first "
        "(num_examples // world_size) * world_size examples.":
            lambda r: list(range(r, n - world % n, world)),
        "You shuffled the indices (DistributedSampler's default shuffle=True); this exercise "
        "asks for shuffle=False: the ranks take turns over 0, 1, 2, ... in order.":
            lambda r: list(DistributedSampler(TensorDataset(torch.arange(n)), num_replicas=world,
                                              rank=r, shuffle=True, seed=0, drop_last=True)),
        "The last rank also took the leftover examples (they went to rank world_size - 1), so "
        "the shares are unequal and the ranks take different numbers of steps; drop the "
        "leftovers: every rank gets num_examples // world_size.":
            lambda r: list(range(r, per_rank * world, world))
            + (list(range(per_rank * world, n)) if r == world - 1 else []),
        "Your share is num_examples % world_size (the leftover count, with % where // "
        "belongs): the share is num_examples // world_size.":
            lambda r: [r + k * world for k in range(n % world)],
        "Every rank got nothing when the examples divide evenly (right otherwise): a slice "
        "that stops at -(num_examples % world_size) stops at -0, which is 0, the start of the "
        "list; stop at (num_examples // world_size) * world_size instead.":
            lambda r: list(range(n))[r:-(n % world):world],
        "You swapped the share and the step: rank r gets r + k * (num_examples // "
        "world_size) for k in range(world_size), which only matches when the two are equal "
        "(5 examples on 2 ranks, 10 on 3); rank r gets r + k * world_size for k in "
        "range(num_examples // world_size).":
            lambda r: [r + k * per_rank for k in range(world)],
        "Your step is num_examples // world_size, the share size, where world_size belongs "
        "(a slice [rank:usable:share] or range(rank, usable, share)): it matches only when the "
        "two are equal (5 examples on 2 ranks, 10 on 3); rank r gets r, r + world_size, r + 2 "
        "* world_size, ... up to (num_examples // world_size) * world_size.":
            lambda r: list(range(r, per_rank * world, max(per_rank, 1))),
        "You cut the last index off the ranks at or above num_examples % world_size (the "
        "test inverted: rank >= num_examples % world_size), but those got no leftover; "
        "range(rank, num_examples, world_size) gives one extra only to the ranks BELOW "
        "num_examples % world_size: cut there (rank < num_examples % world_size), or stop at "
        "(num_examples // world_size) * world_size.":
            lambda r: list(range(r, n, world))[:-1] if n % world and r >= n % world
            else list(range(r, n, world)),
        "You cut the last index off the ranks up to AND including num_examples % world_size "
        "(rank <= ...: one rank too many), so rank num_examples % world_size, which got no "
        "leftover, lost an example: the ranks holding a leftover are those with rank < "
        "num_examples % world_size; or stop at (num_examples // world_size) * world_size.":
            lambda r: list(range(r, n, world))[:-1] if n % world and r <= n % world
            else list(range(r, n, world)),
        "You rounded num_examples down with a bit mask, num_examples & ~(world_size - 1), "
        "which gives a multiple of world_size only when world_size is a power of two (1, 2, "
        "4, ...); with 3 ranks it keeps the wrong number of examples: use (num_examples // "
        "world_size) * world_size.":
            lambda r: list(range(r, n & ~(world - 1), world)),
        "Your range stops at rank + share * world_size - 1: that is past each rank's last "
        "index when world_size > 1, but with a single rank (world_size 1) it IS the last "
        "index, which range() leaves out: stop at rank + share * world_size, or at "
        "(num_examples // world_size) * world_size.":
            lambda r: list(range(r, r + per_rank * world - 1, world)),
        "Your range stops at num_examples - num_examples // world_size (the examples minus "
        "the share); the examples kept are the share times the ranks, (num_examples // "
        "world_size) * world_size, and only the num_examples % world_size after them are "
        "dropped.": lambda r: list(range(r, n - per_rank, world)),
        "The ranks holding a leftover drop their FIRST index (pop(0), or [1:]) where the "
        "leftover is their LAST one: range(rank, num_examples, world_size) gives the ranks "
        "below num_examples % world_size one index past the usable examples, at the end; "
        "cut that one (pop() or [:share]), or stop at (num_examples // world_size) * "
        "world_size.":
            lambda r: list(range(r, n, world))[1:] if len(range(r, n, world)) > per_rank
            else list(range(r, n, world)),
        "Your rank r starts at r * world_size, with the right step and stop: the ranks take "
        "turns within each round of world_size examples, so rank r starts at index r (r, r + "
        "world_size, r + 2 * world_size, ...); start the range at rank.":
            lambda r: list(range(r * world, per_rank * world, world)),
        "Your share is round(num_examples / world_size - 0.5), a floor written with round(): "
        "Python's round() sends a half to the even number (2.5 to 2, 1.5 to 2), so the share "
        "is one short whenever num_examples / world_size is an odd whole number (6 on 2, 7 on "
        "1); floor-divide instead, num_examples // world_size.":
            lambda r: list(range(r, round(n / world - 0.5) * world, world)),
    }
    return {k: [f(r) for r in range(world)] for k, f in replays.items()}


def check_shard_indices(impl):
    try:
        names = list(inspect.signature(impl).parameters)
    except (TypeError, ValueError):
        names = []
    stub = ["num_examples", "rank", "world_size"]
    if sorted(names) == sorted(stub) and names != stub:
        order, right = ", ".join(names), ", ".join(stub)
        raise CheckFailure(f"your shard_indices takes its arguments in the order ({order}), "
                           "but callers pass them by position as (num_examples, rank, "
                           "world_size), so your code reads each value under another name "
                           "(shard_indices(5, 0, 2) hands your second parameter the rank 0 "
                           f"and your third the world_size 2): keep the order def "
                           f"shard_indices({right})")
    try:
        inspect.signature(impl).bind(num_examples=5, rank=1, world_size=2)
    except TypeError:
        raise CheckFailure(f"your shard_indices names its parameters ({', '.join(names)}), not "
                           f"({', '.join(stub)}) as the stub does, so a caller who passes them "
                           "by name, shard_indices(num_examples=5, rank=1, world_size=2), gets "
                           "a TypeError"
                           + (" (DistributedSampler says num_replicas; this function's "
                              "contract says world_size)" if "num_replicas" in names else "")
                           + ": keep the stub's names, def "
                           f"shard_indices({', '.join(stub)})") from None
    except ValueError:  # no signature to read (a builtin): the calls below judge it
        pass
    check_cases(state_probed(impl, probe_first=False, cases=[
        ("nine (examples, ranks) pairs", _check_shares),
        ("a list of its own for every call", _check_fresh_list),
        ("a call inside a torchrun process of another rank", _check_torchrun_env)]))


def _check_torchrun_env(impl):
    """Called where torchrun has set RANK=3 and WORLD_SIZE=4 (as inside any DDP process), the
    function still answers for the rank and world_size it is given: a caller asks about other
    ranks (to print every rank's share, or to plan a run) from any process."""
    names = ("RANK", "WORLD_SIZE", "LOCAL_RANK", "LOCAL_WORLD_SIZE")
    saved = {name: os.environ.get(name) for name in names}
    os.environ.update(RANK="3", WORLD_SIZE="4", LOCAL_RANK="3", LOCAL_WORLD_SIZE="4")
    try:
        got = [impl(10, rank, 2) for rank in (0, 1)]
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    expected = [[0, 2, 4, 6, 8], [1, 3, 5, 7, 9]]
    # a tuple or a range of the right indices is right too: the earlier cases judge the type
    got = [list(g) if isinstance(g, (list, tuple, range)) else g for g in got]
    if got == expected:
        return

    def share(rank, world_size):
        return list(range(rank, 10 // world_size * world_size, world_size))

    what = (f"with RANK=3 and WORLD_SIZE=4 set in the environment (as torchrun sets them in "
            f"every process), shard_indices(10, 0, 2) and shard_indices(10, 1, 2) returned "
            f"{got[0]} and {got[1]}, expected {expected[0]} and {expected[1]}")
    read = next((what_read for what_read, replay in (
        ("RANK and WORLD_SIZE", [share(3, 4)] * 2),
        ("RANK", [share(3, 2)] * 2),
        ("WORLD_SIZE", [share(0, 4), share(1, 4)])) if got == replay), None)
    if read:
        raise CheckFailure(
            f"{what}: your function reads {read} from the environment (os.environ[...]) instead "
            "of its arguments; it answers for the rank "
            "and world_size it is given, which a caller may choose freely (to print every "
            "rank's share from one process, or to plan a run before torchrun starts): use "
            "the arguments alone")
    raise CheckFailure(f"{what}: the same calls without those variables came out right, so "
                       "your function depends on the environment; use its arguments alone")


def _check_shares(impl):
    """Every rank of nine (examples, ranks) pairs, judged together."""
    runs = []
    array = None  # the message for a NumPy or torch array returned, told after every call ran
    floats = None  # the message for float indices (0.0 == 0, so the shares alone look right)
    for num_examples, world_size in [(5, 2), (10, 3), (8, 4), (7, 1), (3, 4), (12, 2), (11, 4),
                                    (6, 2), (3, 3)]:
        got_all, expected_all = [], []
        runs.append((num_examples, world_size, got_all, expected_all))
        for rank in range(world_size):
            result = call_answer(impl, (num_examples, rank, world_size),
                                 f"shard_indices({num_examples}, rank={rank}, "
                                 f"world_size={world_size})", [
                ("pop from empty list", f"A rank's list was already empty when your code "
                 f"popped from it: {num_examples} examples on {world_size} ranks give rank "
                 f"{rank} range({rank}, {num_examples}, {world_size}) = "
                 f"{list(range(rank, num_examples, world_size))}. Only the ranks below "
                 "num_examples % world_size hold a leftover to pop (rank < num_examples % "
                 "world_size); or stop the range at (num_examples // world_size) * world_size "
                 "and pop nothing."),
                ("'float' object cannot be interpreted as an integer", f"range() got a "
                 f"float: with / a share is a float ({num_examples} / {world_size} = "
                 f"{num_examples / world_size:g}) even when it divides evenly; use // for the "
                 f"share, {num_examples} // {world_size} = {num_examples // world_size}, and "
                 "for any stop computed from it."),
                ("inconsistent with step sign", (floats + ". Also, " if floats else "")
                 + "torch.arange refuses a start beyond its end, which happens when a rank "
                 "gets no examples; use range(...) and return a list (an empty one here)."),
                ("must not be zero", f"A step of 0 with rank=0 (num_examples // world_size "
                 f"is {num_examples // world_size} here, not 0): your range steps by rank "
                 "(rank and world_size swapped, range(world_size, ..., rank)?); rank r starts "
                 "at index r and steps by world_size: range(rank, ..., world_size)."
                 if rank == 0 and num_examples // world_size else
                 f"A step of 0: here num_examples // world_size is "
                 f"{num_examples // world_size}. The ranks take turns, so the step is "
                 "world_size (rank r gets r, r + world_size, ...), not the share size "
                 "num_examples // world_size."),
                ("process group has not been initialized", "DistributedSampler without "
                 "num_replicas= and rank= asks the default process group for them, and no "
                 "process group runs here (no torchrun, no init_process_group): pass "
                 "num_replicas=world_size and rank=rank (with shuffle=False and "
                 "drop_last=True), or compute the indices with range()."),
                (ValueError, _few_examples_refused(impl, num_examples, rank, world_size) or
                 f"rank={rank} is a valid rank for world_size={world_size} "
                 f"(the ranks run from 0 to world_size - 1 = {world_size - 1}); if this "
                 "error is your own check of the rank, it rejects a valid one (a bound one "
                 "short, such as rank < world_size - 1?): the valid ranks are 0 <= rank < "
                 "world_size."),
                ("out of bounds", _grid_row_hint(runs, num_examples, rank, world_size)),
                (ZeroDivisionError, f"With {num_examples} examples on {world_size} ranks the "
                 f"share num_examples // world_size is {num_examples // world_size}"
                 + (", and your code divides by it (or by share * world_size): a step or a "
                    "count derived from the share? The ranks take turns whatever the share: "
                    "the step is world_size, and a share of 0 gives every rank an empty "
                    "list, range(rank, share * world_size, world_size)."
                    if num_examples < world_size else ": your code divides by a count that "
                    "is 0 here; no division but num_examples // world_size is needed."))])
            if isinstance(result, (set, frozenset, dict)):
                raise CheckFailure(f"shard_indices({num_examples}, rank={rank}, world_size="
                                   f"{world_size}) returned a {type(result).__name__}, "
                                   f"{result!r}: a set keeps no order (a rank reads its "
                                   "indices in order: r, r + world_size, ...) and no repeats; "
                                   "return a list, list(range(...))")
            if hasattr(result, "__next__") or not hasattr(result, "__len__"):
                raise CheckFailure(f"shard_indices({num_examples}, rank={rank}, world_size="
                                   f"{world_size}) returned a {type(result).__name__}, which "
                                   "can be read only once and has no len(): return a list, "
                                   "list(range(...)) (a generator expression in parentheses "
                                   "is not a list; use square brackets)")
            try:
                got_all.append([int(i) for i in result])
            except TypeError:
                raise CheckFailure(f"shard_indices({num_examples}, rank={rank}, world_size="
                                   f"{world_size}) returned {result!r}; return a list of "
                                   "indices") from None
            if floats is None and any(isinstance(i, float) for i in result):
                floats = (f"shard_indices({num_examples}, rank={rank}, world_size={world_size}) "
                          f"returned {list(result)}: float indices, not ints (they compare "
                          "equal to the ints, but a list or tensor cannot be indexed with 0.0). "
                          "A float start, stop or step makes every index a float: "
                          "torch.arange(float(rank), ...) or np.arange with a float, then "
                          ".tolist(), or a share from / division; return ints, "
                          "list(range(rank, (num_examples // world_size) * world_size, "
                          "world_size))")
            odd = next((i for i in result if type(i) is not int), None)
            if (array is None and odd is not None
                    and type(result).__module__.split(".")[0] not in ("numpy", "torch")
                    and type(odd).__module__.split(".")[0] in ("numpy", "torch")):
                array = (f"shard_indices({num_examples}, rank={rank}, world_size={world_size}) "
                         f"returned a {type(result).__name__} of {type(odd).__module__}."
                         f"{type(odd).__name__} ({odd!r}, ...), not of Python ints: each is an "
                         f"array scalar, printed as {odd!r} (list() of an array, or a loop "
                         f"over one, gives those); return plain ints, here {got_all[-1]}: "
                         "array.tolist() or list(range(...))")
            if array is None and type(result).__module__.split(".")[0] in ("numpy", "torch"):
                array = (f"shard_indices({num_examples}, rank={rank}, world_size={world_size}) "
                         f"returned a {type(result).__module__}.{type(result).__name__}, "
                         f"{result!r}; return a list of ints, here {got_all[-1]}: .tolist() or "
                         "list(range(...)); an array compares element by element, so it is "
                         f"never equal to the list {got_all[-1]}")  # a range is fine
            expected_all.append(list(DistributedSampler(
                TensorDataset(torch.arange(num_examples)), num_replicas=world_size, rank=rank,
                shuffle=False, drop_last=True)))
    # a cause that reproduces the shares of every configuration is the best evidence
    # (or failing that, every configuration the answer gets wrong); one configuration alone is
    # weak evidence: two mistakes often agree on it
    replays = {(n, w): _shard_replays(n, w) for n, w, _, _ in runs}
    tree = _source_tree(impl)  # the bit mask ties with other stops here: named only if used
    if tree is None or not any(isinstance(node, ast.BitAnd) for node in ast.walk(tree)):
        for table in replays.values():
            table.pop(next(c for c in table if c.startswith("You rounded num_examples down "
                                                            "with a bit mask")))
    wrong = [run for run in runs if run[2] != run[3]]
    everywhere = next((c for c in replays[5, 2] if all(
        replays[n, w][c] == g for n, w, g, _ in runs)), None)
    if everywhere is None:  # fits only the pairs it gets wrong: say which came out right
        fits = [c for c in replays[5, 2] if all(replays[n, w][c] == g for n, w, g, _ in wrong)]
        everywhere = fits[0] if fits else None
        if len(fits) > 1:  # the wrong pairs alone leave these mistakes tied: name them all
            everywhere = (f"{len(fits)} usual mistakes give exactly your wrong shares, and "
                          "these cases cannot tell them apart. One: " + fits[0] + " Or: "
                          + "; or: ".join(_first_clause(c) for c in fits[1:]) + ".")
        if everywhere is not None:
            everywhere += (" (Your shares were right for " + ", ".join(
                f"{n} on {w}" for n, w, g, e in runs if g == e) + " and wrong for " + ", ".join(
                f"{n} on {w}" for n, w, _, _ in wrong) + ": what sets those apart?)")
    for num_examples, world_size, got_all, expected_all in runs:
        for rank, (got, expected) in enumerate(zip(got_all, expected_all)):
            if got != expected:
                hint = everywhere or _rank_not_read(impl) or _shard_pattern(runs) or \
                    _shard_hint(got_all, num_examples, world_size)
                hint += _no_drop_how(impl) if hint == _NO_DROP else ""
                raise CheckFailure(f"shard_indices({num_examples}, rank={rank}, world_size="
                                   f"{world_size}) returned {got}, expected {expected}. {hint}")
    if array is not None or floats is not None:
        raise CheckFailure(array or floats)


def _rank_not_read(impl):
    """A hint when freshly loaded copies, asked first for rank 2 and for rank 1 of 10 on 3,
    both return rank 0's indices: the rank comes from somewhere else than the argument."""
    try:
        got = [[int(i) for i in fresh_copy(impl)(10, rank, 3)] for rank in (2, 1)]
    except Exception:  # noqa: BLE001 - a crash (or no fresh copy) is no evidence
        return None
    if got != [[0, 3, 6], [0, 3, 6]]:
        return None
    return ("Asked for rank 2 (and, in another fresh copy, rank 1) of 10 examples on 3 ranks "
            "as its first call, a freshly loaded copy of your file returned rank 0's indices "
            "[0, 3, 6] both times: your code does not take the rank from its rank argument (a "
            "counter of the calls, or a rank kept in a global, hands the ranks out in the order "
            "of the calls); rank r starts at index r: range(rank, usable, world_size)")


def _grid_row_hint(runs, num_examples, rank, world_size):
    """The hint for an index out of bounds when every share so far was a row of a (share,
    world_size) grid of the usable indices (rank r: r * world_size, ..., r * world_size +
    world_size - 1); "" without that evidence."""
    seen = [(w, r, got) for _, w, gots, _ in runs for r, got in enumerate(gots)]
    if not seen or any(got != list(range(r * w, (r + 1) * w)) for w, r, got in seen):
        return ""
    share = num_examples // world_size
    return (f"Every rank before this one got world_size consecutive indices, rank r the "
            f"indices from r * world_size on: a row of the usable indices laid out as a grid "
            f"of num_examples // world_size rows and world_size columns (here {share} x "
            f"{world_size}), taken by rank (grid[rank]); the grid has only {share} "
            f"row{'s' if share != 1 else ''}, so rank {rank} has none. A rank's indices are "
            f"its COLUMN, grid[:, rank]: rank, rank + world_size, ..., that is "
            "list(range(rank, (num_examples // world_size) * world_size, world_size)).")


def _few_examples_refused(impl, num_examples, rank, world_size):
    """A hint when the answer refuses fewer examples than ranks but takes this rank with
    enough examples (its error is about the data, not the rank); else None."""
    if num_examples >= world_size:
        return None
    try:
        impl(2 * world_size, rank, world_size)
    except Exception:  # noqa: BLE001 - the rank itself is refused: the rank hint applies
        return None
    return (f"Your code takes rank={rank} with {2 * world_size} examples, so the error is "
            f"about having fewer examples ({num_examples}) than ranks ({world_size}), which "
            f"is allowed: each share is {num_examples} // {world_size} = 0, so every rank gets "
            "an empty list (DistributedSampler with drop_last=True gives each rank nothing); "
            "return [] there, do not raise")


def _check_fresh_list(impl):
    """A caller may edit the list it gets (shuffle it, append to it): the next call must not
    see that edit (a cache such as functools.lru_cache hands out one list object)."""
    first = impl(5, 0, 2)
    if not isinstance(first, list):
        return
    first.append(4)
    again = impl(5, 0, 2)
    if again is first or list(again) != [0, 2]:
        raise CheckFailure("shard_indices(5, rank=0, world_size=2) gave [0, 2]; after the "
                           "caller appended 4 to that list, the next call returned "
                           f"{list(again)}: every call hands out the same list object (a "
                           "cache such as functools.lru_cache, or a list kept in a global). "
                           "Build a new list on every call")


EXERCISES = [
    Exercise(id="exA_1", file="exA_1_count_parameters.py", entry="count_parameters",
             title="Count the trainable parameters of a network", check=check_count_parameters),
    Exercise(id="exA_2", file="exA_2_points_dataset.py", entry="PointsDataset",
             title="A Dataset for new data given as rows", check=check_points_dataset),
    Exercise(id="exA_3", file="exA_3_training_loop.py", entry="train",
             title="Write the training loop", check=check_train),
    Exercise(id="exA_4", file="exA_4_accuracy.py", entry="compute_accuracy",
             title="Compute a classifier's accuracy over a data loader",
             check=check_compute_accuracy),
    Exercise(id="exA_5", file="exA_5_move_to_device.py", entry="move_to_device",
             title="Move a model and a batch to a device", check=check_move_to_device),
    Exercise(id="exA_6", file="exA_6_shard_indices.py", entry="shard_indices",
             title="Which examples each rank trains on (DistributedSampler)",
             check=check_shard_indices),
]

# every check also fails an answer that changes PyTorch's global defaults
