"""RMSNorm, rotary embeddings and grouped-query / sliding-window attention (llmscratch.gqa).

References: transformers' LlamaRMSNorm and LlamaRotaryEmbedding (including Llama 3's scaling),
chapter 3's MultiHeadAttention (GQA with one key/value head per query head), and small
attention references written here (multi-query attention, a banded sliding-window mask).
Each component also has a kept mutant: a plausible wrong version that the same test rejects.
"""

from __future__ import annotations

import copy

import pytest
import torch

import llmscratch.gqa as gqa
from llmscratch.attention import MultiHeadAttention
from llmscratch.generation import generate_text_simple, generate_text_simple_cached
from llmscratch.gqa import GroupedQueryAttention, RMSNorm, apply_rope, compute_rope_params
from llmscratch.model import GPTModel

transformers = pytest.importorskip("transformers")

# (d_in, num_heads, num_kv_groups, num_tokens): pairwise distinct sizes
ATT_CASES = [(24, 6, 3, 7), (32, 8, 2, 5), (40, 4, 1, 9)]


def _max_diff(a, b):
    return (a.double() - b.double()).abs().max().item()


def test_rms_norm_matches_transformers_and_worked_example():
    from transformers.models.llama.modeling_llama import LlamaRMSNorm

    # Invariant: the docstring's worked example, [1, 2, 3, 4] / sqrt(7.5).
    out = RMSNorm(4)(torch.tensor([[1.0, 2.0, 3.0, 4.0]]))
    assert torch.allclose(out, torch.tensor([[0.3651, 0.7303, 1.0954, 1.4606]]), atol=1e-4)
    for emb_dim, eps in [(8, 1e-5), (13, 1e-6)]:
        ours, theirs = RMSNorm(emb_dim, eps=eps), LlamaRMSNorm(emb_dim, eps=eps)
        with torch.no_grad():
            ours.scale.copy_(torch.randn(emb_dim))
            theirs.weight.copy_(ours.scale)
        x = torch.randn(3, 5, emb_dim) * 4
        # Invariant: same values as transformers' RMSNorm, with a learned scale.
        assert _max_diff(ours(x), theirs(x)) < 1e-6


def _hf_rope(head_dim, base, positions, rope_type="default", **scaling):
    from transformers import LlamaConfig
    from transformers.models.llama.modeling_llama import LlamaRotaryEmbedding

    params = {"rope_type": rope_type, "rope_theta": base, **scaling}
    cfg = LlamaConfig(hidden_size=head_dim * 2, num_attention_heads=2, head_dim=head_dim,
                      max_position_embeddings=int(positions.max()) + 1, rope_parameters=params)
    rotary = LlamaRotaryEmbedding(cfg)
    cos, sin = rotary(torch.zeros(1, dtype=torch.float32), positions[None, :])
    return cos[0], sin[0]


LLAMA3_FREQ = {"factor": 32.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
               "original_context_length": 8192}


@pytest.mark.parametrize("head_dim, base, freq", [(8, 10_000.0, None), (64, 500_000.0, LLAMA3_FREQ),
                                                  (128, 1_000_000.0, None)])
def test_rope_tables_match_transformers(head_dim, base, freq):
    context = 9000  # beyond Llama 3's original 8,192 positions
    cos, sin = compute_rope_params(head_dim, base, context, freq)
    positions = torch.tensor([0, 1, 5, 777, 4096, 8191, 8999])
    scaling = {}
    if freq:
        scaling = {"factor": freq["factor"], "low_freq_factor": freq["low_freq_factor"],
                   "high_freq_factor": freq["high_freq_factor"],
                   "original_max_position_embeddings": freq["original_context_length"]}
    hf_cos, hf_sin = _hf_rope(head_dim, base, positions, "llama3" if freq else "default",
                              **scaling)
    # Invariant: our tables are transformers' rotary embedding, row for row (float32 angles of
    # up to 9,000 radians: a few ulps of 9,000 are about 1e-3 of an angle, hence 2e-3 there).
    assert cos.shape == (context, head_dim)
    assert _max_diff(cos[positions][:3], hf_cos[:3]) < 1e-6
    assert _max_diff(cos[positions], hf_cos) < 2e-3 and _max_diff(sin[positions], hf_sin) < 2e-3
    if freq:
        # Kept mutant: forgetting Llama 3's scaling changes the slow frequencies far beyond that.
        plain_cos, _ = compute_rope_params(head_dim, base, context, None)
        assert _max_diff(plain_cos[positions], hf_cos) > 0.1


def test_rope_docstring_example_and_relative_positions():
    cos, sin = compute_rope_params(4, 10_000, 8)
    # Invariant: the docstring's worked example (frequencies 1 and 0.01).
    assert torch.allclose(cos[1], torch.tensor([0.5403, 0.99995, 0.5403, 0.99995]), atol=1e-4)
    q, k = torch.randn(1, 1, 1, 4), torch.randn(1, 1, 1, 4)
    dots = [(apply_rope(q, cos, sin, offset=p) * apply_rope(k, cos, sin, offset=p - 2)).sum()
            for p in (2, 5, 7)]
    # Invariant: a rotated query.key depends only on the distance between the two positions.
    assert max(dots) - min(dots) < 1e-5


def _copy_mha_into_gqa(mha, gqa_att):
    with torch.no_grad():
        for name in ("W_query", "W_key", "W_value", "out_proj"):
            getattr(gqa_att, name).load_state_dict(getattr(mha, name).state_dict())


@pytest.mark.parametrize("d_in, num_heads, _groups, num_tokens", ATT_CASES)
def test_gqa_with_one_kv_head_per_query_head_is_multi_head_attention(d_in, num_heads, _groups,
                                                                      num_tokens):
    torch.manual_seed(d_in)
    mha = MultiHeadAttention(d_in, d_in, 16, 0.0, num_heads, qkv_bias=True)
    att = GroupedQueryAttention(d_in, num_heads, num_kv_groups=num_heads, qkv_bias=True,
                                out_bias=True)
    _copy_mha_into_gqa(mha, att)
    x = torch.randn(2, num_tokens, d_in)
    # Invariant: GQA with as many K/V heads as query heads is chapter 3's MHA.
    assert _max_diff(att(x), mha(x)) < 1e-6


def _mqa_reference(att, x):
    """Multi-query attention written directly: every query head reads one shared K/V head."""
    b, T, _ = x.shape
    q = att.W_query(x).view(b, T, att.num_heads, att.head_dim).transpose(1, 2)
    k, v = att.W_key(x), att.W_value(x)  # (b, T, head_dim): the one shared head
    scores = torch.einsum("bhqd,bkd->bhqk", q, k) / att.head_dim**0.5
    scores = scores.masked_fill(torch.triu(torch.ones(T, T, dtype=torch.bool), 1), -torch.inf)
    ctx = torch.einsum("bhqk,bkd->bqhd", scores.softmax(-1), v).reshape(b, T, -1)
    return att.out_proj(ctx)


@pytest.mark.parametrize("d_in, num_heads, _groups, num_tokens", ATT_CASES)
def test_gqa_with_one_kv_head_is_multi_query_attention(d_in, num_heads, _groups, num_tokens):
    torch.manual_seed(num_tokens)
    att = GroupedQueryAttention(d_in, num_heads, num_kv_groups=1)
    x = torch.randn(3, num_tokens, d_in)
    # Invariant: one K/V head shared by all query heads is multi-query attention.
    assert _max_diff(att(x), _mqa_reference(att, x)) < 1e-6


def _grouped_reference(att, x):
    """GQA by an explicit loop over query heads: head h reads K/V head h // group_size."""
    b, T, _ = x.shape
    q = att.W_query(x).view(b, T, att.num_heads, att.head_dim)
    k = att.W_key(x).view(b, T, att.num_kv_groups, att.head_dim)
    v = att.W_value(x).view(b, T, att.num_kv_groups, att.head_dim)
    causal = torch.triu(torch.ones(T, T, dtype=torch.bool), 1)
    heads = []
    for h in range(att.num_heads):
        g = h // att.group_size
        s = (q[:, :, h] @ k[:, :, g].transpose(1, 2)) / att.head_dim**0.5
        heads.append(s.masked_fill(causal, -torch.inf).softmax(-1) @ v[:, :, g])
    return att.out_proj(torch.cat(heads, dim=-1))


def test_gqa_groups_heads_in_order_and_a_tiled_repeat_is_caught(monkeypatch):
    torch.manual_seed(5)
    att = GroupedQueryAttention(32, 8, num_kv_groups=2)
    x = torch.randn(2, 6, 32)
    # Invariant: heads 0-3 share K/V head 0 and heads 4-7 share K/V head 1.
    assert _max_diff(att(x), _grouped_reference(att, x)) < 1e-6
    # Kept mutant: tiling the K/V heads (0,1,0,1,...) instead of repeating each in place.
    monkeypatch.setattr(torch.Tensor, "repeat_interleave",
                        lambda t, n, dim: t.repeat(*[n if d == dim else 1 for d in range(t.dim())]))
    assert _max_diff(att(x), _grouped_reference(att, x)) > 1e-3


def _banded_reference(att, x, window):
    """Attention where token t sees tokens max(0, t - window + 1) .. t, one query at a time."""
    outs = []
    for t in range(x.shape[1]):
        lo = max(0, t - window + 1)
        full = GroupedQueryAttention.forward(att, x[:, lo : t + 1])  # a causal window ending at t
        outs.append(full[:, -1:])
    return torch.cat(outs, dim=1)


@pytest.mark.parametrize("window, num_tokens", [(3, 8), (5, 6), (1, 4)])
def test_sliding_window_attention_matches_a_banded_reference(window, num_tokens):
    torch.manual_seed(window)
    att = GroupedQueryAttention(24, 6, 3, sliding_window=window)
    full_att = copy.deepcopy(att)
    full_att.sliding_window = None
    x = torch.randn(2, num_tokens, 24)
    # Invariant: each token attends to itself and the window - 1 tokens before it, no more.
    assert _max_diff(att(x), _banded_reference(full_att, x, window)) < 1e-6
    mask = att.causal_mask(0, 4, 4)
    assert mask[3].tolist() == [True] * max(0, 4 - window) + [False] * min(4, window)


def test_sliding_window_off_by_one_mutant_is_caught(monkeypatch):
    torch.manual_seed(0)
    att = GroupedQueryAttention(24, 6, 3, sliding_window=3)
    full_att = copy.deepcopy(att)
    full_att.sliding_window = None
    x = torch.randn(1, 7, 24)
    # Kept mutant: a window one token too wide (k > q - w - 1 instead of k > q - w).
    monkeypatch.setattr(att, "sliding_window", 4)
    assert _max_diff(att(x), _banded_reference(full_att, x, 3)) > 1e-3


def _gpt_with(cfg, make_att):
    torch.manual_seed(123)
    model = GPTModel(cfg).eval()
    for block in model.trf_blocks:
        block.att = make_att()
    return model.eval()


@pytest.mark.parametrize("groups, window", [(4, None), (2, None), (1, 5), (2, 3)])
def test_drop_in_gpt_kv_cache_generation_equals_plain(tiny_cfg, groups, window):
    cfg = {**tiny_cfg, "vocab_size": 101}
    model = _gpt_with(cfg, lambda: GroupedQueryAttention(
        cfg["emb_dim"], cfg["n_heads"], groups, qkv_bias=True, out_bias=True,
        sliding_window=window))
    idx = torch.randint(0, 101, (2, 4))
    plain = generate_text_simple(model, idx, 20, cfg["context_length"])
    cached = generate_text_simple_cached(model, idx, 20)
    # Invariant: the KV cache (and, with a window, its trimming) changes no token, also past
    # the context length where the window of plain generation slides.
    assert torch.equal(plain, cached)
    model.reset_kv_cache()
    model(idx[:, :3].repeat(1, 3), use_cache=True)
    keep = 9 if window is None else min(window, 9)
    # Invariant: the cache holds num_kv_groups heads and, with a window, only `window` tokens.
    assert model.trf_blocks[0].att.cache_k.shape == (2, groups, keep, cfg["emb_dim"] // 4)


def test_drop_in_gpt_with_mha_sized_gqa_keeps_the_logits(tiny_cfg):
    torch.manual_seed(1)
    reference = GPTModel(tiny_cfg).eval()
    model = copy.deepcopy(reference)
    for block in model.trf_blocks:
        old = block.att
        block.att = GroupedQueryAttention(tiny_cfg["emb_dim"], tiny_cfg["n_heads"],
                                          tiny_cfg["n_heads"], out_bias=True)
        _copy_mha_into_gqa(old, block.att)
    idx = torch.randint(0, 1000, (2, 10))
    # Invariant: swapping MultiHeadAttention for an equivalent GQA leaves GPTModel unchanged.
    assert _max_diff(model(idx), reference(idx)) < 1e-5


def test_rope_half_split_mutant_changes_the_attention(monkeypatch):
    torch.manual_seed(2)
    cos, sin = compute_rope_params(8, 10_000, 16)
    att = GroupedQueryAttention(16, 2, 1)
    x = torch.randn(1, 6, 16)
    good = att(x, cos=cos, sin=sin)

    def interleaved(x, cos, sin, offset=0):  # pairs (0,1), (2,3): GPT-J's layout, not Llama's
        T = x.shape[-2]
        x1, x2 = x[..., ::2], x[..., 1::2]
        c, s = cos[offset : offset + T, ::2], sin[offset : offset + T, ::2]
        return torch.stack((x1 * c - x2 * s, x2 * c + x1 * s), dim=-1).flatten(-2)

    monkeypatch.setattr(gqa, "apply_rope", interleaved)
    # Kept mutant: rotating adjacent pairs instead of the two halves gives other outputs.
    assert _max_diff(att(x, cos=cos, sin=sin), good) > 1e-3


def test_bad_arguments_are_explained():
    with pytest.raises(ValueError, match="divisible by num_kv_groups"):
        GroupedQueryAttention(32, 8, 3)
    with pytest.raises(ValueError, match="head_dim must be even"):
        compute_rope_params(7)
