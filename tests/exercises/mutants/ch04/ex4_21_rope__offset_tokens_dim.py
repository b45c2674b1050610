# Mutant: one table row, cos[offset], for every token when offset > 0 (a decode-only habit).
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
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    x1, x2 = x[..., : head_dim // 2], x[..., head_dim // 2 :]
    if offset:
        cos, sin = cos[offset : offset + 1], sin[offset : offset + 1]
    else:
        cos, sin = cos[:num_tokens], sin[:num_tokens]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = 'every token is turned by the same angle'
