# MUTANT: unpacks x.shape as (b, d_out, num_tokens)
"""Exercise 3.6 (solution): split projected vectors into attention heads."""


def split_heads(x, num_heads):
    """Split ``x`` of shape ``(b, num_tokens, d_out)`` into ``num_heads`` heads."""
    b, d_out, num_tokens = x.shape
    head_dim = d_out // num_heads
    # (b, num_tokens, d_out) -> (b, num_tokens, num_heads, head_dim)
    x = x.view(b, num_tokens, num_heads, head_dim)
    # (b, num_tokens, num_heads, head_dim) -> (b, num_heads, num_tokens, head_dim)
    return x.transpose(1, 2)


EXPECTED_CAUSE = 'unpacked x.shape in the wrong order'  # the check's message must name this
