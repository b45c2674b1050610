"""Chapter 4 bonus: multi-head latent attention (MLA), the attention of DeepSeek V2 and V3.

Book: the chapter-4 bonus on multi-head latent attention; notebook:
``ch04_gpt_model/attention_variants.ipynb``.

The idea: instead of caching every head's keys and values (``2 * num_heads * head_dim`` numbers
per token and layer), compress each token into one small latent vector of ``kv_lora_rank``
numbers, cache that, and expand it back into per-head keys and values when attending. Rotary
embeddings do not commute with that expansion, so a small extra key part of ``qk_rope_head_dim``
numbers, shared by all heads, carries the position and is cached beside the latent. DeepSeek-V3
caches 512 + 64 = 576 numbers per token and layer where multi-head attention with its 128 heads
of 128 would cache 32,768.

Inside: ``MultiHeadLatentAttention``, the same computation as transformers'
``DeepseekV3Attention`` (its tests compare the two), with a KV cache of the compressed latents.
With ``qk_rope_head_dim=0`` it has no rotary part and drops into ``GPTModel`` in place of
``MultiHeadAttention`` (the simpler form the book's bonus starts from).

Tests: ``python -m pytest tests/ch04/test_mla.py -q``.
"""

from __future__ import annotations

import torch
from torch import nn

from llmscratch.gqa import RMSNorm, apply_rope


class MultiHeadLatentAttention(nn.Module):
    """Causal attention whose keys and values are expanded from a cached per-token latent.

    Shapes: ``(b, num_tokens, d_in) -> (b, num_tokens, d_in)``. Per token, ``W_DKV`` makes a
    latent of ``kv_lora_rank`` numbers (RMS-normalised by ``kv_norm``) and a shared rotary key of
    ``qk_rope_head_dim``; ``W_UKV`` expands the latent into each head's ``qk_nope_head_dim`` key
    and ``v_head_dim`` value numbers. Queries come from ``W_query``, or, with ``q_lora_rank``,
    through their own bottleneck ``W_DQ -> q_norm -> W_UQ``. Each head's query and key are
    ``[nope part, rotary part]``; scores are divided by ``sqrt(qk_nope_head_dim +
    qk_rope_head_dim)``. ``rope_interleave=True`` (DeepSeek's layout) pairs dimensions
    ``(0, 1), (2, 3), ...`` of the rotary part; ``False`` pairs the two halves, as Llama does.

    ``forward(x, use_cache=False, cos=None, sin=None)``: ``cos``/``sin`` from
    ``compute_rope_params(qk_rope_head_dim, ...)`` (needed when ``qk_rope_head_dim > 0``).
    With ``use_cache=True`` only ``cache_latent`` (``(b, tokens, kv_lora_rank)``) and
    ``cache_k_rope`` (``(b, tokens, qk_rope_head_dim)``) are kept; ``reset_cache()`` empties them.

    Book: chapter 4 bonus (MLA); notebook: ch04_gpt_model/attention_variants.ipynb
    """

    def __init__(self, d_in, num_heads, kv_lora_rank, qk_nope_head_dim, v_head_dim,
                 qk_rope_head_dim=0, q_lora_rank=None, rope_interleave=True, norm_eps=1e-6,
                 out_bias=False, dtype=None):
        super().__init__()
        self.num_heads, self.kv_lora_rank = num_heads, kv_lora_rank
        self.qk_nope_head_dim, self.qk_rope_head_dim = qk_nope_head_dim, qk_rope_head_dim
        self.v_head_dim, self.rope_interleave = v_head_dim, rope_interleave
        self.qk_head_dim = qk_nope_head_dim + qk_rope_head_dim
        q_out = num_heads * self.qk_head_dim
        if q_lora_rank is None:
            self.W_query = nn.Linear(d_in, q_out, bias=False, dtype=dtype)
        else:  # queries through their own low-rank bottleneck (DeepSeek-V3: 1,536)
            self.W_DQ = nn.Linear(d_in, q_lora_rank, bias=False, dtype=dtype)
            self.q_norm = RMSNorm(q_lora_rank, eps=norm_eps, dtype=dtype)
            self.W_UQ = nn.Linear(q_lora_rank, q_out, bias=False, dtype=dtype)
        self.q_lora_rank = q_lora_rank
        self.W_DKV = nn.Linear(d_in, kv_lora_rank + qk_rope_head_dim, bias=False, dtype=dtype)
        self.kv_norm = RMSNorm(kv_lora_rank, eps=norm_eps, dtype=dtype)
        self.W_UKV = nn.Linear(kv_lora_rank, num_heads * (qk_nope_head_dim + v_head_dim),
                               bias=False, dtype=dtype)
        self.out_proj = nn.Linear(num_heads * v_head_dim, d_in, bias=out_bias, dtype=dtype)
        self.reset_cache()

    def reset_cache(self):
        """Forget the cached latents (call before generating a new sequence)."""
        self.cache_latent = self.cache_k_rope = None  # plain attributes, not in the state_dict
        self.num_seen = 0

    def _rotate(self, x, cos, sin, offset):
        """Apply RoPE to the rotary part ``x (..., tokens, qk_rope_head_dim)``."""
        if self.rope_interleave:  # (x0, x1, x2, x3, ...) -> (x0, x2, ..., x1, x3, ...)
            x = torch.cat([x[..., 0::2], x[..., 1::2]], dim=-1)
        return apply_rope(x, cos, sin, offset=offset)

    def forward(self, x, use_cache=False, cos=None, sin=None):
        b, num_tokens, _ = x.shape
        if self.q_lora_rank is None:
            queries = self.W_query(x)
        else:
            queries = self.W_UQ(self.q_norm(self.W_DQ(x)))
        # (b, T, num_heads * qk_head_dim) -> (b, num_heads, T, qk_head_dim)
        queries = queries.view(b, num_tokens, self.num_heads, self.qk_head_dim).transpose(1, 2)
        q_nope, q_rope = queries.split([self.qk_nope_head_dim, self.qk_rope_head_dim], dim=-1)

        latent, k_rope = self.W_DKV(x).split([self.kv_lora_rank, self.qk_rope_head_dim], dim=-1)
        latent = self.kv_norm(latent)  # (b, T, kv_lora_rank): what the cache stores
        start = self.num_seen if use_cache else 0
        if self.qk_rope_head_dim:
            q_rope = self._rotate(q_rope, cos, sin, start)
            k_rope = self._rotate(k_rope, cos, sin, start)  # (b, T, qk_rope_head_dim)
        if use_cache:
            if self.cache_latent is not None:
                latent = torch.cat([self.cache_latent, latent], dim=1)
                k_rope = torch.cat([self.cache_k_rope, k_rope], dim=1)
            else:  # a copy: a slice of W_DKV's output would keep all of that output alive
                k_rope = k_rope.clone()
            self.cache_latent, self.cache_k_rope = latent, k_rope
            self.num_seen += num_tokens
        num_keys = latent.shape[1]

        # expand the latents: (b, K, kv_lora_rank) -> (b, num_heads, K, nope + v)
        kv = self.W_UKV(latent).view(b, num_keys, self.num_heads, -1).transpose(1, 2)
        k_nope, values = kv.split([self.qk_nope_head_dim, self.v_head_dim], dim=-1)
        k_rope = k_rope[:, None].expand(-1, self.num_heads, -1, -1)  # shared by all heads
        keys = torch.cat([k_nope, k_rope], dim=-1)  # (b, num_heads, K, qk_head_dim)
        queries = torch.cat([q_nope, q_rope], dim=-1)

        attn_scores = queries @ keys.transpose(2, 3)  # (b, num_heads, T, K)
        q_pos = torch.arange(start, start + num_tokens, device=x.device)
        k_pos = torch.arange(num_keys, device=x.device)
        attn_scores = attn_scores.masked_fill(k_pos[None, :] > q_pos[:, None], -torch.inf)
        attn_weights = torch.softmax(attn_scores / self.qk_head_dim**0.5, dim=-1)
        context = (attn_weights @ values).transpose(1, 2)  # (b, T, num_heads, v_head_dim)
        return self.out_proj(context.reshape(b, num_tokens, self.num_heads * self.v_head_dim))

    def cache_numbers_per_token(self):
        """Numbers cached per token in this layer: ``kv_lora_rank + qk_rope_head_dim``
        (576 for DeepSeek-V3), against ``2 * num_heads * head_dim`` for multi-head attention."""
        return self.kv_lora_rank + self.qk_rope_head_dim
