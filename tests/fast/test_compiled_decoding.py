"""Tests for ``compile_decoding``: GPTModelFast's one-token step compiled whole.

The compiled step must give plain generation's tokens (also when the context fills and the
cache is refilled), must be the step that actually runs, and must never decode with weights
that are no longer the model's. Each check has a mutant. Every compile takes seconds to tens
of seconds even for the tiny model, so the tests share compiles where they can; no timings
are asserted (``benchmarks/compiled_decoding.py`` measures speed).
"""

from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path

import pytest
import torch

from llmscratch import (
    GPTModel,
    generate_text_simple,
    generate_text_simple_cached,
    replace_linear_with_lora,
)
from llmscratch.fast import (
    GPTModelFast,
    UnsupportedOptionError,
    compile_decoding,
    quantize_for_generation,
    supported_options,
)
from llmscratch.fast import decode as fast_decode
from llmscratch.fast import options as fast_options

pytestmark = [pytest.mark.usefixtures("one_thread"), pytest.mark.skipif(
    supported_options("cpu")["compile"] is not None,
    reason=f"torch.compile is not supported here: {supported_options('cpu')['compile']}")]

PROMPT = torch.tensor([[5, 17, 42, 7]])
NEW_TOKENS = 20  # with context 16 the cache fills and generation refills it: both paths run


@pytest.fixture
def cfg(tiny_cfg):
    return {**tiny_cfg, "vocab_size": 300, "qkv_bias": True}


def _models(cfg, seed=123):
    """A GPTModel and a GPTModelFast with its weights, both in eval mode."""
    torch.manual_seed(seed)
    book = GPTModel(cfg).eval()
    fast = GPTModelFast(cfg).eval()
    fast.load_state_dict(book.state_dict())
    return book, fast


def _count_compiled_calls(monkeypatch):
    calls = []
    original = fast_decode.CompiledDecoding.__call__

    def counting(self, model, in_idx):
        calls.append(model.current_pos)
        return original(self, model, in_idx)

    monkeypatch.setattr(fast_decode.CompiledDecoding, "__call__", counting)
    return calls


def test_compiled_decoding_gives_plain_tokens_and_runs(cfg, monkeypatch):
    torch._dynamo.reset()
    book, fast = _models(cfg)
    plain = generate_text_simple(book, PROMPT, NEW_TOKENS, cfg["context_length"])
    calls = _count_compiled_calls(monkeypatch)
    assert compile_decoding(fast, max_autotune=False) is fast
    with torch.no_grad():
        tokens = generate_text_simple_cached(fast, PROMPT, NEW_TOKENS)
        again = generate_text_simple_cached(fast, PROMPT, NEW_TOKENS)
    # invariant: the compiled step gives plain generation's tokens, before and after the
    # cache is refilled at the context limit, and again on a second generation
    assert torch.equal(tokens, plain) and torch.equal(again, plain)
    # invariant: it is the compiled step that decoded: once per token fed after a prompt
    # (every token but the ones the prompt forwards produce)
    assert len(calls) >= NEW_TOKENS and all(0 < pos < cfg["context_length"] for pos in calls)
    # ... and its logits are the eager step's up to float rounding
    fast.reset_kv_cache()
    eager = GPTModelFast(cfg).eval()
    eager.load_state_dict(fast.state_dict())
    with torch.no_grad():
        fast(PROMPT, use_cache=True)
        eager(PROMPT, use_cache=True)
        nxt = torch.tensor([[11]])
        diff = (fast(nxt, use_cache=True) - eager(nxt, use_cache=True)).abs().max().item()
    assert diff < 1e-5


def test_a_wrong_compiled_attention_is_caught(cfg, monkeypatch):
    torch._dynamo.reset()
    book, fast = _models(cfg)
    plain = generate_text_simple(book, PROMPT, NEW_TOKENS, cfg["context_length"])

    def cache_only(q, k, v, past_k, past_v):  # mutant: the new token does not see itself
        weights = torch.softmax(q @ past_k.transpose(-1, -2) * q.shape[-1] ** -0.5, dim=-1)
        return weights @ past_v

    monkeypatch.setattr(fast_decode._StepGraph, "_attend", staticmethod(cache_only))
    compile_decoding(fast, max_autotune=False)
    with torch.no_grad():
        tokens = generate_text_simple_cached(fast, PROMPT, NEW_TOKENS)
    # the mutant's tokens part from plain generation: the first test would fail on it
    assert not torch.equal(tokens, plain)


def test_changed_weights_drop_the_compiled_step(cfg, monkeypatch):
    torch._dynamo.reset()
    _, fast = _models(cfg)
    fast.train()
    with monkeypatch.context() as patch:
        calls = _count_compiled_calls(patch)
        compile_decoding(fast, max_autotune=False)
        assert calls == []  # the check below tells compile_now from a compile_now ignored
        compile_decoding(fast, max_autotune=False, compile_now=True)
    # invariant: compile_now runs the compiled step in the call, for the two cache lengths
    # that compile (one token after a one-token prompt, then one more), and leaves the
    # model's mode as it was
    assert calls == [1, 2] and fast.training
    fast.eval()
    with torch.no_grad():
        before = generate_text_simple_cached(fast, PROMPT, NEW_TOKENS)
        fast.out_head.weight.add_(torch.randn_like(fast.out_head.weight))  # "training"
    changed = GPTModelFast(cfg).eval()
    changed.load_state_dict(fast.state_dict())
    with torch.no_grad():
        expected = generate_text_simple_cached(changed, PROMPT, NEW_TOKENS)
    assert not torch.equal(expected, before)  # the change matters to the tokens

    with monkeypatch.context() as patch:  # mutant: the compiled step never notices
        patch.setattr(fast_decode.CompiledDecoding, "matches", lambda self, model: True)
        with torch.no_grad():
            stale = generate_text_simple_cached(fast, PROMPT, NEW_TOKENS)
    assert not torch.equal(stale, expected)  # frozen weights: the mutant decodes stale tokens

    with pytest.warns(UserWarning, match="compile_decoding\\(model\\) again"):
        with torch.no_grad():
            tokens = generate_text_simple_cached(fast, PROMPT, NEW_TOKENS)
    # invariant: after the weights change the model warns, drops the compiled step and
    # decodes with its current weights, uncompiled
    assert torch.equal(tokens, expected) and fast._compiled_decoding is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # once: no warning on the next generation
        with torch.no_grad():
            assert torch.equal(generate_text_simple_cached(fast, PROMPT, NEW_TOKENS), expected)


def test_compile_decoding_refuses_what_it_cannot_compile(cfg, monkeypatch):
    book, fast = _models(cfg)
    # invariant: each refusal says what to do instead, before anything is compiled
    with pytest.raises(TypeError, match="to_fast_model"):
        compile_decoding(book)
    with pytest.raises(UnsupportedOptionError, match="float32 models on the CPU"):
        compile_decoding(GPTModelFast(cfg).double())
    lora = GPTModelFast(cfg)
    replace_linear_with_lora(lora, rank=2, alpha=4)
    with pytest.raises(UnsupportedOptionError, match="LinearWithLoRA"):
        compile_decoding(lora)
    if supported_options("cpu")["int8_weights"] is None:
        with pytest.raises(UnsupportedOptionError, match="LowPrecisionLinear"):
            compile_decoding(quantize_for_generation(fast, "int8"))
    monkeypatch.setattr(fast_options.shutil, "which", lambda name: None)
    with pytest.raises(UnsupportedOptionError, match="C\\+\\+ compiler"):
        compile_decoding(fast)
    assert fast._compiled_decoding is None


def test_copies_do_not_carry_the_compiled_step(cfg):
    import copy

    _, fast = _models(cfg)
    compile_decoding(fast, max_autotune=False)  # nothing compiles until the first token
    # invariant: a copy (quantize_for_generation copies too) starts uncompiled
    assert copy.deepcopy(fast)._compiled_decoding is None


def test_compiled_decoding_benchmark_quick_runs(tmp_path):
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "compiled_decoding.py"
    spec = importlib.util.spec_from_file_location("compiled_decoding", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    torch._dynamo.reset()
    result = module.main(["--quick", "--rounds", "1", "--out", str(tmp_path / "r.json")])
    # invariant: the script compares like with like: the same tokens, both timings reported
    assert result["rounds"][0]["same_tokens"] is True
    assert result["rounds"][0]["compiled_ms_per_token"] > 0 and (tmp_path / "r.json").exists()
