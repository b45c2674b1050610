# MUTANT: unpacks the shape as (b, num_tokens, num_heads, head_dim)
"""Exercise 3.7 (solution): merge the heads' context vectors back into one vector per token."""


def merge_heads(context_vec):
    """Undo ``split_heads``: ``(b, num_heads, num_tokens, head_dim) -> (b, num_tokens, d_out)``."""
    b, num_tokens, num_heads, head_dim = context_vec.shape
    # (b, num_heads, num_tokens, head_dim) -> (b, num_tokens, num_heads, head_dim)
    context_vec = context_vec.transpose(1, 2)
    # (b, num_tokens, num_heads, head_dim) -> (b, num_tokens, d_out)
    return context_vec.contiguous().view(b, num_tokens, num_heads * head_dim)


EXPECTED_CAUSE = 'unpacked context_vec.shape in the wrong order'
