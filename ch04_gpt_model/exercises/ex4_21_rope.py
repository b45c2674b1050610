"""Exercise 4.21 (bonus): apply rotary position embeddings to queries or keys.

This exercise is ours; the book's Llama bonus builds RoPE without an exercise.

Edit this file, then check it with ``python -m llmscratch check ch04``.
The answer is in ../solutions/ex4_21_rope.py (try first!).
"""

import torch


def apply_rope(x, cos, sin, offset=0):
    """Rotate ``x`` of shape ``(batch, num_heads, num_tokens, head_dim)`` by its positions.

    ``cos`` and ``sin`` are tables of shape ``(context_length, head_dim)`` (from
    ``llmscratch.compute_rope_params``); token ``t`` of ``x`` sits at position ``offset + t``,
    so use rows ``offset .. offset + num_tokens - 1``. Dimension ``i`` pairs with dimension
    ``i + head_dim // 2`` (Llama's layout): with ``x1, x2`` the two halves, return
    ``x * cos + cat(-x2, x1) * sin``, the same shape as ``x``.

    Example: with ``head_dim=2`` and an angle of 90 degrees, ``[1, 0]`` becomes ``[0, 1]``.
    """
    raise NotImplementedError("your code here")
