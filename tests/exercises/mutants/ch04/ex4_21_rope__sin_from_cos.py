# Mutant: sin rebuilt as sqrt(1 - cos**2) (loses the sign of sin)
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
    cos = cos[offset : offset + num_tokens]
    sin = sin[offset : offset + num_tokens]
    sin = torch.sqrt(1 - cos**2)
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


EXPECTED_CAUSE = 'sqrt(1 - cos**2), which loses its sign'
