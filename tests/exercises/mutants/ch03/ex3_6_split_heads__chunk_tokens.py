# MUTANT: chunks along the tokens (dim 1) instead of the features
"""Exercise 3.6 (solution): split projected vectors into attention heads."""


def split_heads(x, num_heads):
    """Split ``x`` of shape ``(b, num_tokens, d_out)`` into ``num_heads`` heads."""
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    # (b, num_tokens, d_out) -> (b, num_tokens, num_heads, head_dim)
    import torch
    return torch.stack(x.chunk(num_heads, dim=1), dim=1)


EXPECTED_CAUSE = 'cut the tokens'  # the check's message must name this
