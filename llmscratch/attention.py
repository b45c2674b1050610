"""Chapter 3: attention, from trainable self-attention to causal multi-head attention.

Inside, in the order the book builds them (§3.4 to §3.6):

- ``SelfAttention_v1``: query/key/value weights as plain ``nn.Parameter`` matrices.
- ``SelfAttention_v2``: the same with ``nn.Linear`` layers (better initialisation).
- ``CausalAttention``: batched, with a causal mask (a registered buffer) and dropout.
- ``MultiHeadAttentionWrapper``: several ``CausalAttention`` heads, outputs concatenated.
- ``MultiHeadAttention``: one projection per Q/K/V split into heads, plus ``out_proj``.
- Faster ways to compute ``MultiHeadAttention`` (SDPA, one combined QKV product, einsum) and a
  conversion to ``torch.nn.MultiheadAttention`` are in ``llmscratch.efficient_attention``.
- ``get_attention_weights``: run a module and return the attention weights it computed.

How this differs from the book: the class names, argument names, ``state_dict`` keys and the
order in which layers are created are the book's, so ``torch.manual_seed(123)`` reproduces the
book's printed numbers. Added on top: clear ``ValueError`` messages for wrong shapes, and a
key/value cache for chapter 5's fast generation (``forward(x, use_cache=True)`` and
``reset_cache()``); the cache lives in plain attributes, so ``state_dict`` is unchanged.

Run the lesson with ``jupyter lab ch03_attention/ch03.ipynb`` and the tests with
``python -m pytest tests/ch03/test_attention.py -q``.
"""

from __future__ import annotations

import torch
import torch.nn as nn


def head_dim_for(d_out: int, num_heads: int) -> int:
    """``d_out // num_heads``, or a ValueError when the heads cannot split ``d_out`` evenly."""
    if d_out % num_heads != 0:
        raise ValueError(f"d_out must be divisible by num_heads, got d_out={d_out}, "
                         f"num_heads={num_heads}")
    return d_out // num_heads


def check_tokens(x: torch.Tensor, d_in: int, context_length: int | None, cls: str) -> None:
    """Raise a ValueError that says what to do when ``x`` is not ``(batch, num_tokens, d_in)``."""
    if x.dim() != 3:
        raise ValueError(f"{cls} expects x of shape (batch, num_tokens, d_in), got "
                         f"{tuple(x.shape)}; add a batch dimension with x.unsqueeze(0)")
    if x.shape[-1] != d_in:
        raise ValueError(f"{cls} was built with d_in={d_in} but x has {x.shape[-1]} features "
                         f"per token (shape {tuple(x.shape)})")
    if context_length is not None and x.shape[1] > context_length:
        raise ValueError(f"{cls} supports at most context_length={context_length} tokens, got "
                         f"{x.shape[1]}; crop the input, e.g. x[:, -{context_length}:]")


class SelfAttention_v1(nn.Module):
    """Scaled dot-product self-attention with weight matrices stored as ``nn.Parameter``.

    Shapes: ``x`` is ``(num_tokens, d_in)`` (no batch dimension), the result is
    ``(num_tokens, d_out)``. Weights are drawn with ``torch.rand`` in the order query, key, value,
    so ``torch.manual_seed(123); SelfAttention_v1(3, 2)`` applied to the book's 6-token
    "Your journey starts with one step" inputs gives a second row of ``[0.3061, 0.8210]``.

    Book: §3.4.2; notebook: ch03_attention/ch03.ipynb
    """

    def __init__(self, d_in, d_out):
        super().__init__()
        self.W_query = nn.Parameter(torch.rand(d_in, d_out))
        self.W_key = nn.Parameter(torch.rand(d_in, d_out))
        self.W_value = nn.Parameter(torch.rand(d_in, d_out))

    def forward(self, x):
        if x.dim() != 2:
            raise ValueError(f"SelfAttention_v1 expects x of shape (num_tokens, d_in), got "
                             f"{tuple(x.shape)}; use CausalAttention for batches")
        keys = x @ self.W_key  # (num_tokens, d_in) @ (d_in, d_out) -> (num_tokens, d_out)
        queries = x @ self.W_query
        values = x @ self.W_value
        attn_scores = queries @ keys.T  # omega: (num_tokens, num_tokens)
        attn_weights = torch.softmax(attn_scores / keys.shape[-1] ** 0.5, dim=-1)
        return attn_weights @ values  # (num_tokens, d_out)


class SelfAttention_v2(nn.Module):
    """``SelfAttention_v1`` with ``nn.Linear`` projections (optionally with bias).

    Shapes: ``(num_tokens, d_in) -> (num_tokens, d_out)``. ``nn.Linear`` stores the transposed
    matrix, so ``v1.W_query.data = v2.W_query.weight.T`` makes the two modules agree.

    Book: §3.4.2; notebook: ch03_attention/ch03.ipynb
    """

    def __init__(self, d_in, d_out, qkv_bias=False):
        super().__init__()
        self.W_query = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_key = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_value = nn.Linear(d_in, d_out, bias=qkv_bias)

    def forward(self, x):
        if x.dim() != 2:
            raise ValueError(f"SelfAttention_v2 expects x of shape (num_tokens, d_in), got "
                             f"{tuple(x.shape)}; use CausalAttention for batches")
        keys = self.W_key(x)  # (num_tokens, d_out)
        queries = self.W_query(x)
        values = self.W_value(x)
        attn_scores = queries @ keys.T
        attn_weights = torch.softmax(attn_scores / keys.shape[-1] ** 0.5, dim=-1)
        return attn_weights @ values


class CausalAttention(nn.Module):
    """Single-head causal self-attention for batches, with dropout on the attention weights.

    Shapes: ``(b, num_tokens, d_in) -> (b, num_tokens, d_out)`` with ``num_tokens <=
    context_length``. ``mask`` is a buffer (1 above the diagonal = "future, hide it"), so it is
    saved in the ``state_dict`` and moves with ``.to(device)`` but is never trained.

    Book: §3.5.3; notebook: ch03_attention/ch03.ipynb
    """

    def __init__(self, d_in, d_out, context_length, dropout, qkv_bias=False):
        super().__init__()
        self.d_out = d_out
        self.W_query = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_key = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_value = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.dropout = nn.Dropout(dropout)
        self.register_buffer("mask", torch.triu(torch.ones(context_length, context_length),
                                                diagonal=1))

    def forward(self, x):
        check_tokens(x, self.W_query.in_features, self.mask.shape[0], "CausalAttention")
        b, num_tokens, d_in = x.shape
        keys = self.W_key(x)  # (b, num_tokens, d_out)
        queries = self.W_query(x)
        values = self.W_value(x)
        attn_scores = queries @ keys.transpose(1, 2)  # (b, num_tokens, num_tokens)
        attn_scores.masked_fill_(self.mask.bool()[:num_tokens, :num_tokens], -torch.inf)
        attn_weights = torch.softmax(attn_scores / keys.shape[-1] ** 0.5, dim=-1)
        attn_weights = self.dropout(attn_weights)
        return attn_weights @ values  # (b, num_tokens, d_out)


class MultiHeadAttentionWrapper(nn.Module):
    """``num_heads`` independent ``CausalAttention`` heads whose outputs are concatenated.

    Shapes: ``(b, num_tokens, d_in) -> (b, num_tokens, num_heads * d_out)``; note that ``d_out``
    here is the size of ONE head (in ``MultiHeadAttention`` it is the total).

    Book: §3.6.1; notebook: ch03_attention/ch03.ipynb
    """

    def __init__(self, d_in, d_out, context_length, dropout, num_heads, qkv_bias=False):
        super().__init__()
        self.heads = nn.ModuleList(
            [CausalAttention(d_in, d_out, context_length, dropout, qkv_bias)
             for _ in range(num_heads)]
        )

    def forward(self, x):
        return torch.cat([head(x) for head in self.heads], dim=-1)


class MultiHeadAttention(nn.Module):
    """Causal multi-head attention with weight splits: the attention used by GPTModel.

    Shapes: ``(b, num_tokens, d_in) -> (b, num_tokens, d_out)``; each of the ``num_heads`` heads
    works in ``head_dim = d_out // num_heads`` dimensions. ``state_dict`` keys: ``W_query, W_key,
    W_value`` (bias only with ``qkv_bias=True``), ``out_proj`` (always with bias) and ``mask``.

    KV cache (for generation, chapter 5): ``forward(x, use_cache=True)`` appends this call's keys
    and values to ``self.cache_k`` / ``self.cache_v`` (``(b, num_heads, past_len, head_dim)``,
    plain attributes, not in the ``state_dict``); the new queries sit at positions ``past_len ..
    past_len + num_tokens - 1``. Feeding a prompt and then one token at a time gives the same
    outputs as one full forward. Call ``reset_cache()`` before a new sequence; a cache that would
    exceed ``context_length`` raises ``ValueError`` (reset it and refill with a cropped window).

    Book: §3.6.2; notebook: ch03_attention/ch03.ipynb
    """

    def __init__(self, d_in, d_out, context_length, dropout, num_heads, qkv_bias=False):
        super().__init__()
        self.d_out = d_out
        self.num_heads = num_heads
        self.head_dim = head_dim_for(d_out, num_heads)  # each head's share of d_out
        self.W_query = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_key = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_value = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.out_proj = nn.Linear(d_out, d_out)  # combines the heads' outputs
        self.dropout = nn.Dropout(dropout)
        self.register_buffer("mask", torch.triu(torch.ones(context_length, context_length),
                                                diagonal=1))
        self.cache_k = None  # plain attributes: the cache is never part of the state_dict
        self.cache_v = None

    def reset_cache(self):
        """Forget the cached keys and values (call before generating a new sequence)."""
        self.cache_k = None
        self.cache_v = None

    def _project(self, x, use_cache):
        """Project ``x`` to per-head queries, keys and values, using and updating the cache.

        Returns ``queries (b, num_heads, num_tokens, head_dim)``, ``keys`` and ``values``
        ``(b, num_heads, past_len + num_tokens, head_dim)`` and ``past_len``.
        """
        name = type(self).__name__
        check_tokens(x, self.W_query.in_features, self.mask.shape[0], name)
        b, num_tokens, d_in = x.shape
        keys = self.W_key(x)  # (b, num_tokens, d_out)
        queries = self.W_query(x)
        values = self.W_value(x)
        # (b, num_tokens, d_out) -> (b, num_tokens, num_heads, head_dim)
        # -> (b, num_heads, num_tokens, head_dim)
        keys = keys.view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)
        values = values.view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)
        queries = queries.view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)
        past_len = 0
        if use_cache:
            if self.cache_k is not None:
                past_len = self.cache_k.shape[2]
                if self.cache_k.shape[0] != b:
                    raise ValueError(f"{name}: the KV cache holds a batch of "
                                     f"{self.cache_k.shape[0]} but x has batch size {b}; "
                                     "call reset_cache() before a new batch")
                if past_len + num_tokens > self.mask.shape[0]:
                    raise ValueError(f"{name}: the KV cache would grow to {past_len + num_tokens}"
                                     f" tokens, beyond context_length={self.mask.shape[0]}; call "
                                     "reset_cache() and refill it with the last tokens")
                keys = torch.cat([self.cache_k, keys], dim=2)  # along the token dimension
                values = torch.cat([self.cache_v, values], dim=2)
            self.cache_k, self.cache_v = keys, values
        return queries, keys, values, past_len

    def forward(self, x, use_cache=False):
        queries, keys, values, past_len = self._project(x, use_cache)
        b, num_tokens = x.shape[0], x.shape[1]
        attn_scores = queries @ keys.transpose(2, 3)  # (b, num_heads, num_tokens, num_keys)
        # rows: the new queries' positions; columns: every key seen so far
        mask_bool = self.mask.bool()[past_len:past_len + num_tokens, :past_len + num_tokens]
        attn_scores.masked_fill_(mask_bool, -torch.inf)
        attn_weights = torch.softmax(attn_scores / keys.shape[-1] ** 0.5, dim=-1)
        attn_weights = self.dropout(attn_weights)
        # (b, num_heads, num_tokens, head_dim) -> (b, num_tokens, num_heads, head_dim)
        context_vec = (attn_weights @ values).transpose(1, 2)
        # merge the heads: (b, num_tokens, num_heads, head_dim) -> (b, num_tokens, d_out)
        context_vec = context_vec.contiguous().view(b, num_tokens, self.d_out)
        return self.out_proj(context_vec)


@torch.no_grad()
def get_attention_weights(module: nn.Module, x: torch.Tensor) -> torch.Tensor:
    """Run ``module`` on ``x`` in eval mode and return the attention weights it computed.

    Works for any module that passes its attention weights through ``self.dropout`` (every class
    here except the SDPA variant, including the notebook's own versions) and for wrappers with a
    ``heads`` list. ``CausalAttention`` gives ``(b, num_tokens, num_tokens)``; the wrapper and
    ``MultiHeadAttention`` give ``(b, num_heads, num_tokens, num_tokens)``. The weights are the
    input of the ``dropout`` layer, caught with a forward hook; each row sums to 1 and is 0 above
    the diagonal. The module's train/eval mode is restored afterwards.

    Book: §3.5-3.6 (the printed attention weights); notebook: ch03_attention/ch03.ipynb
    """
    if isinstance(getattr(module, "heads", None), nn.ModuleList):
        return torch.stack([get_attention_weights(head, x) for head in module.heads], dim=1)
    name = type(module).__name__
    if not getattr(module, "materializes_attention_weights", True) or not isinstance(
            getattr(module, "dropout", None), nn.Dropout):
        raise TypeError(f"get_attention_weights needs a module that applies self.dropout to its "
                        f"attention weights, not {name} (SDPA never materialises them)")
    caught = []
    handle = module.dropout.register_forward_hook(lambda mod, inp, out: caught.append(inp[0]))
    was_training = module.training
    try:
        module.eval()
        module(x)
    finally:
        handle.remove()
        module.train(was_training)
    if len(caught) != 1:
        raise TypeError(f"{name} called its dropout layer {len(caught)} times in one forward; "
                        "expected exactly once, on the attention weights")
    return caught[0]
