# MUTANT: head_dim = d_out // 2 (the number of heads hard-coded to 2)
"""Exercise 3.6 (solution): split projected vectors into attention heads."""


def split_heads(x, num_heads):
    """Split ``x`` of shape ``(b, num_tokens, d_out)`` into ``num_heads`` heads."""
    b, num_tokens, d_out = x.shape
    head_dim = d_out // 2
    # (b, num_tokens, d_out) -> (b, num_tokens, num_heads, head_dim)
    x = x.view(b, num_tokens, num_heads, head_dim)
    # (b, num_tokens, num_heads, head_dim) -> (b, num_heads, num_tokens, head_dim)
    return x.transpose(1, 2)


EXPECTED_CAUSE = 'a head count is fixed'  # the check's message must name this
