"""Chapter 5 bonus: the chapter-4 GPT turned into Llama 3.2, step by step.

Book: the chapter-5 bonus "converting GPT to Llama 2 and Llama 3.2"; notebook:
``ch05_pretraining/gpt_to_llama.ipynb``.

What changes from ``GPTModel`` (each piece lives in ``llmscratch.gqa`` or ``llmscratch.moe``):

1. ``LayerNorm`` -> ``RMSNorm`` (no mean, no shift);
2. ``GELU`` feed-forward -> ``SwiGLUFeedForward`` (three bias-free layers, a gate);
3. learned position embeddings -> rotary embeddings (``compute_rope_params``/``apply_rope``),
   with Llama 3's frequency scaling (``rope_freq``);
4. multi-head attention -> ``GroupedQueryAttention`` (``n_kv_groups`` key/value heads);
5. no dropout, no biases; the output head shares the token embedding (``tie_embeddings``),
   as Llama 3.2 1B and 3B do.

Inside: ``LLAMA32_CONFIG_1B``, ``LLAMA32_CONFIG_3B``, ``LlamaTransformerBlock``,
``Llama3Model(cfg)``, ``count_unique_parameters``. The same block with QK-norm and, optionally,
a mixture of experts is Qwen3 (``llmscratch.qwen``). Weights from Hugging Face checkpoints load
with ``llmscratch.llama_weights.load_weights_into_llama``.

Config keys (the book's): ``vocab_size, context_length, emb_dim, n_heads, n_layers, hidden_dim,
n_kv_groups, rope_base, rope_freq, dtype``; optional ``head_dim`` (default ``emb_dim //
n_heads``), ``qk_norm``, ``num_experts``, ``num_experts_per_tok``, ``moe_intermediate_size``,
``tie_embeddings`` (default False, the book's separate head) and ``rms_norm_eps``.

Tests: ``python -m pytest tests/ch05/test_llama.py -q``.
"""

from __future__ import annotations

from collections.abc import Mapping

import torch
from torch import nn

from llmscratch.gqa import GroupedQueryAttention, RMSNorm, compute_rope_params
from llmscratch.moe import MoEFeedForward, SwiGLUFeedForward

LLAMA_CONFIG_KEYS = ("vocab_size", "context_length", "emb_dim", "n_heads", "n_layers",
                     "hidden_dim", "n_kv_groups", "rope_base", "dtype")

LLAMA32_CONFIG_1B = {
    "vocab_size": 128_256,  # Llama 3's tiktoken-style BPE vocabulary (incl. 256 special tokens)
    "context_length": 131_072,  # what the scaled RoPE supports (trained at 8,192)
    "emb_dim": 2048,  # width of every token vector
    "n_heads": 32,  # query heads, 64 dimensions each
    "n_layers": 16,  # transformer blocks
    "hidden_dim": 8192,  # SwiGLU width (4 x emb_dim)
    "n_kv_groups": 8,  # key/value heads: 4 query heads share each one
    "rope_base": 500_000.0,  # RoPE theta: larger than Llama 2's 10,000 for long contexts
    "dtype": torch.bfloat16,  # the released weights' dtype: half the memory of float32
    "rope_freq": {  # Llama 3's RoPE frequency scaling
        "factor": 32.0,  # slow rotations are slowed 32 times ...
        "low_freq_factor": 1.0,  # ... for wavelengths above 8192 / 1 tokens,
        "high_freq_factor": 4.0,  # fast ones (below 8192 / 4) unchanged, blended in between
        "original_context_length": 8192,  # the context of pretraining
    },
    "tie_embeddings": True,  # the output head reuses tok_emb.weight (saves 262,668,288)
    "rms_norm_eps": 1e-5,
}

# Llama 3.2 3B: wider and deeper, with 24 query heads of 128 dimensions sharing 8 K/V heads.
LLAMA32_CONFIG_3B = {**LLAMA32_CONFIG_1B, "emb_dim": 3072, "n_heads": 24, "n_layers": 28}


def validate_llama_config(cfg: Mapping) -> Mapping:
    """Check a Llama/Qwen3 config and return it; raise ``ValueError`` naming the bad key.

    For example ``{**LLAMA32_CONFIG_1B, "n_kv_groups": 5}`` fails with ``'n_heads' (32) must
    be divisible by 'n_kv_groups' (5)``.

    Book: chapter 5 bonus; notebook: ch05_pretraining/gpt_to_llama.ipynb
    """
    missing = [k for k in LLAMA_CONFIG_KEYS if k not in cfg]
    if missing:
        raise ValueError(f"Llama config is missing {missing}; start from a copy of "
                         "LLAMA32_CONFIG_1B, for example {**LLAMA32_CONFIG_1B, 'n_layers': 2}")
    for key in ("vocab_size", "context_length", "emb_dim", "n_heads", "n_layers", "n_kv_groups"):
        value = cfg[key]
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ValueError(f"Llama config: {key!r} must be a positive int, got {value!r}")
    if cfg["n_heads"] % cfg["n_kv_groups"]:
        raise ValueError(f"Llama config: 'n_heads' ({cfg['n_heads']}) must be divisible by "
                         f"'n_kv_groups' ({cfg['n_kv_groups']})")
    if cfg.get("head_dim") is None and cfg["emb_dim"] % cfg["n_heads"]:
        raise ValueError(f"Llama config: 'emb_dim' ({cfg['emb_dim']}) is not divisible by "
                         f"'n_heads' ({cfg['n_heads']}): set 'head_dim'")
    if cfg.get("num_experts", 0) and not cfg.get("moe_intermediate_size"):
        raise ValueError("Llama config: 'num_experts' > 0 needs 'moe_intermediate_size'")
    return cfg


class LlamaTransformerBlock(nn.Module):
    """Pre-norm block: ``x + att(norm1(x))``, then ``x + ff(norm2(x))``, with RMSNorm, no dropout.

    Shapes: ``(batch, num_tokens, emb_dim) -> (batch, num_tokens, emb_dim)``. ``att`` is a
    ``GroupedQueryAttention`` (QK-norm with ``qk_norm``); ``ff`` is a ``SwiGLUFeedForward``, or
    an ``MoEFeedForward`` when ``num_experts > 0`` (Qwen3 MoE).

    Book: chapter 5 bonus (Llama, Qwen3); notebook: ch05_pretraining/gpt_to_llama.ipynb
    """

    def __init__(self, cfg, eps=1e-5):
        super().__init__()
        dtype = cfg["dtype"]
        self.att = GroupedQueryAttention(
            d_in=cfg["emb_dim"], num_heads=cfg["n_heads"], num_kv_groups=cfg["n_kv_groups"],
            head_dim=cfg.get("head_dim"), qk_norm=cfg.get("qk_norm", False), dtype=dtype,
            norm_eps=eps,
        )
        self.ff = MoEFeedForward(cfg) if cfg.get("num_experts", 0) else SwiGLUFeedForward(cfg)
        self.norm1 = RMSNorm(cfg["emb_dim"], eps=eps, dtype=dtype)
        self.norm2 = RMSNorm(cfg["emb_dim"], eps=eps, dtype=dtype)

    def forward(self, x, cos, sin, use_cache=False):
        x = x + self.att(self.norm1(x), use_cache=use_cache, cos=cos, sin=sin)
        return x + self.ff(self.norm2(x))


class Llama3Model(nn.Module):
    """Llama 3 (and 3.2): token embedding, ``n_layers`` blocks, RMSNorm, output head.

    Shapes: token ids ``(batch, num_tokens)`` -> logits ``(batch, num_tokens, vocab_size)``.
    There is no position embedding: the cosine/sine tables of RoPE are buffers (not in the
    ``state_dict``) shared by every block. ``forward(in_idx, use_cache=True)`` continues from the
    tokens already cached, so ``llmscratch.generate_text_simple_cached(model, idx, n,
    context_size=cfg["context_length"])`` decodes one token per step; ``reset_kv_cache()``
    empties every block's cache. ``LLAMA32_CONFIG_1B`` gives 1,235,814,400 parameters (the
    published count; the head shares the embedding), ``LLAMA32_CONFIG_3B`` 3,212,749,824.

    Book: chapter 5 bonus (Llama 3.2 from scratch); notebook: ch05_pretraining/gpt_to_llama.ipynb
    """

    default_eps = 1e-5  # Llama's RMSNorm epsilon when the config names none

    def __init__(self, cfg):
        super().__init__()
        validate_llama_config(cfg)
        dtype = cfg["dtype"]
        eps = cfg.get("rms_norm_eps", self.default_eps)
        self.tok_emb = nn.Embedding(cfg["vocab_size"], cfg["emb_dim"], dtype=dtype)
        self.trf_blocks = nn.ModuleList(
            [LlamaTransformerBlock(cfg, eps=eps) for _ in range(cfg["n_layers"])]
        )
        self.final_norm = RMSNorm(cfg["emb_dim"], eps=eps, dtype=dtype)
        self.out_head = nn.Linear(cfg["emb_dim"], cfg["vocab_size"], bias=False, dtype=dtype)
        if cfg.get("tie_embeddings", False):
            self.out_head.weight = self.tok_emb.weight  # one tensor, counted once
        head_dim = cfg.get("head_dim") or cfg["emb_dim"] // cfg["n_heads"]
        cos, sin = compute_rope_params(head_dim, cfg["rope_base"], cfg["context_length"],
                                       cfg.get("rope_freq"))
        self.register_buffer("cos", cos, persistent=False)  # (context_length, head_dim)
        self.register_buffer("sin", sin, persistent=False)
        self.cfg = dict(cfg)
        self.current_pos = 0  # tokens held in the KV caches

    def forward(self, in_idx, use_cache=False):
        num_tokens = in_idx.shape[1]
        start = self.current_pos if use_cache else 0
        if start + num_tokens > self.cos.shape[0]:
            raise ValueError(f"{type(self).__name__} got {start} cached + {num_tokens} new tokens "
                             f"but its context_length is {self.cos.shape[0]}: crop the input "
                             "and call reset_kv_cache()")
        x = self.tok_emb(in_idx)  # (batch, num_tokens, emb_dim)
        for block in self.trf_blocks:
            x = block(x, self.cos, self.sin, use_cache=use_cache)
        if use_cache:
            self.current_pos += num_tokens
        x = self.final_norm(x)
        return self.out_head(x.to(self.out_head.weight.dtype))  # (batch, num_tokens, vocab)

    def reset_kv_cache(self):
        """Empty every block's key/value cache and start positions again from 0."""
        for block in self.trf_blocks:
            block.att.reset_cache()
        self.current_pos = 0


def count_unique_parameters(model: nn.Module) -> int:
    """Parameters of ``model``, each shared tensor once: 1,235,814,400 for Llama 3.2 1B.

    ``sum(p.numel() for p in model.parameters())`` gives the same (PyTorch lists a shared
    parameter once); this also works for a model loaded with separate but equal head and
    embedding tensors (counted once when they share storage). Works on the ``meta`` device.

    Book: chapter 5 bonus; notebook: ch05_pretraining/gpt_to_llama.ipynb
    """
    seen, total = set(), 0
    for p in model.parameters():
        key = id(p) if p.device.type == "meta" else p.untyped_storage().data_ptr()
        if key not in seen:
            seen.add(key)
            total += p.numel()
    return total
