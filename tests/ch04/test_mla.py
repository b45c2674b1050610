"""Multi-head latent attention (llmscratch.mla) against transformers' DeepSeek-V3 attention.

Tiny DeepSeek-V3 attention layers with random weights (and random norm scales) are copied into
``MultiHeadLatentAttention``; outputs must agree within 1e-5 in float32, with and without the
query bottleneck and in both rotary layouts. The KV cache of latents must give the same outputs
as a full forward, and drop into ``GPTModel`` for generation. Kept mutants: the wrong rotary
layout, the latent norm left out.
"""

from __future__ import annotations

import pytest
import torch

from llmscratch.generation import generate_text_simple, generate_text_simple_cached
from llmscratch.gqa import compute_rope_params
from llmscratch.mla import MultiHeadLatentAttention
from llmscratch.model import GPTModel

transformers = pytest.importorskip("transformers")

# (hidden, heads, kv_lora_rank, q_lora_rank, nope, rope, v, interleave): pairwise distinct sizes
CASES = [
    (32, 4, 12, None, 8, 4, 6, True),
    (40, 5, 16, 20, 6, 8, 10, True),
    (24, 2, 10, 14, 12, 6, 4, False),
]


def _hf_attention(case, seed=0):
    from transformers import DeepseekV3Config
    from transformers.models.deepseek_v3.modeling_deepseek_v3 import DeepseekV3Attention

    hidden, heads, kv_rank, q_rank, nope, rope, v, interleave = case
    cfg = DeepseekV3Config(hidden_size=hidden, num_attention_heads=heads,
                           num_key_value_heads=heads, kv_lora_rank=kv_rank, q_lora_rank=q_rank,
                           qk_nope_head_dim=nope, qk_rope_head_dim=rope, v_head_dim=v,
                           rope_interleave=interleave, max_position_embeddings=64,
                           rope_parameters={"rope_type": "default", "rope_theta": 10_000.0})
    cfg._attn_implementation = "eager"
    torch.manual_seed(seed)
    att = DeepseekV3Attention(cfg, layer_idx=0).eval()
    with torch.no_grad():
        for name, p in att.named_parameters():
            if "layernorm" in name:
                p.copy_(1 + 0.3 * torch.randn_like(p))
    return att, cfg


def _ours_from(hf_att, case, **overrides):
    hidden, heads, kv_rank, q_rank, nope, rope, v, interleave = case
    kwargs = {**dict(num_heads=heads, kv_lora_rank=kv_rank, qk_nope_head_dim=nope,
                     v_head_dim=v, qk_rope_head_dim=rope, q_lora_rank=q_rank,
                     rope_interleave=interleave), **overrides}
    ours = MultiHeadLatentAttention(hidden, **kwargs).eval()
    names = {"W_DKV": "kv_a_proj_with_mqa", "kv_norm": "kv_a_layernorm", "W_UKV": "kv_b_proj",
             "out_proj": "o_proj"}
    names.update({"W_query": "q_proj"} if q_rank is None else
                 {"W_DQ": "q_a_proj", "q_norm": "q_a_layernorm", "W_UQ": "q_b_proj"})
    with torch.no_grad():
        for mine, theirs in names.items():
            for src, dst in zip(getattr(hf_att, theirs).parameters(),
                                getattr(ours, mine).parameters()):
                dst.copy_(src)
    return ours


def _hf_output(hf_att, cfg, x):
    from transformers.models.deepseek_v3.modeling_deepseek_v3 import DeepseekV3RotaryEmbedding

    T = x.shape[1]
    cos, sin = DeepseekV3RotaryEmbedding(cfg)(x, torch.arange(T)[None, :])
    mask = torch.full((T, T), float("-inf")).triu(1)[None, None]
    with torch.no_grad():
        return hf_att(x, (cos, sin), mask)[0]


def _gap(case, x, **overrides):
    hf_att, cfg = _hf_attention(case)
    ours = _ours_from(hf_att, case, **overrides)
    cos, sin = compute_rope_params(case[5], 10_000.0, 64)
    with torch.no_grad():
        return (ours(x, cos=cos, sin=sin) - _hf_output(hf_att, cfg, x)).abs().max().item()


@pytest.mark.parametrize("case", CASES)
def test_mla_matches_deepseek_v3_attention(case):
    x = torch.randn(2, 9, case[0])
    # Invariant: the same outputs as transformers' DeepseekV3Attention, within 1e-5.
    assert _gap(case, x) < 1e-5


def test_mutants_wrong_rotary_layout_and_missing_latent_norm_are_caught(monkeypatch):
    case = CASES[1]
    x = torch.randn(2, 9, case[0])
    # Kept mutant: Llama's half-split layout where DeepSeek interleaves the rotary pairs.
    assert _gap(case, x, rope_interleave=False) > 1e-3
    # Kept mutant: the latent is not RMS-normalised before the up-projection.
    monkeypatch.setattr("llmscratch.mla.RMSNorm.forward", lambda self, t: t)
    assert _gap(case, x) > 1e-3


@pytest.mark.parametrize("case", CASES[:2])
def test_cache_of_latents_gives_the_full_forward(case):
    hf_att, _ = _hf_attention(case)
    ours = _ours_from(hf_att, case)
    cos, sin = compute_rope_params(case[5], 10_000.0, 64)
    x = torch.randn(2, 10, case[0])
    with torch.no_grad():
        full = ours(x, cos=cos, sin=sin)
        ours.reset_cache()
        parts = [ours(x[:, :6], use_cache=True, cos=cos, sin=sin)]
        parts += [ours(x[:, t : t + 1], use_cache=True, cos=cos, sin=sin) for t in range(6, 10)]
    # Invariant: prompt then one token at a time equals one forward over all tokens.
    assert (torch.cat(parts, dim=1) - full).abs().max() < 1e-5
    # Invariant: only kv_lora_rank + qk_rope_head_dim numbers per token are cached.
    assert ours.cache_latent.shape == (2, 10, case[2])
    assert ours.cache_k_rope.shape == (2, 10, case[5])
    assert ours.cache_numbers_per_token() == case[2] + case[5]


def test_mla_without_rope_drops_into_gpt_and_caches(tiny_cfg):
    torch.manual_seed(7)
    cfg = {**tiny_cfg, "vocab_size": 97}
    model = GPTModel(cfg).eval()
    for block in model.trf_blocks:
        block.att = MultiHeadLatentAttention(cfg["emb_dim"], cfg["n_heads"], kv_lora_rank=6,
                                             qk_nope_head_dim=8, v_head_dim=8, out_bias=True)
    idx = torch.randint(0, 97, (2, 5))
    # Invariant: cached generation equals plain generation, also past the context length.
    assert torch.equal(generate_text_simple_cached(model, idx, 18),
                       generate_text_simple(model, idx, 18, cfg["context_length"]))
