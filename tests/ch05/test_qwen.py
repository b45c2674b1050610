"""Qwen3, dense and mixture-of-experts (llmscratch.qwen).

The reference is transformers' ``Qwen3ForCausalLM`` and ``Qwen3MoeForCausalLM``: tiny random
models saved into ``tmp_path`` (one file and sharded), loaded through ``SafetensorsCheckpoint``
and ``load_weights_into_qwen``, must give the same logits within 1e-5 in float32 and the same
greedy tokens with and without the KV cache. Published parameter counts are checked on the meta
device. Kept mutants: QK-norm left out, keys normalised with the query norm, routing weights
not renormalised.
"""

from __future__ import annotations

import pytest
import torch

from llmscratch.generation import generate_text_simple, generate_text_simple_cached
from llmscratch.llama import count_unique_parameters
from llmscratch.llama_weights import SafetensorsCheckpoint, config_from_hf
from llmscratch.qwen import (
    QWEN3_CONFIG_1_7B,
    QWEN3_CONFIG_30B_A3B,
    QWEN_CONFIG_06_B,
    Qwen3Model,
    load_weights_into_qwen,
)

transformers = pytest.importorskip("transformers")

# Pairwise distinct sizes: (vocab, emb, heads, kv heads, head_dim, layers, hidden, context,
# experts, experts per token, expert width, renormalised top-k, tied). Expert widths times
# 4 bytes are multiples of 16, as transformers' grouped expert product needs.
TINY = {
    "dense-tied": (89, 32, 4, 2, 12, 2, 40, 64, 0, 0, 0, None, True),
    "dense-mqa": (113, 40, 5, 1, 8, 1, 28, 56, 0, 0, 0, None, False),
    "moe-renormalised": (101, 24, 6, 3, 6, 2, 36, 48, 5, 2, 20, True, False),
    "moe-plain-top3": (67, 16, 2, 2, 10, 3, 44, 40, 6, 3, 12, False, False),
}


def _random_norms(hf_model):
    """Norm weights start as ones; random ones make a mixed-up norm visible in the logits."""
    with torch.no_grad():
        for name, p in hf_model.named_parameters():
            if name.endswith("norm.weight"):
                p.copy_(1 + 0.3 * torch.randn_like(p))
    return hf_model


def _hf_qwen(name, seed=0):
    from transformers import Qwen3Config, Qwen3ForCausalLM, Qwen3MoeConfig, Qwen3MoeForCausalLM

    vocab, emb, heads, kv, head_dim, layers, hidden, ctx, experts, k, width, norm, tied = TINY[name]
    common = dict(vocab_size=vocab, hidden_size=emb, intermediate_size=hidden,
                  num_hidden_layers=layers, num_attention_heads=heads, num_key_value_heads=kv,
                  head_dim=head_dim, max_position_embeddings=ctx, tie_word_embeddings=tied,
                  rope_parameters={"rope_type": "default", "rope_theta": 1_000_000.0})
    torch.manual_seed(seed)
    if not experts:
        return _random_norms(Qwen3ForCausalLM(Qwen3Config(**common)).eval())
    cfg = Qwen3MoeConfig(**common, num_experts=experts, num_experts_per_tok=k,
                         moe_intermediate_size=width, norm_topk_prob=norm)
    return _random_norms(Qwen3MoeForCausalLM(cfg).eval())


def _ours_from(folder, **overrides):
    cfg = {**config_from_hf(folder), **overrides}
    return load_weights_into_qwen(Qwen3Model(cfg).eval(), cfg, SafetensorsCheckpoint(folder))


def _max_diff(a, b):
    return (a.double() - b.double()).abs().max().item()


@pytest.mark.parametrize("name", list(TINY))
def test_logits_and_greedy_tokens_equal_transformers(name, tmp_path):
    hf = _hf_qwen(name)
    hf.save_pretrained(tmp_path, max_shard_size="30KB" if name.startswith("moe") else "1GB")
    model = _ours_from(tmp_path)
    vocab, ctx = TINY[name][0], TINY[name][7]
    idx = torch.randint(0, vocab, (2, ctx - 5))
    with torch.no_grad():
        ours, theirs = model(idx), hf(idx).logits
    # Invariant: the same logits as transformers' Qwen3 / Qwen3-MoE, within 1e-5 in float32.
    assert _max_diff(ours, theirs) < 1e-5
    prompt = idx[1:, :4]
    expected = hf.generate(prompt, max_new_tokens=7, min_new_tokens=7, do_sample=False,
                           pad_token_id=0)
    # Invariant: the same greedy tokens, with and without our KV cache.
    assert torch.equal(generate_text_simple(model, prompt, 7, ctx), expected)
    assert torch.equal(generate_text_simple_cached(model, prompt, 7, ctx), expected)


def _logit_gap(tmp_path, name, edit=None, **overrides):
    hf = _hf_qwen(name)
    hf.save_pretrained(tmp_path)
    model = _ours_from(tmp_path, **overrides)
    if edit is not None:
        edit(model)
    idx = torch.randint(0, TINY[name][0], (1, 20))
    with torch.no_grad():
        return _max_diff(model(idx), hf(idx).logits)


def test_mutant_without_qk_norm_is_caught(tmp_path):
    def drop_qk_norm(model):
        for block in model.trf_blocks:
            block.att.q_norm = block.att.k_norm = None

    # Kept mutant: the logits comparison rejects a Qwen3 without QK-norm.
    assert _logit_gap(tmp_path, "dense-tied", drop_qk_norm) > 1e-3


def test_mutant_keys_normalised_with_the_query_norm_is_caught(tmp_path):
    def shared_norm(model):
        for block in model.trf_blocks:
            block.att.k_norm = block.att.q_norm

    # Kept mutant: one norm for queries and keys (their learned scales differ).
    assert _logit_gap(tmp_path, "dense-mqa", shared_norm) > 1e-4


def test_mutant_routing_not_renormalised_is_caught(tmp_path):
    # Kept mutant: top-k weights taken from the full softmax, not renormalised to sum to 1.
    assert _logit_gap(tmp_path, "moe-renormalised", norm_topk_prob=False) > 1e-4


def test_dense_checkpoint_refused_by_a_moe_model(tmp_path):
    _hf_qwen("dense-tied").save_pretrained(tmp_path)
    cfg = {**config_from_hf(tmp_path), "num_experts": 2, "num_experts_per_tok": 1,
           "moe_intermediate_size": 8}
    # Invariant: a mismatched architecture fails with the missing tensor's name.
    with pytest.raises(ValueError, match="mlp.gate.weight"):
        load_weights_into_qwen(Qwen3Model(cfg), cfg, SafetensorsCheckpoint(tmp_path))


@pytest.mark.parametrize("cfg, published", [(QWEN_CONFIG_06_B, 596_049_920),
                                            (QWEN3_CONFIG_1_7B, 1_720_574_976),
                                            (QWEN3_CONFIG_30B_A3B, 30_532_122_624)])
def test_published_parameter_counts_on_the_meta_device(cfg, published):
    with torch.device("meta"):
        model = Qwen3Model(cfg)
    # Invariant: Qwen's published sizes, exactly (0.6B and 1.7B tie the head to the embedding).
    assert count_unique_parameters(model) == published
    assert (model.out_head.weight is model.tok_emb.weight) == cfg["tie_embeddings"]
