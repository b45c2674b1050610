"""Tests for llmscratch.fast and llmscratch.fast.options: GPTModelFast is GPTModel computed
differently, and the opt-in options refuse to turn on where they are unsupported.

Tiny configs only; no timings are asserted anywhere (speed is measured by
``benchmarks/compare_peers.py``, which one test runs in its seconds-long ``--quick`` mode).
"""

from __future__ import annotations

import copy
import importlib.util
import json
import math
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

from llmscratch import (
    GPTModel,
    MultiHeadAttention,
    config_of,
    generate_text_simple,
    generate_text_simple_cached,
)
from llmscratch.fast import (
    FastMultiHeadAttention,
    GPTModelFast,
    LowPrecisionLinear,
    UnsupportedOptionError,
    bf16_autocast,
    compile_model,
    kernels,
    layers,
    quantize_for_generation,
    supported_options,
    to_fast_model,
)
from llmscratch.fast import decode as fast_decode
from llmscratch.fast import model as fast_module
from llmscratch.fast import options as fast_options

ROOT = Path(__file__).resolve().parents[2]


pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture
def cfg(tiny_cfg):
    return {**tiny_cfg, "vocab_size": 300}  # a small head keeps the tests fast


def pair(cfg, seed=123):
    """A GPTModel and a GPTModelFast built under the same seed."""
    torch.manual_seed(seed)
    book = GPTModel(cfg)
    torch.manual_seed(seed)
    return book, GPTModelFast(cfg)


# --- the same model ----------------------------------------------------------------------------


@pytest.mark.parametrize("qkv_bias", [False, True])
def test_same_weights_keys_and_shapes(cfg, qkv_bias):
    book, fast = pair({**cfg, "qkv_bias": qkv_bias})
    book_sd, fast_sd = book.state_dict(), fast.state_dict()
    # invariant: the state_dict keys are the book's, in the same order (either loads the other)
    assert list(book_sd) == list(fast_sd)
    # invariant: the same seed gives the same initial weights (layers are created in book order)
    for key in book_sd:
        assert torch.equal(book_sd[key], fast_sd[key]), key


def test_state_dict_round_trip(cfg):
    book, _ = pair(cfg, seed=1)
    _, fast = pair(cfg, seed=2)
    fast.load_state_dict(book.state_dict())
    other = GPTModel(cfg)
    other.load_state_dict(fast.state_dict())
    # invariant: GPTModel -> GPTModelFast -> GPTModel keeps every tensor exactly
    for key, value in book.state_dict().items():
        assert torch.equal(other.state_dict()[key], value), key


def eval_difference(book, fast, x):
    """Largest |logit difference| of the two models in eval mode without gradients."""
    book.eval(), fast.eval()
    with torch.no_grad():
        return (book(x) - fast(x)).abs().max().item()


@pytest.mark.parametrize("qkv_bias", [False, True])
def test_eval_outputs_equal(cfg, qkv_bias):
    book, fast = pair({**cfg, "drop_rate": 0.1, "qkv_bias": qkv_bias})
    x = torch.randint(0, cfg["vocab_size"], (3, cfg["context_length"]))
    diff, short = eval_difference(book, fast, x), eval_difference(book, fast, x[:, :5])
    # invariant: in eval mode the two models give the same logits within 1e-5
    assert diff < 1e-5 and short < 1e-5, (diff, short)


def test_gradients_equal(cfg):
    book, fast = pair({**cfg, "qkv_bias": True})
    x = torch.randint(0, cfg["vocab_size"], (2, cfg["context_length"]))
    y = torch.randint(0, cfg["vocab_size"], (2, cfg["context_length"]))
    for model in (book, fast):
        torch.nn.functional.cross_entropy(model(x).flatten(0, 1), y.flatten()).backward()
    named_book = dict(book.named_parameters())
    for name, param in fast.named_parameters():
        ref = named_book[name].grad
        # invariant: every parameter (also each of W_query/W_key/W_value, fused in the forward)
        # receives the book model's gradient, up to float rounding
        assert param.grad is not None, name
        torch.testing.assert_close(param.grad, ref, rtol=1e-4, atol=1e-6, msg=name)


def test_dropout_is_applied_in_training_only(cfg):
    torch.manual_seed(0)
    att = FastMultiHeadAttention(8, 8, context_length=6, dropout=0.5, num_heads=2)
    x = torch.rand(2, 6, 8)
    # invariant: attention dropout is active in training (two calls differ)...
    assert not torch.allclose(att(x), att(x))
    att.eval()
    ref = MultiHeadAttention(8, 8, context_length=6, dropout=0.5, num_heads=2).eval()
    ref.load_state_dict(att.state_dict())
    # ...and off in eval mode, where the module equals the book's MultiHeadAttention
    torch.testing.assert_close(att(x), ref(x), rtol=0, atol=1e-6)


def test_dropout_keeps_expectation(cfg):
    # the mean over many dropout draws approaches the eval output (dropout rescales by 1/(1-p))
    torch.manual_seed(0)
    att = FastMultiHeadAttention(8, 8, context_length=4, dropout=0.3, num_heads=2)
    x = torch.rand(1, 4, 8).expand(4000, 4, 8)
    with torch.no_grad():
        mean_train = att(x).mean(0)
        att.eval()
        mean_eval = att(x[:1])[0]
    # invariant: inverted dropout is unbiased (tolerance ~ 5 standard errors of the mean)
    torch.testing.assert_close(mean_train, mean_eval, rtol=0, atol=0.03)


def test_fast_kernels_replace_plain_layers(cfg):
    _, fast = pair({**cfg, "drop_rate": 0.1})
    kinds = {type(m) for m in fast.modules()}
    # invariant: no plain nn.Linear / nn.Dropout is left; the fast subclasses keep the parameters
    assert torch.nn.Linear not in kinds and torch.nn.Dropout not in kinds
    assert kernels.FastLinear in kinds and layers.FastDropout in kinds
    fast.eval(), fast.train()
    # invariant: switching modes keeps row-major weights (fused AdamW is fast on them)
    assert all(p.is_contiguous() for p in fast.parameters())


def linear_gradient_errors(linear_fn, bias):
    """Largest differences of ``linear_fn``'s output and gradients from ``F.linear``'s."""
    gen = torch.Generator().manual_seed(0)
    x = torch.randn(2, 5, 12, generator=gen).transpose(0, 1)  # non-contiguous input
    w, b = torch.randn(7, 12, generator=gen), torch.randn(7, generator=gen) if bias else None
    upstream = torch.randn(5, 2, 7, generator=gen)
    results = []
    for fn in (torch.nn.functional.linear, linear_fn):
        leaves = [t.clone().requires_grad_() for t in (x, w, b) if t is not None]
        out = fn(*leaves, *([None] if b is None else []))
        out.backward(upstream)
        results.append([out] + [leaf.grad for leaf in leaves])
    return [(a - c).abs().max().item() for a, c in zip(*results)]


@pytest.mark.parametrize("piece_rows", [None, 3])
@pytest.mark.parametrize("grads_by_onednn", [(False, False), (True, False), (False, True),
                                             (True, True)])
@pytest.mark.parametrize("bias", [False, True])
def test_fast_linear_equals_linear_with_gradients(bias, grads_by_onednn, piece_rows,
                                                  monkeypatch):
    # dL/dx and dL/dW each by torch.mm or by oneDNN: whichever this CPU measured faster, all
    # four pairings must be right
    monkeypatch.setattr(kernels, "_GRAD_BY_ONEDNN",
                        dict(zip(("dL/dx", "dL/dW"), grads_by_onednn)))
    if piece_rows:  # the 7 outputs count as wide: pieces of 3, 3 and 1 (the head's path)
        monkeypatch.setattr(kernels, "_PIECE_ROWS", piece_rows)
        assert kernels._wide(torch.empty(7, 12))
    # invariant: oneDNN is used here (the build machine's CPU has it), through our autograd node
    assert kernels.onednn_usable()
    x = torch.randn(3, 4, requires_grad=True)
    assert "OneDNN" in type(kernels.fast_linear(x, torch.randn(2, 4)).grad_fn).__name__
    # invariant: output, dL/dx, dL/dW (and dL/db) equal F.linear's up to float rounding
    assert max(linear_gradient_errors(kernels.fast_linear, bias)) < 1e-5


def test_fast_linear_gradient_check_catches_wrong_backward(monkeypatch):
    backward = kernels._OneDNNLinearFunction.backward

    def no_bias_gradient(ctx, grad_out):  # mutant: forgets dL/db
        grad_x, grad_w, _, _ = backward(ctx, grad_out)
        return grad_x, grad_w, torch.zeros(grad_out.shape[-1]), None

    monkeypatch.setattr(kernels._OneDNNLinearFunction, "backward",
                        staticmethod(no_bias_gradient))
    # invariant: the check above rejects a backward that drops the bias gradient
    assert max(linear_gradient_errors(kernels.fast_linear, bias=True)) > 0.1


def test_fast_linear_gradient_check_catches_misplaced_input_gradient_rows(monkeypatch):
    monkeypatch.setattr(kernels, "_GRAD_BY_ONEDNN", {"dL/dx": False, "dL/dW": False})
    backward = kernels._OneDNNLinearFunction.backward

    def misplaced_rows(ctx, grad_out):  # mutant: torch.mm's (rows, in) dL/dx put back into
        _, grad_w, grad_b, _ = backward(ctx, grad_out)  # the batch shape in the wrong order
        x, weight = ctx.saved_tensors
        flat = grad_out.reshape(-1, grad_out.shape[-1]) @ weight
        return flat.view(x.shape[1], x.shape[0], -1).transpose(0, 1), grad_w, grad_b, None

    monkeypatch.setattr(kernels._OneDNNLinearFunction, "backward", staticmethod(misplaced_rows))
    # invariant: the gradient check above rejects dL/dx rows given to the wrong positions
    assert max(linear_gradient_errors(kernels.fast_linear, bias=False)) > 0.1


def test_fast_linear_gradient_check_catches_misaligned_weight_gradient_rows(monkeypatch):
    backward = kernels._OneDNNLinearFunction.backward

    def misaligned_rows(ctx, grad_out):  # mutant: oneDNN's dL/dW pairs rows of dL/dy and x
        grad_x, _, grad_b, _ = backward(ctx, grad_out)  # in another order (batch dims swapped)
        x, _ = ctx.saved_tensors
        rows = grad_out.reshape(-1, grad_out.shape[-1])
        x_rows = x.transpose(0, 1).reshape(-1, x.shape[-1])
        return grad_x, kernels.onednn_linear(rows.t(), x_rows.t()), grad_b, None

    monkeypatch.setattr(kernels._OneDNNLinearFunction, "backward", staticmethod(misaligned_rows))
    # invariant: the gradient check above rejects a weight gradient from misaligned rows
    assert max(linear_gradient_errors(kernels.fast_linear, bias=False)) > 0.1


def probe_decisions(probe, product, monkeypatch):
    """``probe(product)``'s choice (True: oneDNN) for (torch.mm, oneDNN) times of a near tie
    either way, then of a clear win either way, each measured afresh."""
    decisions = []
    for times in ([1.0, 0.95], [0.95, 1.0], [1.0, 0.5], [0.5, 1.0]):
        monkeypatch.setattr(kernels, "_GRAD_BY_ONEDNN", {})
        monkeypatch.setattr(kernels, "_best_times", lambda fns, rounds=5, times=times: times)
        decisions.append(probe(product))
    return decisions


@pytest.mark.parametrize("product", ["dL/dx", "dL/dW"])
def test_gradient_kernels_are_measured_once(product, monkeypatch):
    monkeypatch.setattr(kernels, "_GRAD_BY_ONEDNN", {})
    default = kernels._GRAD_DEFAULT_ONEDNN[product]
    probes = []
    monkeypatch.setattr(kernels, "_best_times",
                        lambda fns, rounds=5: probes.append(fns) or [1.0, 0.95])
    assert kernels.grad_by_onednn(product) is default
    assert kernels.grad_by_onednn(product) is default and len(probes) == 1  # decided once
    assert len(probes[0]) == 2
    # invariant: within 10% either way the product keeps the kernel it had on the first build
    # machine (oneDNN for dL/dx, torch.mm for dL/dW); a clearly faster kernel wins
    decisions = probe_decisions(kernels.grad_by_onednn, product, monkeypatch)
    assert decisions == [default, default, True, False], decisions


def _faster_outright(product):
    """Mutant of ``grad_by_onednn``: the faster kernel by any margin, no default kept."""
    by_mm, by_onednn = kernels._best_times([])
    return by_onednn < by_mm


@pytest.mark.parametrize("product", ["dL/dx", "dL/dW"])
def test_gradient_kernel_rule_check_catches_a_choice_without_margin(product, monkeypatch):
    default = kernels._GRAD_DEFAULT_ONEDNN[product]
    decisions = probe_decisions(_faster_outright, product, monkeypatch)
    # invariant: the check above rejects a probe that flips on a near tie
    assert decisions != [default, default, True, False], decisions


def probe_shapes(probe, monkeypatch):
    """The output shape of the products ``probe`` times for each product, both kernels
    checked to give the same numbers."""
    monkeypatch.setattr(kernels, "_GRAD_BY_ONEDNN", {})
    shapes = {}

    def record(fns, product):
        by_mm, by_onednn = (fn() for fn in fns)
        for a, b in zip(by_mm, by_onednn, strict=True):
            torch.testing.assert_close(a, b, rtol=1e-4, atol=1e-3)
        shapes[product] = [tuple(out.shape) for out in by_mm]
        return [1.0, 1.0]

    for product in ("dL/dx", "dL/dW"):
        monkeypatch.setattr(kernels, "_best_times",
                            lambda fns, rounds=5, p=product: record(fns, p))
        probe(product)
    return shapes


# the outputs of the products each gradient probe must time: every weight shape of a block
DECIDED_SHAPES = {"dL/dx": [(512, 768), (512, 768), (512, 3072)],
                  "dL/dW": [(768, 768), (3072, 768), (768, 3072)]}


def test_gradient_kernel_probes_time_their_own_product(monkeypatch):
    # invariant: each probe times the product it decides, for each weight shape of a block:
    # dL/dx = g W has g's rows, dL/dW = g^T x the weight's shape (a probe of the other product
    # decides from another kernel)
    shapes = probe_shapes(kernels.grad_by_onednn, monkeypatch)
    assert shapes == DECIDED_SHAPES, shapes


def test_gradient_probe_check_catches_swapped_products(monkeypatch):
    def swapped(product):  # mutant: each product decided by timing the other one
        return kernels.grad_by_onednn({"dL/dx": "dL/dW", "dL/dW": "dL/dx"}[product])

    # invariant: the check above rejects it
    assert probe_shapes(swapped, monkeypatch) != DECIDED_SHAPES


def test_gradient_probe_check_catches_a_probe_of_one_shape(monkeypatch):
    # mutant: the earlier probe, one E x E product only (it missed oneDNN's slow dL/dx of the
    # feed-forward's E x 4E layer on an Intel Xeon)
    monkeypatch.setattr(kernels, "_GRAD_PROBE_SHAPES", ((768, 768),))
    # invariant: the check above rejects it
    assert probe_shapes(kernels.grad_by_onednn, monkeypatch) != DECIDED_SHAPES


def _one_kernel_after_the_other(fns, rounds=5):
    """Mutant of ``_best_times``: each function's runs back to back (the earlier probe)."""
    best = []
    for fn in fns:
        fn()
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        best.append(min(times))
    return best


@pytest.mark.parametrize("timer", [kernels._best_times, _one_kernel_after_the_other])
def test_kernels_are_timed_in_turns(timer):
    calls = []
    best = timer([lambda: calls.append("a"), lambda: calls.append("b")], rounds=3)
    assert len(best) == 2 and all(t >= 0 for t in best)
    turns = calls == ["a", "b"] * 4  # one untimed call each, then three rounds
    if timer is _one_kernel_after_the_other:
        # invariant: the check below rejects timing one kernel's runs back to back
        assert not turns and calls == ["a"] * 4 + ["b"] * 4
    else:
        # invariant: a busy moment of the machine falls on both kernels alike
        assert turns


def test_fast_linear_falls_back_to_f_linear(monkeypatch):
    x, w = torch.randn(3, 4, dtype=torch.float64), torch.randn(2, 4, dtype=torch.float64)
    # invariant: other dtypes (and a PyTorch without oneDNN) take F.linear, exactly
    assert torch.equal(kernels.fast_linear(x, w), torch.nn.functional.linear(x, w))
    monkeypatch.setattr(kernels, "_ONEDNN_OK", False)
    x32 = torch.randn(3, 4, requires_grad=True)
    out = kernels.fast_linear(x32, torch.randn(2, 4))
    assert "OneDNN" not in type(out.grad_fn).__name__
    # invariant: on ARM CPUs (e.g. Apple's) PyTorch's own BLAS stays in charge, unprobed
    monkeypatch.setattr(kernels, "_ONEDNN_OK", None)
    monkeypatch.setattr(kernels.platform, "machine", lambda: "arm64")
    assert kernels.onednn_usable() is False


def one_row_errors(matvec):
    """Largest difference from ``F.linear`` of ``matvec(x, weight, bias, parts)`` over one-row
    inputs: output sizes that the parts divide and that they do not, with and without bias,
    and a row that is a strided view (every other entry of a longer tensor)."""
    gen = torch.Generator().manual_seed(1)
    errors = []
    for out_f, parts, shape in [(12, 2, (1, 1, 8)), (13, 2, (1, 8)), (50, 4, (8,)),
                                (7, 3, (1, 1, 8)), (5, 8, (1, 8)), (12, 2, "strided")]:
        w = torch.randn(out_f, 8, generator=gen)
        for b in (None, torch.randn(out_f, generator=gen)):
            if shape == "strided":
                x = torch.randn(1, 16, generator=gen)[:, ::2]
            else:
                x = torch.randn(*shape, generator=gen)
            got, want = matvec(x, w, b, parts), torch.nn.functional.linear(x, w, b)
            assert got.shape == want.shape
            errors.append((got - want).abs().max().item())
    return errors


def test_one_row_product_in_parts_equals_linear():
    # invariant: one row times W, cut into blocks of rows (leftovers too), is F.linear's result
    assert max(one_row_errors(kernels.matvec_in_parts)) < 1e-5


def test_one_row_check_catches_dropped_leftover_rows():
    def drop_leftovers(x, weight, bias, parts):  # mutant: forgets the rows past the last block
        rows = weight.shape[0] - weight.shape[0] % parts
        kept = kernels.matvec_in_parts(x, weight[:rows], None if bias is None else bias[:rows],
                                        parts)
        return torch.nn.functional.pad(kept, (0, weight.shape[0] - rows))

    # invariant: the check above rejects a product that leaves the last rows at zero
    assert max(one_row_errors(drop_leftovers)) > 0.1


def test_one_row_check_catches_a_strided_row_read_as_contiguous(monkeypatch):
    # mutant: the broadcast column is laid over the row's memory without making it contiguous
    monkeypatch.setattr(kernels, "broadcast_column", lambda x, parts: x.as_strided(
        (parts, x.shape[-1], 1), (0, 1, x.shape[-1])))
    # invariant: the check above sees the wrong entries read from a strided row
    assert max(one_row_errors(kernels.matvec_in_parts)) > 0.1


def test_fast_linear_takes_the_parts_only_for_one_row_without_gradients(monkeypatch):
    calls = []
    real = kernels.matvec_in_parts
    monkeypatch.setattr(kernels, "matvec_in_parts",
                        lambda *args: calls.append(args[-1]) or real(*args))
    monkeypatch.setattr(kernels, "_ROW_KERNEL", "blocks")  # as on the AMD build machines
    monkeypatch.setattr(torch, "get_num_threads", lambda: 3)
    w, b = torch.randn(10, 6), torch.randn(10)
    with torch.no_grad():
        kernels.fast_linear(torch.randn(1, 1, 6), w, b)  # decoding: one row
        kernels.fast_linear(torch.randn(2, 6), w, b)  # two rows: oneDNN
        kernels.fast_linear(torch.randn(1, 6), w.t().contiguous().t(), b)  # strided weight
    kernels.fast_linear(torch.randn(1, 6, requires_grad=True), w, b)  # training
    # invariant: only the one-row, no-gradient product with a contiguous weight is cut up,
    # into one block per thread
    assert calls == [3]
    monkeypatch.setattr(torch, "get_num_threads", lambda: 1)
    with torch.no_grad():
        kernels.fast_linear(torch.randn(1, 6), w, b)
    # invariant: with a single thread there is nothing to share out
    assert calls == [3]


@pytest.mark.parametrize("kernel", ["blocks", "onednn", "blas"])
def test_one_row_takes_the_measured_kernel(kernel, monkeypatch):
    calls = []
    for name in ("matvec_in_parts", "onednn_linear"):
        real = getattr(kernels, name)
        monkeypatch.setattr(kernels, name, lambda *a, real=real, name=name:
                            calls.append(name) or real(*a))
    monkeypatch.setattr(kernels, "_ROW_KERNEL", kernel)
    monkeypatch.setattr(torch, "get_num_threads", lambda: 2)
    x, w, b = torch.randn(1, 6), torch.randn(10, 6), torch.randn(10)
    with torch.no_grad():
        got = kernels.fast_linear(x, w, b)
    # invariant: a decoding product runs on the kernel the probe chose, with F.linear's numbers
    assert calls == {"blocks": ["matvec_in_parts"], "onednn": ["onednn_linear"],
                     "blas": []}[kernel], calls
    torch.testing.assert_close(got, torch.nn.functional.linear(x, w, b))


def fresh_row_probe(monkeypatch, threads, timer):
    """The one-row kernel not measured yet, small probe weights, ``threads`` threads and
    ``timer`` in place of ``_best_times``."""
    monkeypatch.setattr(kernels, "_ROW_KERNEL", None)
    monkeypatch.setattr(kernels, "_ROW_PROBE_WEIGHTS", (2, 6, 4))  # small: this is no timing
    monkeypatch.setattr(torch, "get_num_threads", lambda: threads)
    monkeypatch.setattr(kernels, "_best_times", timer)


def row_probe(probe, times, threads, monkeypatch):
    """``probe()``'s choice when the candidates it times take ``times`` (seconds, in the order
    given), with ``threads`` threads; also the number of candidates it timed."""
    timed = []
    fresh_row_probe(monkeypatch, threads,
                    lambda fns, rounds=5: timed.append(fns) or times[:len(fns)])
    return probe(), len(timed[0])


def test_one_row_kernel_is_measured_once(monkeypatch):
    # invariant: within 10% the first machines' kernel stays (the per-thread blocks; oneDNN
    # with one thread), a clearly faster one wins, whichever it is
    assert row_probe(kernels.row_kernel, [1.0, 0.95, 0.92], 2, monkeypatch) == ("blocks", 3)
    assert row_probe(kernels.row_kernel, [1.0, 0.95, 0.5], 2, monkeypatch) == ("blas", 3)
    assert row_probe(kernels.row_kernel, [1.0, 0.6, 0.7], 2, monkeypatch) == ("onednn", 3)
    assert row_probe(kernels.row_kernel, [1.0, 0.95], 1, monkeypatch) == ("onednn", 2)
    assert row_probe(kernels.row_kernel, [1.0, 0.5], 1, monkeypatch) == ("blas", 2)
    # invariant: decided once per process
    monkeypatch.setattr(kernels, "_best_times", lambda fns, rounds=5: pytest.fail("timed again"))
    assert kernels.row_kernel() == "blas"


def test_one_row_probe_check_catches_a_choice_without_margin(monkeypatch):
    def fastest_outright():  # mutant: the fastest candidate by any margin
        names = ["blocks", "onednn", "blas"]
        times = kernels._best_times([None] * 3)
        return names[min(range(3), key=times.__getitem__)]

    # invariant: the check above rejects a probe that leaves the default on a near tie
    assert row_probe(fastest_outright, [1.0, 0.95, 0.92], 2, monkeypatch)[0] != "blocks"


def test_one_row_probe_times_products_that_agree(monkeypatch):
    outs = []

    def run_each(fns, rounds=5):
        outs.append([fn() for fn in fns])
        return [1.0] * len(fns)

    fresh_row_probe(monkeypatch, 2, run_each)
    kernels.row_kernel()
    blocks, onednn, blas = outs[0]
    # invariant: the three candidates compute the same one-row products of every probe weight
    assert len(blas) == 2 and blas[0].shape == (1, 6)
    for a, b, c in zip(blocks, onednn, blas):
        torch.testing.assert_close(a, c), torch.testing.assert_close(b, c)


def lane_keep_fractions(kept):
    """The fraction kept among entries 0, 4, 8, ..., among 1, 5, 9, ... and so on: each group
    comes from one 16-bit piece of ``_keep_mask``'s random 64-bit integers."""
    return [kept[lane::4].float().mean().item() for lane in range(4)]


def test_fast_dropout_distribution_and_gradient():
    torch.manual_seed(0)
    x = torch.ones(200_000, requires_grad=True)
    out = layers.fast_dropout(x, 0.2)
    out.backward(torch.full_like(x, 3.0))
    kept = out != 0
    # invariant: about 1 - p of the entries survive, each scaled by 1 / (1 - p)
    assert abs(kept.float().mean().item() - 0.8) < 0.005
    # invariant: so do those taken from each of the four 16-bit pieces of a random integer
    assert all(abs(lane_kept - 0.8) < 0.01 for lane_kept in lane_keep_fractions(kept))
    torch.testing.assert_close(out[kept], torch.full_like(out[kept], 1.25))
    # invariant: the gradient flows through exactly the kept entries, with the same scale
    assert torch.equal(x.grad != 0, kept)
    torch.testing.assert_close(x.grad[kept], torch.full_like(x.grad[kept], 3.75))
    # invariant: eval mode and p = 0 are the identity; p = 1 drops everything
    assert layers.fast_dropout(x, 0.2, training=False) is x
    assert layers.fast_dropout(x, 0.0) is x
    assert not layers.fast_dropout(x, 1.0).any()


def test_dropout_lane_check_catches_a_mask_keeping_the_sign_bit(monkeypatch):
    def signed_lanes(x, threshold):  # mutant: the pieces keep their sign bit, so three of
        n = x.numel()  # the four range over -2^15 .. 2^15 - 1 and are kept half as often
        lanes = torch.empty((n + 3) // 4, dtype=torch.int64).random_().view(torch.int16)[:n]
        return torch.ge(lanes.view(x.shape), threshold, out=torch.empty_like(x))

    monkeypatch.setattr(layers, "_keep_mask", signed_lanes)
    torch.manual_seed(0)
    kept = layers.fast_dropout(torch.ones(200_000), 0.2) != 0
    # invariant: the per-piece check above rejects it
    assert max(abs(lane_kept - 0.8) for lane_kept in lane_keep_fractions(kept)) > 0.1


def saved_dropout_mask_bytes():
    """Bytes per entry that ``fast_dropout`` keeps for the backward, and its output and
    gradient for a fixed seed."""
    torch.manual_seed(1)
    x = torch.randn(4096, requires_grad=True)
    out = layers.fast_dropout(x, 0.1)
    (keep,) = out.grad_fn.saved_tensors
    out.backward(torch.ones_like(out))
    return keep.element_size(), out.detach(), x.grad


def test_dropout_keeps_a_one_byte_mask_with_the_same_numbers(monkeypatch):
    size, out, grad = saved_dropout_mask_bytes()
    # invariant: one byte per entry waits for the backward, not four
    assert size == 1

    byte_mask = layers._keep_mask

    def float_mask(x, threshold):  # mutant: the same draws as a mask in x's dtype (4 bytes)
        return byte_mask(x, threshold).to(x.dtype)

    monkeypatch.setattr(layers, "_keep_mask", float_mask)
    float_size, float_out, float_grad = saved_dropout_mask_bytes()
    # invariant: the bytes give exactly the numbers of a float mask; the size check sees it
    assert torch.equal(out, float_out) and torch.equal(grad, float_grad) and float_size == 4


def dropout_calls(monkeypatch, p):
    """How ``fast_dropout(x, p)`` is computed: "lanes" (``_keep_mask``) or "F.dropout"."""
    seen, keep_mask, dropout = [], layers._keep_mask, layers.F.dropout
    monkeypatch.setattr(layers, "_keep_mask",
                        lambda *a: seen.append("lanes") or keep_mask(*a))
    monkeypatch.setattr(kernels.F, "dropout",
                        lambda *a, **kw: seen.append("F.dropout") or dropout(*a, **kw))
    layers.fast_dropout(torch.ones(64), p)
    return seen


@pytest.mark.parametrize("p, threshold", [(0.1, 3277), (0.5, 2**14), (0.002, 66), (1e-5, None),
                                          (0.9999, None)])
def test_dropout_rounds_p_to_lanes_only_where_that_moves_it_little(monkeypatch, p, threshold):
    # invariant: p becomes a multiple of 2^-15 within 1% of itself, or F.dropout does the work
    assert layers._lane_threshold(p) == threshold
    assert dropout_calls(monkeypatch, p) == (["lanes"] if threshold else ["F.dropout"])
    if threshold:
        assert abs(threshold / 2**15 - p) <= 0.01 * min(p, 1 - p)


def test_dropout_rounding_check_catches_a_p_rounded_to_nothing(monkeypatch):
    # mutant: every p rounded to 2^-15, so p = 1e-5 becomes 0 and nothing is ever dropped
    monkeypatch.setattr(layers, "_lane_threshold", lambda p: round(p * 2**15))
    # invariant: the check above rejects it (the lanes run where F.dropout should)
    assert dropout_calls(monkeypatch, 1e-5) != ["F.dropout"]


def dropout_path_errors():
    """Largest differences (output, dL/dx, each weight's gradient) between the spelled-out
    training path with dropout switched to the identity and the fused SDPA eval path."""
    torch.manual_seed(0)
    att = FastMultiHeadAttention(8, 8, context_length=6, dropout=0.3, num_heads=2)
    x = torch.rand(2, 6, 8)
    results = []
    for training in (False, True):
        att.train(training)
        att.out_proj.eval()  # no other dropout inside
        leaf = x.clone().requires_grad_()
        out = att(leaf)
        out.backward(torch.linspace(-1, 1, out.numel()).view_as(out))
        results.append([out, leaf.grad] + [p.grad.clone() for p in att.parameters()])
        att.zero_grad()
    return [(a - b).abs().max().item() for a, b in zip(*results)]


def test_attention_with_dropout_path_equals_sdpa_without_masking(monkeypatch):
    # with dropout switched to the identity, the spelled-out training path (scale, causal
    # mask, softmax) must give the fused kernel's eval result and its gradients
    monkeypatch.setattr(fast_module, "fast_dropout", lambda t, p, training=True: t)
    # invariant: same numbers as SDPA with its causal mask, forward and backward
    assert max(dropout_path_errors()) < 1e-6


def test_dropout_path_check_catches_a_mask_on_the_wrong_side(monkeypatch):
    monkeypatch.setattr(fast_module, "fast_dropout", lambda t, p, training=True: t)

    def future_visible(self, queries, keys, values, past_len):  # mutant: the additive mask
        n = queries.shape[2]  # hides the past instead of the future
        hidden = self.mask.bool()[:n, :n].t()
        bias = queries.new_zeros(hidden.shape).masked_fill_(hidden, float("-inf"))
        scores = (queries @ keys.transpose(2, 3)) * self.head_dim ** -0.5 + bias
        return torch.softmax(scores, dim=-1) @ values

    monkeypatch.setattr(fast_module.FastMultiHeadAttention, "_attend_with_dropout",
                        future_visible)
    # invariant: the check above rejects it
    assert max(dropout_path_errors()) > 0.01


# --- packed query/key/value weights ---------------------------------------------------------------


def test_qkv_weights_are_packed_views(cfg):
    _, fast = pair({**cfg, "qkv_bias": True})
    att = fast.trf_blocks[0].att
    weight, bias = att._packed_qkv()
    d = att.d_out
    for i, layer in enumerate((att.W_query, att.W_key, att.W_value)):
        part = slice(i * d, (i + 1) * d)
        # invariant: the packed tensors are the three weights / biases end to end, in
        # query-key-value order, read where the parameters lie (no copy)
        assert torch.equal(weight[part], layer.weight) and torch.equal(bias[part], layer.bias)
        assert weight[part].data_ptr() == layer.weight.data_ptr()
        assert bias[part].data_ptr() == layer.bias.data_ptr()
        # invariant: the parameters stay Parameters that train
        assert isinstance(layer.weight, torch.nn.Parameter) and layer.weight.requires_grad


def test_packed_product_check_catches_parts_in_the_wrong_order(cfg, monkeypatch):
    book, fast = pair({**cfg, "qkv_bias": True})
    x = torch.randint(0, cfg["vocab_size"], (2, 9))
    assert eval_difference(book, fast, x) < 1e-5
    right = FastMultiHeadAttention._packed_qkv

    def key_first(self):  # mutant: the parts are read as key, query, value
        weight, bias = right(self)
        order = [1, 0, 2]
        return (torch.cat([weight.chunk(3)[i] for i in order]),
                torch.cat([bias.chunk(3)[i] for i in order]))

    monkeypatch.setattr(FastMultiHeadAttention, "_packed_qkv", key_first)
    # invariant: the eval-output comparison notices a packed product in the wrong order
    assert eval_difference(book, fast, x) > 1e-3


def test_packing_follows_moves_and_replaced_parameters(cfg):
    book, fast = pair(cfg)
    att = fast.trf_blocks[0].att
    x = torch.randint(0, cfg["vocab_size"], (2, 9))
    fast.double()
    # In float64 the two models differ only by GELU's constant: GPTModel keeps the book's float32
    # sqrt(2/pi), F.gelu the exact one (a relative 7e-8), about 1e-8 in these logits.
    # invariant: .double() (new memory for every parameter) packs again, outputs unchanged
    assert att._packed_qkv() is not None
    assert eval_difference(book.double(), fast, x) < 1e-7
    torch.manual_seed(7)
    other = GPTModel(cfg).double()
    fast.load_state_dict(other.state_dict(), assign=True)
    # invariant: parameters replaced by assign=True loading are no longer packed, and the
    # outputs follow the new weights (the three products run one by one)
    assert att._packed_qkv() is None
    assert eval_difference(other, fast, x) < 1e-7
    fast.reset_kv_cache()
    # invariant: reset_kv_cache() (the start of every generation) packs them again
    assert att._packed_qkv() is not None
    assert eval_difference(other, fast, x) < 1e-7


def test_packing_check_catches_a_stale_packed_copy(cfg, monkeypatch):
    def pack_once(self):  # mutant: a packed copy made once and trusted forever
        if "_stale" not in self.__dict__:
            layers = (self.W_query, self.W_key, self.W_value)
            self._stale = (torch.cat([la.weight.detach() for la in layers]), None)

    monkeypatch.setattr(FastMultiHeadAttention, "pack_qkv", pack_once)
    monkeypatch.setattr(FastMultiHeadAttention, "_packed_qkv", lambda self: self._stale)
    _, fast = pair(cfg)
    torch.manual_seed(7)
    other = GPTModel(cfg)
    fast.load_state_dict(other.state_dict())
    x = torch.randint(0, cfg["vocab_size"], (2, 9))
    # invariant: after loading other weights, a stale packed copy gives other outputs
    assert eval_difference(other, fast, x) > 1e-3


def test_packed_parameters_train_and_save(cfg, tmp_path):
    from safetensors.torch import load_file, save_file

    book, fast = pair({**cfg, "qkv_bias": True})
    x = torch.randint(0, cfg["vocab_size"], (2, 9))
    for model in (book, fast):
        optimizer = torch.optim.AdamW(model.parameters(), lr=1e-2)
        model(x).sum().backward()
        optimizer.step()
    att = fast.trf_blocks[0].att
    # invariant: an optimizer step updates the packed parameters in place: still packed, and
    # the same model as the book's after the same step
    assert att._packed_qkv() is not None
    assert eval_difference(book, fast, x) < 1e-4
    torch.save(fast.state_dict(), tmp_path / "fast.pt")
    save_file(fast.state_dict(), tmp_path / "fast.safetensors")
    for loaded in (torch.load(tmp_path / "fast.pt", weights_only=True),
                   load_file(tmp_path / "fast.safetensors")):
        # invariant: the views save and load as three separate tensors with their values
        assert sorted(loaded) == sorted(fast.state_dict())
        for key, value in fast.state_dict().items():
            assert torch.equal(loaded[key], value), key


def test_eval_forward_compiles_as_one_graph(cfg):
    if supported_options("cpu")["compile"] is not None:
        pytest.skip("torch.compile is not supported here: " + supported_options("cpu")["compile"])
    torch._dynamo.reset()
    book, fast = pair({**cfg, "n_layers": 1, "qkv_bias": True})
    compiled = torch.compile(fast.eval(), fullgraph=True)  # a graph break raises instead
    x = torch.randint(0, cfg["vocab_size"], (2, 9))
    with torch.no_grad():
        diff = (compiled(x) - book.eval()(x)).abs().max().item()
    # invariant: without gradients under torch.compile the packed-weight checks (which
    # dynamo cannot trace) are skipped, so the whole forward is one graph with the book's outputs
    assert diff < 1e-5


def test_lora_layers_are_not_packed(cfg):
    from llmscratch import replace_linear_with_lora

    book, fast = pair(cfg)
    for model in (book, fast):
        torch.manual_seed(3)
        replace_linear_with_lora(model, rank=2, alpha=4)
    # invariant: with LoRA-wrapped projections each runs on its own, as the book's model does
    assert fast.trf_blocks[0].att._packed_qkv() is None
    x = torch.randint(0, cfg["vocab_size"], (2, 9))
    assert eval_difference(book, fast, x) < 1e-5


# --- KV cache and generation ---------------------------------------------------------------------


def test_cache_in_chunks_equals_full_forward(cfg):
    _, fast = pair(cfg)
    fast.eval()
    x = torch.randint(0, cfg["vocab_size"], (2, 12))
    with torch.no_grad():
        full = fast(x)
        fast.reset_kv_cache()
        parts = [fast(x[:, :5], use_cache=True), fast(x[:, 5:9], use_cache=True)]
        parts += [fast(x[:, i:i + 1], use_cache=True) for i in range(9, 12)]
    # invariant: a prompt, a multi-token chunk (offset mask) and single tokens fed through the
    # cache give the logits of one full forward
    torch.testing.assert_close(torch.cat(parts, dim=1), full, rtol=0, atol=1e-5)
    att = fast.trf_blocks[0].att
    # invariant: cache_k is the filled part of the buffer, (b, num_heads, past_len, head_dim)
    assert att.cache_k.shape == (2, cfg["n_heads"], 12, cfg["emb_dim"] // cfg["n_heads"])
    assert fast.current_pos == 12
    fast.reset_kv_cache()
    # invariant: reset frees the buffers and restarts positions
    assert att.cache_k is None and att._buffers_kv is None and fast.current_pos == 0


def test_cache_errors_say_what_to_do(cfg):
    _, fast = pair(cfg)
    fast.eval()
    x = torch.randint(0, cfg["vocab_size"], (2, cfg["context_length"]))
    with torch.no_grad():
        fast(x[:, :4], use_cache=True)
        # invariant: a different batch size on a filled cache is refused with the fix
        with pytest.raises(ValueError, match="reset_cache"):
            fast.trf_blocks[0].att(torch.rand(1, 1, cfg["emb_dim"]), use_cache=True)
        # invariant: growing past context_length is refused with the fix
        with pytest.raises(ValueError, match="reset_kv_cache"):
            fast(x, use_cache=True)


def decode_errors(model, prompt_len=4, steps=6, seed=0):
    """Largest difference between one-token steps through the cache and the general forward
    (``fast_decode`` switched off) on the same tokens; also checks the cache is left alike."""
    x = torch.randint(0, model.tok_emb.num_embeddings, (1, prompt_len + steps),
                      generator=torch.Generator().manual_seed(seed))
    runs = []
    for short in (True, False):
        with torch.no_grad(), pytest.MonkeyPatch.context() as mp:
            if not short:
                mp.setattr(fast_module, "can_decode_step", lambda *args: False)
            model.reset_kv_cache()
            model(x[:, :prompt_len], use_cache=True)
            logits = [model(x[:, i:i + 1], use_cache=True) for i in range(prompt_len, x.shape[1])]
            att = model.trf_blocks[-1].att
            runs.append((torch.cat(logits, dim=1), model.current_pos, att.cache_k.clone(),
                         att.cache_v.clone()))
    (short, pos_s, k_s, v_s), (general, pos_g, k_g, v_g) = runs
    assert short.shape == general.shape == (1, steps, model.out_head.out_features)
    assert pos_s == pos_g and k_s.shape == k_g.shape
    # a slot never written holds whatever memory had in it: NaN counts as a large error
    return max((a - b).abs().nan_to_num(nan=math.inf).max().item()
               for a, b in ((short, general), (k_s, k_g), (v_s, v_g)))


@pytest.mark.parametrize("kernel, parts", [("onednn", 0), ("blocks", 0), ("blocks", 2),
                                           ("blocks", 3), ("blas", 2)])
@pytest.mark.parametrize("qkv_bias", [False, True])
def test_decode_step_equals_general_forward(cfg, monkeypatch, kernel, parts, qkv_bias):
    # the one-row products by each kernel the probe can choose; the blocks as one per thread
    # (2, 3 threads) or, with one thread (0), as fast_linear
    monkeypatch.setattr(kernels, "_ROW_KERNEL", kernel)
    monkeypatch.setattr(fast_decode, "matvec_parts", lambda: parts)
    _, fast = pair({**cfg, "qkv_bias": qkv_bias, "vocab_size": 302})  # 302 % 3 != 0: leftovers
    calls = []
    real = fast_module.decode_step
    monkeypatch.setattr(fast_module, "decode_step", lambda *a: calls.append(1) or real(*a))
    # invariant: one cached token at a time through the short path gives the general forward's
    # logits and leaves the same keys, values and position in the cache
    assert decode_errors(fast.eval()) < 1e-5
    assert len(calls) == 6  # and the short path was the one taken, once per new token


def test_decode_check_catches_a_key_written_one_slot_early(cfg, monkeypatch):
    real = fast_decode._append_kv

    def one_slot_early(att, k, v, pos):  # mutant: the new key and value overwrite slot pos - 1
        real(att, k, v, pos - 1)
        buf_k, buf_v = att._buffers_kv
        att.cache_k, att.cache_v = buf_k.narrow(2, 0, pos + 1), buf_v.narrow(2, 0, pos + 1)
        return att.cache_k, att.cache_v

    monkeypatch.setattr(fast_decode, "_append_kv", one_slot_early)
    _, fast = pair(cfg)
    # invariant: the comparison above sees a cache written in the wrong place
    assert decode_errors(fast.eval()) > 1e-3


def test_decode_check_catches_a_missing_position(cfg, monkeypatch):
    real = fast_decode._embed
    # mutant: every new token gets the embedding of position 0
    monkeypatch.setattr(fast_decode, "_embed", lambda model, idx, pos: real(model, idx, 0))
    _, fast = pair(cfg)
    # invariant: the comparison sees logits of the wrong position
    assert decode_errors(fast.eval()) > 1e-3


def test_decode_step_only_for_one_cached_token_in_eval(cfg, monkeypatch):
    calls = []
    real = fast_module.decode_step
    monkeypatch.setattr(fast_module, "decode_step", lambda *a: calls.append(1) or real(*a))
    _, fast = pair(cfg)
    x = torch.randint(0, cfg["vocab_size"], (2, 6))
    with torch.no_grad():
        fast.eval()
        fast(x[:1, :1], use_cache=True)  # the prompt (empty cache): general forward
        fast(x[:1, 1:3], use_cache=True)  # two tokens: general forward
        fast(x[:1, 3:4])  # no cache
        fast.reset_kv_cache()
        fast(x[:, :2], use_cache=True)  # a batch of two
        fast(x[:, 2:3], use_cache=True)
        fast.train()
        fast.reset_kv_cache()
        fast(x[:1, :2], use_cache=True)
        fast(x[:1, 2:3], use_cache=True)  # training mode: dropout belongs in the step
        fast.eval()
        fast.reset_kv_cache()
        fast(x[:1, :2], use_cache=True)
        with torch.autocast("cpu", dtype=torch.bfloat16):
            fast(x[:1, 2:3], use_cache=True)  # autocast picks its own kernels
    fast.reset_kv_cache()
    fast(x[:1, :2], use_cache=True)
    fast(x[:1, 2:3], use_cache=True)  # gradients recorded
    # invariant: none of these is a single cached token of one sequence, in eval, without
    # gradients or autocast, so the short path is never taken
    assert calls == []
    with torch.no_grad():
        fast(x[:1, 3:4], use_cache=True)
    # invariant: and the next cached token without gradients takes it
    assert calls == [1]


def replaced_weights_error(fast, cfg):
    """Difference between the short and the general step right after ``assign=True`` loading
    replaced every parameter mid-sequence (same cache for both steps)."""
    torch.manual_seed(7)
    other = GPTModelFast(cfg).state_dict()
    x = torch.randint(0, cfg["vocab_size"], (1, 5), generator=torch.Generator().manual_seed(3))
    with torch.no_grad():
        fast.reset_kv_cache()
        fast(x[:, :3], use_cache=True)
        fast(x[:, 3:4], use_cache=True)  # a plan is prepared from the current weights
        fast.load_state_dict(other, assign=True)  # new tensors, same names; cache kept
        pos = fast.current_pos
        short = fast(x[:, 4:5], use_cache=True)
        fast.current_pos = pos  # step back: the general step sees the same cache
        for block in fast.trf_blocks:
            att = block.att
            att.cache_k, att.cache_v = att.cache_k.narrow(2, 0, pos), att.cache_v.narrow(2, 0, pos)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(fast_module, "can_decode_step", lambda *args: False)
            general = fast(x[:, 4:5], use_cache=True)
    return (short - general).abs().max().item()


def test_decode_plan_follows_replaced_parameters(cfg):
    _, fast = pair(cfg)
    # invariant: a step after the parameters were replaced uses the new ones, not the
    # prepared views of the old ones
    assert replaced_weights_error(fast.eval(), cfg) < 1e-5


def test_decode_plan_check_catches_a_plan_kept_after_loading(cfg, monkeypatch):
    # mutant: the plan prepared once is kept when a state_dict is loaded
    monkeypatch.setattr(GPTModelFast, "_forget_plan", lambda self: None)
    _, fast = pair(cfg)
    # invariant: the comparison above sees the old weights
    assert replaced_weights_error(fast.eval(), cfg) > 1e-3


def test_decode_plan_is_dropped_by_moves_resets_and_copies(cfg):
    _, fast = pair(cfg)
    x = torch.randint(0, cfg["vocab_size"], (1, 3))

    def prepared(model):
        with torch.no_grad():
            model.reset_kv_cache()
            model(x[:, :2], use_cache=True)
            model(x[:, 2:], use_cache=True)
        return model._decode_plan

    plan = prepared(fast.eval())
    assert plan is not None
    # invariant: a copy (as quantize_for_generation makes) starts without the original's plan,
    # whose products read the original's weights
    assert copy.deepcopy(fast)._decode_plan is None
    # invariant: and the model still pickles whole (its loading hook is a plain function)
    assert pickle.loads(pickle.dumps(fast))._decode_plan is None
    # invariant: .to() and reset_kv_cache() drop it; the next step prepares a new one
    assert fast.double()._decode_plan is None
    assert prepared(fast) is not plan
    fast.reset_kv_cache()
    assert fast._decode_plan is None


def test_decode_step_serves_low_precision_copies(cfg):
    _, fast = pair(cfg)
    for kind in ("int8", "bf16"):
        if supported_options()[f"{kind}_weights"] is not None:
            continue
        # invariant: the int8/bf16 copies' own layers run in the short path, same logits
        assert decode_errors(quantize_for_generation(fast, kind)) < 1e-4


@pytest.mark.parametrize("batch,prompt_len,new_tokens", [(1, 3, 20), (2, 5, 6), (1, 16, 4)])
def test_cached_generation_equals_plain_book_generation(cfg, batch, prompt_len, new_tokens):
    book, fast = pair(cfg)
    # float64 so that a near-tie between two logits cannot flip an argmax on another platform
    book, fast = book.double().eval(), fast.double().eval()
    idx = torch.randint(0, cfg["vocab_size"], (batch, prompt_len))
    plain = generate_text_simple(book, idx, new_tokens, cfg["context_length"])
    cached = generate_text_simple_cached(fast, idx, new_tokens)
    # invariant: GPTModelFast with its preallocated cache returns exactly GPTModel's plain
    # tokens, also when the output runs past context_length (the window slides)
    assert torch.equal(cached, plain)


def test_cached_generation_float32(cfg):
    book, fast = pair(cfg)
    book.eval(), fast.eval()
    idx = torch.randint(0, cfg["vocab_size"], (2, 4))
    # invariant: the same in float32, the dtype people use
    assert torch.equal(generate_text_simple_cached(fast, idx, 10),
                       generate_text_simple(book, idx, 10, cfg["context_length"]))


def test_to_fast_model_and_config_of(cfg):
    book, _ = pair({**cfg, "qkv_bias": True, "drop_rate": 0.1})
    # invariant: the config can be read back from the layers
    assert config_of(book) == {**cfg, "qkv_bias": True, "drop_rate": 0.1}
    book.eval()
    fast = to_fast_model(book)
    x = torch.randint(0, cfg["vocab_size"], (1, 7))
    # invariant: to_fast_model keeps weights and mode
    assert not fast.training
    torch.testing.assert_close(fast(x), book(x), rtol=0, atol=1e-5)


# --- options -----------------------------------------------------------------------------------


def test_int8_linear_worked_example():
    linear = torch.nn.Linear(3, 1)
    with torch.no_grad():
        linear.weight.copy_(torch.tensor([[0.5, -0.25, 0.01]]))
        linear.bias.fill_(0.0)
    layer = LowPrecisionLinear(linear, "int8")
    # invariant: the docstring's example: round(w / (max|w| / 127))
    assert layer.weight.tolist() == [[127, -64, 3]]
    out = layer(torch.tensor([[1.0, 1.0, 1.0]]))
    # invariant: the output is the dequantised row summed: 0.5 - 0.252 + 0.0118
    assert math.isclose(out.item(), (127 - 64 + 3) * 0.5 / 127, rel_tol=1e-5)


def rescoring_errors(kind, top=3):
    """(largest error of the ``top`` highest outputs, of the others) against float32."""
    if supported_options("cpu")[f"{kind}_weights"] is not None:
        pytest.skip(supported_options("cpu")[f"{kind}_weights"])
    torch.manual_seed(0)
    linear = torch.nn.Linear(64, 40)
    x = torch.randn(5, 64) * 4  # outputs of a few units: bf16 rounds them by about 0.01
    exact = linear(x).detach()
    out = LowPrecisionLinear(linear, kind, rescore_top=top)(x)
    # the positions rescored are the top of the rounded product; after rescoring the top of
    # ``out`` can hold another one (seen with int8 on a CPU without VNNI, whose 7-bit inputs
    # round more: a rescored output fell below the next rounded one)
    rounded = LowPrecisionLinear(linear, kind)(x)
    chosen = torch.zeros_like(out, dtype=torch.bool).scatter(-1, rounded.topk(top).indices, True)
    error = (out - exact).abs()
    return error[chosen].max().item(), error[~chosen].max().item()


@pytest.mark.parametrize("kind", ["int8", "bf16"])
def test_rescoring_makes_the_top_outputs_exact(kind):
    top_error, other_error = rescoring_errors(kind)
    # invariant: each row's highest outputs are float32-exact; the rest keep the rounding
    assert top_error < 1e-5 and other_error > 1e-3, (top_error, other_error)


@pytest.mark.parametrize("kind", ["int8", "bf16"])
def test_rescoring_check_catches_a_head_that_does_not_rescore(kind, monkeypatch):
    forward = LowPrecisionLinear.forward

    def rescores_nothing(self, x):  # mutant: the flag is stored but ignored
        self.rescore_top = 0
        return forward(self, x)

    monkeypatch.setattr(LowPrecisionLinear, "forward", rescores_nothing)
    # invariant: the check above fails when the top outputs keep their rounding
    assert rescoring_errors(kind)[0] > 1e-3


def test_quantize_rescores_only_the_head(cfg):
    if supported_options("cpu")["int8_weights"] is not None:
        pytest.skip(supported_options("cpu")["int8_weights"])
    _, fast = pair(cfg)
    small = quantize_for_generation(fast.eval(), "int8")
    tops = {name: m.rescore_top for name, m in small.named_modules()
            if isinstance(m, LowPrecisionLinear)}
    # invariant: the head rescores its 8 best logits; no layer inside the blocks does
    assert tops.pop("out_head") == 8 and set(tops.values()) == {0}
    assert quantize_for_generation(fast, "int8", rescore_top=0).out_head.rescore_top == 0


@pytest.mark.parametrize("weights", ["int8", "bf16"])
def test_quantize_for_generation(cfg, weights):
    if supported_options("cpu")[f"{weights}_weights"] is not None:
        pytest.skip(supported_options("cpu")[f"{weights}_weights"])
    _, fast = pair({**cfg, "qkv_bias": True})
    fast.eval()
    small = quantize_for_generation(fast, weights)
    x = torch.randint(0, cfg["vocab_size"], (2, 9))
    with torch.no_grad():
        ref, got = fast(x), small(x)
    # invariant: every Linear is replaced, the original model is untouched
    assert not any(isinstance(m, torch.nn.Linear) for m in small.modules())
    assert isinstance(fast.out_head, torch.nn.Linear)
    # invariant: logits stay float32 and close to the float32 model's (relative error < 2%)
    assert got.dtype == torch.float32
    rel = ((got - ref).norm() / ref.norm()).item()
    assert rel < 0.02, rel
    idx = x[:, :3]
    # invariant: the cached and plain generation agree with each other on the quantized model
    assert torch.equal(generate_text_simple_cached(small, idx, 8),
                       generate_text_simple(small, idx, 8, cfg["context_length"]))


def test_quantize_rejects_bad_kind(cfg):
    _, fast = pair(cfg)
    # invariant: a typo gives an error naming the choices
    with pytest.raises(ValueError, match="'bf16' or 'int8'"):
        quantize_for_generation(fast, "fp8")


def test_options_refuse_where_unsupported(cfg, monkeypatch):
    _, fast = pair(cfg)
    monkeypatch.setattr(torch.cpu, "_is_avx512_bf16_supported", lambda: False)
    monkeypatch.setattr(torch.cpu, "_is_amx_tile_supported", lambda: False)
    # invariant: without native bf16, autocast and bf16 weights refuse with the reason
    with pytest.raises(UnsupportedOptionError, match="no bfloat16 instructions"):
        bf16_autocast("cpu")
    with pytest.raises(UnsupportedOptionError, match="bf16_weights"):
        quantize_for_generation(fast, "bf16")
    monkeypatch.setattr(fast_options.shutil, "which", lambda name: None)
    # invariant: torch.compile on the CPU refuses without a C++ compiler, saying what to install
    with pytest.raises(UnsupportedOptionError, match="C\\+\\+ compiler"):
        compile_model(fast, "cpu")
    def no_kernel(*args):
        raise RuntimeError("not implemented for this backend")

    monkeypatch.setattr(torch.ops.aten, "_weight_int8pack_mm", no_kernel)
    monkeypatch.setattr(torch.ops.quantized, "linear_prepack", no_kernel)
    # invariant: int8 weights refuse when no int8 kernel runs on the device
    with pytest.raises(UnsupportedOptionError, match="int8 weight kernels do not run"):
        quantize_for_generation(fast, "int8")
    reasons = supported_options("cpu")
    # invariant: supported_options reports every refusal above as a reason string
    refused = ("bf16_autocast", "bf16_weights", "int8_weights", "compile")
    assert all(isinstance(reasons[k], str) for k in refused), reasons


PAGE_FAULT_PROBE = """
import resource, sys, torch
if sys.argv[1] == "keep":
    from llmscratch.fast import keep_freed_memory
    keep_freed_memory("cpu")
torch.set_num_threads(1)
w = torch.randn(64, 1024, requires_grad=True)
x = torch.randn(16384, 64)  # outputs of 64 MiB: beyond glibc's largest mmap threshold

def step():  # a tiny training step: the same allocations every time
    (x @ w).relu().sum().backward()
    w.grad = None

for _ in range(30):  # the heap grows for the first steps (how many varies), then stays
    step()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(3):
    step()
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def test_keep_freed_memory_reuses_pages():
    reason = supported_options("cpu")["keep_freed_memory"]
    if reason is not None:
        pytest.skip(reason)

    def faults(mode):  # a fresh process each: the setting is process-wide and permanent
        done = subprocess.run([sys.executable, "-c", PAGE_FAULT_PROBE, mode], cwd=ROOT,
                              capture_output=True, text=True, check=True)
        return int(done.stdout.split()[-1])

    default, kept = faults("default"), faults("keep")
    # invariant: by default every step faults its 64 MiB blocks in afresh (16,384 pages each);
    # with the option, once the heap has grown, steps reuse freed memory (measured here: no
    # fault at all in most runs, one block's worth in some)
    assert default > 60_000, default
    assert kept < default / 4, (kept, default)


def test_keep_freed_memory_refuses_where_it_cannot_work(monkeypatch):
    # invariant: GPU devices and non-glibc systems are refused with the reason
    with pytest.raises(UnsupportedOptionError, match="caching allocator"):
        fast_options.keep_freed_memory("cuda")
    monkeypatch.setattr(fast_options.platform, "libc_ver", lambda: ("", ""))
    with pytest.raises(UnsupportedOptionError, match="glibc"):
        fast_options.keep_freed_memory("cpu")


def test_options_refuse_unknown_device():
    # invariant: a device type with no support is refused for every option, never silently on
    reasons = supported_options("meta")
    assert all(isinstance(reason, str) and reason for reason in reasons.values()), reasons


def test_bf16_autocast_where_supported():
    reason = supported_options("cpu")["bf16_autocast"]
    if reason is not None:
        pytest.skip(reason)
    a, b = torch.rand(4, 4), torch.rand(4, 4)
    with bf16_autocast("cpu"):
        out = a @ b
    # invariant: inside the context matrix products run in bfloat16
    assert out.dtype == torch.bfloat16


# --- the benchmark script runs (no timing is asserted) -------------------------------------------


def test_compare_peers_quick_runs(tmp_path):
    spec = importlib.util.spec_from_file_location("compare_peers",
                                                  ROOT / "benchmarks" / "compare_peers.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    out = tmp_path / "result.json"
    compiles = supported_options("cpu")["compile"] is None
    result = script.main(["--quick", "--out", str(out), "--threads", "1"]
                         + ["--compile-decoding"] * compiles)
    # invariant: the smoke run measured every section and wrote the JSON it returned
    assert out.is_file()
    for section in ("machine", "matmul", "bandwidth", "training", "generation", "ratios"):
        assert section in result, section
    # invariant: the fast model generates exactly the plain model's tokens
    assert result["generation"]["runs"]["GPTModelFast (cache)"]["same_tokens_as_plain"] is True
    if compiles:  # ... and so does compile_decoding's step, with its compile time recorded
        compiled = result["generation"]["runs"]["GPTModelFast compiled (cache)"]
        assert compiled["same_tokens_as_plain"] is True
        assert result["generation_compile"]["compile_seconds"] > 0
    # invariant: the kernels GPTModelFast chose are recorded (x86 CPUs: it chooses there)
    if kernels.onednn_usable():
        assert set(result["machine"]["kernels"]) == {"one row (decoding)", "dL/dx", "dL/dW"}
    # invariant: the README tables can be made from the JSON written
    assert "| GPTModelFast (cache) |" in script.markdown(json.loads(out.read_text()))
    # invariant: a smoke run never claims a goal (goals are judged only at full size)
    assert all(goal["met"] is None for goal in result["ratios"]["goals"])
