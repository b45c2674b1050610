"""Chapter 4 bonus: the attention of today's open models, built on chapter 3's multi-head attention.

Book: the chapter-4 bonus sections on grouped-query attention (GQA) and sliding-window attention
(SWA), and the pieces Llama 3 and Qwen3 take from them; notebook:
``ch04_gpt_model/attention_variants.ipynb`` (and ``ch05_pretraining/gpt_to_llama.ipynb``).

Inside, in reading order:

- ``RMSNorm``: LayerNorm without the mean and the shift (Llama, Qwen3).
- ``compute_rope_params`` / ``apply_rope``: rotary position embeddings, with Llama 3's
  frequency scaling (``freq_config``).
- ``GroupedQueryAttention``: several query heads share one key/value head. With
  ``num_kv_groups == num_heads`` it is chapter 3's multi-head attention (MHA); with
  ``num_kv_groups == 1`` every query head shares one key/value head (multi-query attention,
  MQA). Options: rotary embeddings, QK-norm (Qwen3), a sliding window (SWA), biases and
  dropout so that it drops into ``GPTModel`` in place of ``MultiHeadAttention``.

How this differs from the book: one attention class serves GPT-2-style blocks and the Llama /
Qwen3 models (the book has a copy per notebook); the KV cache stores the *un-repeated*
``num_kv_groups`` key/value heads (that is where GQA saves memory), and with a sliding window it
keeps only the last ``sliding_window`` tokens. Masks are built from token positions, so a cache
that dropped old tokens still masks correctly.

Tests: ``python -m pytest tests/ch04/test_gqa.py -q``.
"""

from __future__ import annotations

import math

import torch
from torch import nn


class RMSNorm(nn.Module):
    """Root-mean-square normalisation: ``x / sqrt(mean(x**2) + eps) * scale`` over the last dim.

    Unlike ``LayerNorm`` no mean is subtracted and there is no shift. For ``x = [1., 2., 3., 4.]``
    the mean of squares is 7.5, so the output is ``x / 2.7386 = [0.3651, 0.7303, 1.0954,
    1.4606]`` with the initial ``scale = 1``. The arithmetic runs in float32 and the result is
    cast back to the input's dtype before the scale is applied (as Llama and Qwen3 do in bf16).
    Shapes: ``(..., emb_dim) -> (..., emb_dim)``; ``eps`` is 1e-5 in Llama 3, 1e-6 in Qwen3.

    Book: chapter 5 bonus (Llama from GPT); notebook: ch05_pretraining/gpt_to_llama.ipynb
    """

    def __init__(self, emb_dim, eps=1e-6, dtype=None):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim, dtype=dtype))

    def forward(self, x):
        input_dtype = x.dtype
        x = x.to(torch.float32)
        norm_x = x * torch.rsqrt(x.pow(2).mean(dim=-1, keepdim=True) + self.eps)
        return self.scale * norm_x.to(input_dtype)


def _llama3_scaled(inv_freq, freq_config):
    """Llama 3's RoPE scaling: slow rotations are slowed ``factor`` times, fast ones kept.

    Wavelengths longer than ``original_context_length / low_freq_factor`` are divided by
    ``factor``; shorter than ``original_context_length / high_freq_factor`` stay as they are;
    in between, the two are blended linearly in ``original_context_length / wavelength``.
    """
    old_len = freq_config["original_context_length"]
    low, high = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wavelen = 2 * math.pi / inv_freq
    scaled = torch.where(wavelen > old_len / low, inv_freq / factor, inv_freq)
    smooth = (old_len / wavelen - low) / (high - low)  # 0 at the slow end, 1 at the fast end
    blended = (1 - smooth) * scaled / factor + smooth * scaled
    medium = (wavelen <= old_len / low) & (wavelen >= old_len / high)
    return torch.where(medium, blended, scaled)


def compute_rope_params(head_dim, theta_base=10_000, context_length=4096, freq_config=None,
                        dtype=torch.float32):
    """The cosine and sine tables of rotary position embeddings, each ``(context_length,
    head_dim)``.

    Pair ``i`` of a head's dimensions (``i`` and ``i + head_dim / 2``) turns by the angle
    ``position * theta_base ** (-2 i / head_dim)``: fast for the first pairs, slow for the last.
    With ``head_dim=4, theta_base=10_000`` the frequencies are ``[1, 0.01]``, so position 1 has
    ``cos = [0.5403, 0.99995, 0.5403, 0.99995]``. ``freq_config`` (keys ``factor``,
    ``low_freq_factor``, ``high_freq_factor``, ``original_context_length``) applies Llama 3's
    scaling, which stretches a model trained on 8,192 tokens to 131,072.

    Book: chapter 5 bonus (Llama 2 and 3 from GPT); notebook: ch05_pretraining/gpt_to_llama.ipynb
    """
    if head_dim % 2:
        raise ValueError(f"head_dim must be even for rotary embeddings, got {head_dim}")
    exponents = torch.arange(0, head_dim, 2, dtype=torch.int64).float() / head_dim
    inv_freq = 1.0 / (theta_base ** exponents)  # (head_dim // 2,)
    if freq_config is not None:
        inv_freq = _llama3_scaled(inv_freq, freq_config)
    positions = torch.arange(context_length, dtype=torch.float32)
    angles = positions[:, None] * inv_freq[None, :]  # (context_length, head_dim // 2)
    angles = torch.cat([angles, angles], dim=1)  # (context_length, head_dim): both halves
    return torch.cos(angles).to(dtype), torch.sin(angles).to(dtype)


def apply_rope(x, cos, sin, offset=0):
    """Rotate queries or keys ``x (batch, num_heads, num_tokens, head_dim)`` by their positions.

    Token ``t`` sits at position ``offset + t`` (``offset`` = tokens already in the KV cache).
    The first half of ``head_dim`` pairs with the second half: ``(x1, x2) -> (x1 cos - x2 sin,
    x2 cos + x1 sin)``, so a dot product of a rotated query and key depends only on how far
    apart the two tokens are.

    Book: chapter 5 bonus (Llama 2 and 3 from GPT); notebook: ch05_pretraining/gpt_to_llama.ipynb
    """
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    cos = cos[offset : offset + num_tokens]  # (num_tokens, head_dim), broadcast over b, heads
    sin = sin[offset : offset + num_tokens]
    rotated = torch.cat((-x2, x1), dim=-1)
    return (x * cos + rotated * sin).to(dtype=x.dtype)


class GroupedQueryAttention(nn.Module):
    """Causal attention in which ``num_heads`` query heads share ``num_kv_groups`` key/value heads.

    Shapes: ``(b, num_tokens, d_in) -> (b, num_tokens, d_in)``; queries have ``num_heads *
    head_dim`` columns, keys and values ``num_kv_groups * head_dim`` (``head_dim`` defaults to
    ``d_in // num_heads``). Query head ``h`` reads key/value head ``h // (num_heads //
    num_kv_groups)``. Llama 3.2 1B has 32 query heads and 8 key/value heads: its KV cache is a
    quarter of the multi-head one. ``state_dict`` keys: ``W_query, W_key, W_value, out_proj``
    and, with ``qk_norm=True``, ``q_norm, k_norm`` (RMSNorm over each head's dimensions).

    ``forward(x, use_cache=False, cos=None, sin=None)``: with ``cos``/``sin`` from
    ``compute_rope_params`` the queries and keys are rotated (Llama, Qwen3); without them it is
    a drop-in for ``MultiHeadAttention`` in ``GPTModel`` (``block.att = ...``). ``use_cache=True``
    appends the new keys and values to ``cache_k``/``cache_v`` (``(b, num_kv_groups, tokens,
    head_dim)``); ``reset_cache()`` empties them. ``sliding_window=w`` lets each token see only
    itself and the ``w - 1`` tokens before it, and the cache then keeps only ``w`` tokens.

    Book: chapter 4 bonus (GQA, SWA), chapter 5 bonus (Llama 3, Qwen3); notebook:
    ch04_gpt_model/attention_variants.ipynb
    """

    def __init__(self, d_in, num_heads, num_kv_groups, head_dim=None, qk_norm=False, dtype=None,
                 qkv_bias=False, out_bias=False, dropout=0.0, sliding_window=None,
                 norm_eps=1e-6):
        super().__init__()
        if num_heads % num_kv_groups:
            raise ValueError(f"num_heads ({num_heads}) must be divisible by num_kv_groups "
                             f"({num_kv_groups}) so that every group has as many query heads")
        if head_dim is None:
            if d_in % num_heads:
                raise ValueError(f"d_in ({d_in}) is not divisible by num_heads ({num_heads}): "
                                 "pass head_dim")
            head_dim = d_in // num_heads
        if sliding_window is not None and sliding_window < 1:
            raise ValueError(f"sliding_window must be a positive int or None, got {sliding_window}")
        self.num_heads, self.num_kv_groups, self.head_dim = num_heads, num_kv_groups, head_dim
        self.group_size = num_heads // num_kv_groups  # query heads per key/value head
        self.d_out = num_heads * head_dim
        self.sliding_window = sliding_window
        self.W_query = nn.Linear(d_in, self.d_out, bias=qkv_bias, dtype=dtype)
        self.W_key = nn.Linear(d_in, num_kv_groups * head_dim, bias=qkv_bias, dtype=dtype)
        self.W_value = nn.Linear(d_in, num_kv_groups * head_dim, bias=qkv_bias, dtype=dtype)
        self.out_proj = nn.Linear(self.d_out, d_in, bias=out_bias, dtype=dtype)
        self.dropout = nn.Dropout(dropout)
        if qk_norm:
            self.q_norm = RMSNorm(head_dim, eps=norm_eps, dtype=dtype)
            self.k_norm = RMSNorm(head_dim, eps=norm_eps, dtype=dtype)
        else:
            self.q_norm = self.k_norm = None
        self.reset_cache()

    def reset_cache(self):
        """Forget the cached keys and values (call before generating a new sequence)."""
        self.cache_k = self.cache_v = None  # plain attributes: never in the state_dict
        self.num_seen = 0  # tokens seen since the last reset (the next token's position)

    def _heads(self, x, layer, num_heads):
        """``(b, num_tokens, d_in) -> (b, num_heads, num_tokens, head_dim)`` through ``layer``."""
        b, num_tokens, _ = x.shape
        out = layer(x).view(b, num_tokens, num_heads, self.head_dim)
        return out.transpose(1, 2)

    def forward(self, x, use_cache=False, cos=None, sin=None):
        b, num_tokens, _ = x.shape
        queries = self._heads(x, self.W_query, self.num_heads)  # (b, num_heads, T, head_dim)
        keys = self._heads(x, self.W_key, self.num_kv_groups)  # (b, num_kv_groups, T, head_dim)
        values = self._heads(x, self.W_value, self.num_kv_groups)
        if self.q_norm is not None:  # Qwen3's QK-norm, per head, before the rotation
            queries, keys = self.q_norm(queries), self.k_norm(keys)
        start = self.num_seen if use_cache else 0  # position of the first new token
        if cos is not None:
            queries = apply_rope(queries, cos, sin, offset=start)
            keys = apply_rope(keys, cos, sin, offset=start)
        if use_cache:
            if self.cache_k is not None:
                keys = torch.cat([self.cache_k, keys], dim=2)  # along the token dimension
                values = torch.cat([self.cache_v, values], dim=2)
            self.cache_k, self.cache_v = keys, values
            if self.sliding_window is not None and keys.shape[2] > self.sliding_window:
                # keep the last `sliding_window` tokens as copies, so the rest is freed
                self.cache_k = keys[:, :, -self.sliding_window :].clone()
                self.cache_v = values[:, :, -self.sliding_window :].clone()
            self.num_seen += num_tokens
        # (b, num_kv_groups, K, head_dim) -> (b, num_heads, K, head_dim): each K/V head serves
        # group_size query heads, in order (heads 0..g-1 read K/V head 0, and so on)
        keys = keys.repeat_interleave(self.group_size, dim=1)
        values = values.repeat_interleave(self.group_size, dim=1)

        attn_scores = queries @ keys.transpose(2, 3)  # (b, num_heads, T, K)
        mask = self.causal_mask(start, num_tokens, keys.shape[2], x.device)
        attn_scores = attn_scores.masked_fill(mask, -torch.inf)
        attn_weights = torch.softmax(attn_scores / self.head_dim**0.5, dim=-1)
        attn_weights = self.dropout(attn_weights)
        context = (attn_weights @ values).transpose(1, 2)  # (b, T, num_heads, head_dim)
        context = context.reshape(b, num_tokens, self.d_out)
        return self.out_proj(context)

    def causal_mask(self, start, num_tokens, num_keys, device=None):
        """``(num_tokens, num_keys)`` bools, True where a query must NOT see a key.

        Queries sit at positions ``start .. start + num_tokens - 1``; the keys are the last
        ``num_keys`` positions up to the newest query. A key is hidden when it lies in the
        future, or (with a sliding window ``w``) ``w`` or more positions in the past. Example:
        ``start=0, num_tokens=num_keys=4, w=2`` lets token 3 see tokens 2 and 3 only.
        """
        q_pos = torch.arange(start, start + num_tokens, device=device)
        k_pos = torch.arange(start + num_tokens - num_keys, start + num_tokens, device=device)
        hidden = k_pos[None, :] > q_pos[:, None]
        if self.sliding_window is not None:
            hidden |= k_pos[None, :] <= q_pos[:, None] - self.sliding_window
        return hidden
