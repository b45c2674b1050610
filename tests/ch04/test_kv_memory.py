"""KV-cache memory: the formulas of llmscratch.kv_memory against worked numbers and against the
bytes real caches hold (MHA in GPTModel, GQA and SWA in Llama3Model, MLA), plus the plot.

A kept mutant (an estimate that forgets the values, caching keys only) shows that the
comparison with measured caches can fail.
"""

from __future__ import annotations

import pytest
import torch

from llmscratch.gqa import GroupedQueryAttention, compute_rope_params
from llmscratch.kv_memory import (
    estimate_kv_cache_bytes,
    kv_cache_bytes_for_config,
    kv_cache_bytes_per_token,
    measure_kv_cache_bytes,
)
from llmscratch.llama import LLAMA32_CONFIG_1B, Llama3Model
from llmscratch.mla import MultiHeadLatentAttention
from llmscratch.model import GPTModel

TINY_LLAMA = {"vocab_size": 50, "context_length": 64, "emb_dim": 24, "n_heads": 6,
              "n_layers": 3, "hidden_dim": 40, "n_kv_groups": 2, "rope_base": 10_000.0,
              "rope_freq": None, "dtype": torch.float32}


def test_worked_examples():
    # Invariant: the docstrings' numbers (Llama 3.2 1B: 32 KiB a token, 4 GiB in full).
    assert kv_cache_bytes_per_token("gqa", 16, 32, 64, n_kv_groups=8) == 32_768
    assert kv_cache_bytes_for_config(LLAMA32_CONFIG_1B) == 4 * 2**30
    assert kv_cache_bytes_per_token("mha", 12, 12, 64, dtype=torch.float32) == 73_728
    assert kv_cache_bytes_per_token("mla", 61, 128, 128, kv_lora_rank=512,
                                    qk_rope_head_dim=64) == 61 * 576 * 2
    swa = estimate_kv_cache_bytes("swa", 131_072, n_layers=16, n_heads=32, head_dim=64,
                                  n_kv_groups=8, sliding_window=4096)
    assert swa == 128 * 2**20
    # Invariant: with one global layer in every 4, those layers keep every token.
    mixed = estimate_kv_cache_bytes("swa", 10_000, n_layers=8, n_heads=4, head_dim=16,
                                    sliding_window=1000, global_every=4)
    assert mixed == (2 * 10_000 + 6 * 1000) * 2 * 4 * 16 * 2
    with pytest.raises(ValueError, match="kind must be one of"):
        kv_cache_bytes_per_token("flash", 1, 1, 1)


def _filled(model, num_tokens, vocab):
    model.reset_kv_cache()
    with torch.no_grad():
        model(torch.randint(0, vocab, (2, num_tokens - 3)), use_cache=True)
        for _ in range(3):  # then one token at a time, as in generation
            model(torch.randint(0, vocab, (2, 1)), use_cache=True)
    return measure_kv_cache_bytes(model)


def _cases():
    """(model, tokens, vocab, estimate kwargs) for a cache of each kind."""
    torch.manual_seed(0)
    gpt_cfg = {"vocab_size": 40, "context_length": 32, "emb_dim": 16, "n_heads": 4,
               "n_layers": 2, "drop_rate": 0.0, "qkv_bias": False}
    gpt = GPTModel(gpt_cfg).eval()
    llama = Llama3Model(TINY_LLAMA).eval()
    swa = Llama3Model(TINY_LLAMA).eval()
    for i, block in enumerate(swa.trf_blocks):
        if i != 2:  # layers 0 and 1 local, layer 2 global (global_every=3)
            block.att.sliding_window = 5
    mla = GPTModel(gpt_cfg).eval()
    for block in mla.trf_blocks:
        block.att = MultiHeadLatentAttention(16, 4, kv_lora_rank=6, qk_nope_head_dim=4,
                                             v_head_dim=4, out_bias=True)
    return [
        (gpt, 20, 40, dict(kind="mha", n_layers=2, n_heads=4, head_dim=4)),
        (llama, 30, 50, dict(kind="gqa", n_layers=3, n_heads=6, head_dim=4, n_kv_groups=2)),
        (swa, 30, 50, dict(kind="swa", n_layers=3, n_heads=6, head_dim=4, n_kv_groups=2,
                           sliding_window=5, global_every=3)),
        (mla, 17, 40, dict(kind="mla", n_layers=2, n_heads=4, head_dim=4, kv_lora_rank=6)),
    ]


def _keys_only(kind, num_tokens, **kwargs):
    """Kept mutant: an estimate that caches the keys but forgets the values."""
    full = estimate_kv_cache_bytes(kind, num_tokens, **kwargs)
    return full if kind == "mla" else full // 2


@pytest.mark.parametrize("estimate, ok", [(estimate_kv_cache_bytes, True), (_keys_only, False)])
def test_estimates_equal_the_measured_caches(estimate, ok):
    results = []
    for model, tokens, vocab, kwargs in _cases():
        measured = _filled(model, tokens, vocab)
        kind = kwargs.pop("kind")
        predicted = estimate(kind, tokens, batch_size=2, dtype=torch.float32, **kwargs)
        results.append(measured == predicted)
    # Invariant: formula == bytes the real caches hold, for MHA, GQA, SWA and MLA; the
    # keys-only mutant is rejected by the same comparison.
    assert all(results) if ok else not all(results)


def test_sliding_window_cache_frees_old_tokens():
    torch.manual_seed(1)
    att = GroupedQueryAttention(16, 4, 2, sliding_window=4)
    cos, sin = compute_rope_params(4, 10_000, 64)
    att(torch.randn(1, 40, 16), use_cache=True, cos=cos, sin=sin)
    # Invariant: after 40 tokens only 4 are held, and not as a view of all 40.
    assert att.cache_k.shape[2] == 4
    assert att.cache_k.untyped_storage().nbytes() == 1 * 2 * 4 * 4 * 4


def test_plot_kv_cache_memory(tmp_path):
    from llmscratch.plotting_variants import plot_architecture_comparison, plot_kv_cache_memory

    settings = {"MHA": dict(kind="mha", n_layers=16, n_heads=32, head_dim=64),
                "GQA": dict(kind="gqa", n_layers=16, n_heads=32, head_dim=64, n_kv_groups=8)}
    fig, values = plot_kv_cache_memory(settings, [1024, 8192], path=tmp_path / "kv.png")
    # Invariant: the plotted numbers are the estimator's, and GQA with 8 of 32 is a quarter.
    assert values["GQA"][1] * 4 == values["MHA"][1] == 2 * 16 * 32 * 64 * 2 * 8192
    assert (tmp_path / "kv.png").stat().st_size > 1000
    assert len(fig.axes[0].lines) == 2
    table = plot_architecture_comparison(path=tmp_path / "arch.png")
    assert (tmp_path / "arch.png").is_file() and table.axes
