"""Chapter 3 bonus: the same causal multi-head attention, computed in other ways.

All take ``MultiHeadAttention``'s constructor arguments and give its outputs (within float
rounding); ``ch03_attention/efficient_attention.ipynb`` times them against each other:

- ``MultiHeadAttentionSDPA``: ``torch.nn.functional.scaled_dot_product_attention`` does the
  scores, mask, softmax, dropout and weighted sum in one call (flash or memory-efficient
  kernels where the device has them). Same layers and ``state_dict`` as the book's class, and
  the same KV-cache interface.
- ``MultiHeadAttentionCombinedQKV``: one ``qkv`` Linear with ``3 * d_out`` outputs instead of
  three layers (its own ``state_dict``; ``load_from_mha`` copies a book module's weights in).
- ``MultiHeadAttentionEinsum``: the head splitting and products written with ``torch.einsum``
  (the book's layers and ``state_dict``).
- ``to_torch_multihead_attention``: our weights copied into ``torch.nn.MultiheadAttention``, to
  check against PyTorch's own module.

Book: the chapter-3 bonus material; timings: ``python benchmarks/attention_variants.py``; tests:
``python -m pytest tests/ch03/test_attention.py -q``.
"""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

from llmscratch.attention import MultiHeadAttention, check_tokens, head_dim_for


class MultiHeadAttentionSDPA(MultiHeadAttention):
    """``MultiHeadAttention`` computed by ``F.scaled_dot_product_attention``.

    Same constructor, same layers created in the same order, same ``state_dict`` and the same
    KV-cache interface, so a book state dict loads unchanged and eval outputs agree within
    float tolerance. PyTorch picks a fused kernel (flash or memory-efficient attention on CUDA)
    and never materialises the attention weights, so ``get_attention_weights`` cannot be used
    here. Dropout (``dropout_p``) is applied only in training mode.

    Book: bonus material to §3.6; notebook: ch03_attention/efficient_attention.ipynb
    """

    materializes_attention_weights = False  # get_attention_weights refuses it, saying why

    def forward(self, x, use_cache=False):
        queries, keys, values, past_len = self._project(x, use_cache)
        b, num_tokens = x.shape[0], x.shape[1]
        dropout_p = self.dropout.p if self.training else 0.0
        if past_len == 0:  # square causal mask: let the kernel build it
            context_vec = F.scaled_dot_product_attention(
                queries, keys, values, dropout_p=dropout_p, is_causal=True)
        else:  # queries sit past the cached keys: pass the offset mask (True = may attend)
            allowed = ~self.mask.bool()[past_len:past_len + num_tokens, :past_len + num_tokens]
            context_vec = F.scaled_dot_product_attention(
                queries, keys, values, attn_mask=allowed, dropout_p=dropout_p)
        # (b, num_heads, num_tokens, head_dim) -> (b, num_tokens, d_out)
        context_vec = context_vec.transpose(1, 2).contiguous().view(b, num_tokens, self.d_out)
        return self.out_proj(context_vec)


class MultiHeadAttentionCombinedQKV(nn.Module):
    """Causal multi-head attention with ONE ``qkv`` projection of size ``3 * d_out``.

    Shapes: ``(b, num_tokens, d_in) -> (b, num_tokens, d_out)``. ``qkv.weight`` is the
    concatenation ``[W_query; W_key; W_value]`` of ``MultiHeadAttention``'s weights, so one copy
    makes the two modules agree (``load_from_mha``). One matmul instead of three.

    Notebook: ch03_attention/efficient_attention.ipynb
    """

    def __init__(self, d_in, d_out, context_length, dropout, num_heads, qkv_bias=False):
        super().__init__()
        self.d_out = d_out
        self.num_heads = num_heads
        self.head_dim = head_dim_for(d_out, num_heads)  # each head's share of d_out
        self.qkv = nn.Linear(d_in, 3 * d_out, bias=qkv_bias)
        self.out_proj = nn.Linear(d_out, d_out)
        self.dropout = nn.Dropout(dropout)
        self.register_buffer("mask", torch.triu(torch.ones(context_length, context_length),
                                                diagonal=1))

    @torch.no_grad()
    def load_from_mha(self, mha: MultiHeadAttention):
        """Copy the weights of a ``MultiHeadAttention`` of the same sizes into this module."""
        self.qkv.weight.copy_(torch.cat([mha.W_query.weight, mha.W_key.weight,
                                         mha.W_value.weight]))
        if self.qkv.bias is not None:
            self.qkv.bias.copy_(torch.cat([mha.W_query.bias, mha.W_key.bias, mha.W_value.bias]))
        self.out_proj.load_state_dict(mha.out_proj.state_dict())
        return self

    def forward(self, x):
        check_tokens(x, self.qkv.in_features, self.mask.shape[0], "MultiHeadAttentionCombinedQKV")
        b, num_tokens, d_in = x.shape
        qkv = self.qkv(x)  # (b, num_tokens, 3 * d_out)
        # (b, num_tokens, 3 * d_out) -> (b, num_tokens, 3, num_heads, head_dim)
        # -> (3, b, num_heads, num_tokens, head_dim)
        qkv = qkv.view(b, num_tokens, 3, self.num_heads, self.head_dim).permute(2, 0, 3, 1, 4)
        queries, keys, values = qkv.unbind(0)
        attn_scores = queries @ keys.transpose(-2, -1)
        attn_scores.masked_fill_(self.mask.bool()[:num_tokens, :num_tokens], -torch.inf)
        attn_weights = self.dropout(torch.softmax(attn_scores / self.head_dim ** 0.5, dim=-1))
        context_vec = (attn_weights @ values).transpose(1, 2)  # (b, num_tokens, heads, head_dim)
        return self.out_proj(context_vec.reshape(b, num_tokens, self.d_out))


class MultiHeadAttentionEinsum(MultiHeadAttention):
    """``MultiHeadAttention`` written with ``torch.einsum`` (same layers and ``state_dict``).

    The index letters name the dimensions: ``b`` batch, ``t``/``s`` query/key token,
    ``h`` head, ``d`` head_dim, ``i`` d_in. No cache support (``use_cache`` must stay False).

    Notebook: ch03_attention/efficient_attention.ipynb
    """

    def forward(self, x, use_cache=False):
        if use_cache:
            raise ValueError("MultiHeadAttentionEinsum has no KV cache; use MultiHeadAttention")
        check_tokens(x, self.W_query.in_features, self.mask.shape[0], "MultiHeadAttentionEinsum")
        b, num_tokens, d_in = x.shape
        h, d = self.num_heads, self.head_dim

        def project(linear):  # (b, t, d_in) -> (b, h, t, head_dim), weight viewed as (h, d, i)
            out = torch.einsum("bti,hdi->bhtd", x, linear.weight.view(h, d, -1))
            return out if linear.bias is None else out + linear.bias.view(1, h, 1, d)

        queries, keys, values = project(self.W_query), project(self.W_key), project(self.W_value)
        attn_scores = torch.einsum("bhtd,bhsd->bhts", queries, keys)
        attn_scores.masked_fill_(self.mask.bool()[:num_tokens, :num_tokens], -torch.inf)
        attn_weights = self.dropout(torch.softmax(attn_scores / d ** 0.5, dim=-1))
        context_vec = torch.einsum("bhts,bhsd->bthd", attn_weights, values)
        return self.out_proj(context_vec.reshape(b, num_tokens, self.d_out))


def to_torch_multihead_attention(mha: MultiHeadAttention) -> nn.MultiheadAttention:
    """Build a ``torch.nn.MultiheadAttention`` (``batch_first=True``) with ``mha``'s weights.

    PyTorch keeps the three projections in one ``in_proj_weight`` of shape ``(3 * d_out, d_out)``
    (query, key, value rows in that order), which is what we copy. PyTorch's module needs
    ``d_in == d_out``. Call it with a boolean causal mask (True = hidden)::

        torch_mha = to_torch_multihead_attention(mha).eval()
        hidden = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
        out, _ = torch_mha(x, x, x, attn_mask=hidden, need_weights=False)  # == mha(x)

    Book: §3.6.2 (the note on nn.MultiheadAttention); notebook:
    ch03_attention/efficient_attention.ipynb
    """
    d_in, d_out = mha.W_query.in_features, mha.d_out
    if d_in != d_out:
        raise ValueError(f"torch.nn.MultiheadAttention needs d_in == d_out, got d_in={d_in}, "
                         f"d_out={d_out}")
    torch_mha = nn.MultiheadAttention(d_out, mha.num_heads, dropout=mha.dropout.p, bias=True,
                                      batch_first=True, device=mha.out_proj.weight.device,
                                      dtype=mha.out_proj.weight.dtype)
    layers = (mha.W_query, mha.W_key, mha.W_value)
    with torch.no_grad():
        torch_mha.in_proj_weight.copy_(torch.cat([layer.weight for layer in layers]))
        biases = [layer.bias if layer.bias is not None else torch.zeros_like(layer.weight[:, 0])
                  for layer in layers]
        torch_mha.in_proj_bias.copy_(torch.cat(biases))
        torch_mha.out_proj.weight.copy_(mha.out_proj.weight)
        torch_mha.out_proj.bias.copy_(mha.out_proj.bias)
    return torch_mha
