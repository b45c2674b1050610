"""Llama 3 from the chapter-4 GPT (llmscratch.llama, llmscratch.llama_weights).

The reference is transformers' own ``LlamaForCausalLM``: tiny random models are saved with
``save_pretrained`` (safetensors, also sharded) into ``tmp_path``, read back through our
``SafetensorsCheckpoint`` and ``load_weights_into_llama``, and must give the same logits within
1e-5 in float32 and the same greedy tokens. Parameter counts of the published sizes are checked
on the meta device (nothing allocated). Kept mutants: a wrong RoPE half-split, Llama 3 scaling
left out, and gate/up projections swapped in the key table.
"""

from __future__ import annotations

import pytest
import torch

import llmscratch.gqa as gqa
import llmscratch.llama_weights as llama_weights
from llmscratch.generation import generate_text_simple, generate_text_simple_cached
from llmscratch.llama import (
    LLAMA32_CONFIG_1B,
    LLAMA32_CONFIG_3B,
    Llama3Model,
    count_unique_parameters,
)
from llmscratch.llama_weights import (
    SafetensorsCheckpoint,
    config_from_hf,
    load_weights_into_llama,
)

transformers = pytest.importorskip("transformers")

# Tiny Llama shapes with pairwise distinct sizes: (vocab, emb, heads, kv heads, layers, hidden,
# context, tied, Llama 3 scaling)
TINY = {
    "gqa-tied-scaled": (97, 32, 4, 2, 2, 40, 64, True, True),
    "mqa-untied": (131, 48, 6, 1, 3, 56, 80, False, False),
    "mha-scaled": (71, 24, 3, 3, 1, 36, 48, False, True),
}


def _random_norms(hf_model):
    """Norm weights start as ones; random ones make a mixed-up norm visible in the logits."""
    with torch.no_grad():
        for name, p in hf_model.named_parameters():
            if name.endswith("norm.weight"):
                p.copy_(1 + 0.3 * torch.randn_like(p))
    return hf_model


def _hf_llama(name, seed=0):
    from transformers import LlamaConfig, LlamaForCausalLM

    vocab, emb, heads, kv, layers, hidden, ctx, tied, scaled = TINY[name]
    rope = {"rope_type": "default", "rope_theta": 10_000.0}
    if scaled:  # a small original context, so that the scaling matters within ctx tokens
        rope = {"rope_type": "llama3", "rope_theta": 500_000.0, "factor": 8.0,
                "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                "original_max_position_embeddings": 16}
    cfg = LlamaConfig(vocab_size=vocab, hidden_size=emb, intermediate_size=hidden,
                      num_hidden_layers=layers, num_attention_heads=heads,
                      num_key_value_heads=kv, max_position_embeddings=ctx, rms_norm_eps=1e-5,
                      tie_word_embeddings=tied, rope_parameters=rope)
    torch.manual_seed(seed)
    return _random_norms(LlamaForCausalLM(cfg).eval())


def _saved(hf_model, folder, sharded=False):
    hf_model.save_pretrained(folder, max_shard_size="40KB" if sharded else "1GB")
    return folder


def _ours_from(folder, **overrides):
    cfg = {**config_from_hf(folder), **overrides}
    model = Llama3Model(cfg).eval()
    return load_weights_into_llama(model, cfg, SafetensorsCheckpoint(folder))


def _max_diff(a, b):
    return (a.double() - b.double()).abs().max().item()


@pytest.mark.parametrize("name", list(TINY))
def test_logits_and_greedy_tokens_equal_transformers(name, tmp_path):
    hf = _hf_llama(name)
    model = _ours_from(_saved(hf, tmp_path, sharded=name == "mqa-untied"))
    vocab, ctx = TINY[name][0], TINY[name][6]
    idx = torch.randint(0, vocab, (2, ctx - 8))
    with torch.no_grad():
        ours, theirs = model(idx), hf(idx).logits
    # Invariant: the same logits as transformers' Llama, within 1e-5 in float32.
    assert _max_diff(ours, theirs) < 1e-5
    prompt = idx[:1, :5]
    expected = hf.generate(prompt, max_new_tokens=8, min_new_tokens=8, do_sample=False,
                           pad_token_id=0)
    # Invariant: the same greedy continuation, with and without our KV cache.
    assert torch.equal(generate_text_simple(model, prompt, 8, ctx), expected)
    assert torch.equal(generate_text_simple_cached(model, prompt, 8, ctx), expected)


def test_sharded_checkpoint_is_read_one_tensor_at_a_time(tmp_path):
    folder = _saved(_hf_llama("gqa-tied-scaled"), tmp_path, sharded=True)
    params = SafetensorsCheckpoint(folder)
    # Invariant: the index's shards are all used, and single-file and indexed reads agree.
    assert len(params.shards()) > 1
    key = "model.layers.1.mlp.down_proj.weight"
    shard = params._files[key]
    assert torch.equal(params[key], SafetensorsCheckpoint(shard)[key])


def test_kv_cache_generation_past_the_context_equals_plain(tmp_path):
    model = _ours_from(_saved(_hf_llama("mha-scaled"), tmp_path))
    idx = torch.randint(0, 71, (2, 6))
    plain = generate_text_simple(model, idx, 50, 48)
    # Invariant: cached decoding gives plain decoding's tokens, also once the window slides.
    assert torch.equal(generate_text_simple_cached(model, idx, 50, 48), plain)
    with pytest.raises(ValueError, match="context_length"):
        model(torch.zeros(1, 49, dtype=torch.long))


def _logit_gap(tmp_path, name="gqa-tied-scaled", **overrides):
    hf = _hf_llama(name)
    model = _ours_from(_saved(hf, tmp_path), **overrides)
    idx = torch.randint(0, TINY[name][0], (1, 40))
    with torch.no_grad():
        return _max_diff(model(idx), hf(idx).logits)


def test_mutant_rope_with_adjacent_pairs_is_caught(tmp_path, monkeypatch):
    def adjacent_pairs(x, cos, sin, offset=0):
        T = x.shape[-2]
        x1, x2 = x[..., ::2], x[..., 1::2]
        c, s = cos[offset : offset + T, ::2], sin[offset : offset + T, ::2]
        return torch.stack((x1 * c - x2 * s, x2 * c + x1 * s), dim=-1).flatten(-2)

    monkeypatch.setattr(gqa, "apply_rope", adjacent_pairs)
    # Kept mutant: the logits comparison rejects a RoPE that pairs neighbours, not halves.
    assert _logit_gap(tmp_path) > 1e-3


def test_mutant_without_llama3_scaling_is_caught(tmp_path):
    # Kept mutant: plain RoPE where the checkpoint uses Llama 3's scaled frequencies.
    assert _logit_gap(tmp_path, rope_freq=None) > 1e-4


def test_mutant_gate_and_up_swapped_is_caught(tmp_path, monkeypatch):
    swap = {"gate_proj": "up_proj", "up_proj": "gate_proj"}
    table = [(o, ".".join(swap.get(part, part) for part in t.split(".")))
             for o, t in llama_weights.HF_KEY_MAP]
    monkeypatch.setattr(llama_weights, "_RULES",
                        [(llama_weights._pattern(o), t) for o, t in table])
    # Kept mutant: a key table that loads gate_proj into fc2 and up_proj into fc1.
    assert _logit_gap(tmp_path) > 1e-4


def test_loader_errors_name_the_tensor_and_shapes(tmp_path):
    folder = _saved(_hf_llama("gqa-tied-scaled"), tmp_path)
    cfg = config_from_hf(folder)
    params = dict(SafetensorsCheckpoint(folder))
    wrong = Llama3Model({**cfg, "n_kv_groups": 4})
    # Invariant: a wrong config fails loudly, naming our key, theirs and both shapes.
    with pytest.raises(ValueError, match=r"W_key.weight <- model.layers.0.self_attn.k_proj"
                                         r".weight: model \(32, 32\), checkpoint \(16, 32\)"):
        load_weights_into_llama(wrong, {**cfg, "n_kv_groups": 4}, params)
    with pytest.raises(ValueError, match="no tensor 'model.norm.weight'"):
        load_weights_into_llama(Llama3Model(cfg), cfg,
                                {k: v for k, v in params.items() if k != "model.norm.weight"})
    with pytest.raises(ValueError, match="not used"):
        load_weights_into_llama(Llama3Model(cfg), cfg, {**params, "extra.weight": torch.ones(1)})
    with pytest.raises(ValueError, match="n_layers=3"):
        load_weights_into_llama(Llama3Model(cfg), {**cfg, "n_layers": 3}, params)


def test_bf16_model_keeps_bf16_weights(tmp_path):
    folder = _saved(_hf_llama("mqa-untied"), tmp_path)
    cfg = config_from_hf(folder, dtype=torch.bfloat16)
    model = load_weights_into_llama(Llama3Model(cfg), cfg, SafetensorsCheckpoint(folder))
    ref = SafetensorsCheckpoint(folder)["model.layers.2.self_attn.q_proj.weight"]
    weight = model.trf_blocks[2].att.W_query.weight
    # Invariant: asked for bf16, the weights stay bf16 (half the memory), equal up to rounding.
    assert weight.dtype == torch.bfloat16 and _max_diff(weight, ref) < 1e-2
    assert model(torch.tensor([[1, 2, 3]])).dtype == torch.bfloat16


@pytest.mark.parametrize("cfg, published", [(LLAMA32_CONFIG_1B, 1_235_814_400),
                                            (LLAMA32_CONFIG_3B, 3_212_749_824)])
def test_published_parameter_counts_on_the_meta_device(cfg, published):
    with torch.device("meta"):
        model = Llama3Model(cfg)
    # Invariant: Meta's published sizes, exactly (the head shares the token embedding).
    assert count_unique_parameters(model) == published
    assert model.out_head.weight is model.tok_emb.weight
    with torch.device("meta"):
        untied = Llama3Model({**cfg, "tie_embeddings": False})
    # Invariant: the book's untied model has one more vocab_size x emb_dim matrix.
    assert count_unique_parameters(untied) == published + cfg["vocab_size"] * cfg["emb_dim"]
