# MUTANT: permute(0, 2, 3, 1) interleaves head features
"""Exercise 3.7 (solution): merge the heads' context vectors back into one vector per token."""


def merge_heads(context_vec):
    """Undo ``split_heads``: ``(b, num_heads, num_tokens, head_dim) -> (b, num_tokens, d_out)``."""
    b, num_heads, num_tokens, head_dim = context_vec.shape
    # (b, num_heads, num_tokens, head_dim) -> (b, num_tokens, num_heads, head_dim)
    return context_vec.permute(0, 2, 3, 1).reshape(b, num_tokens, -1)


EXPECTED_CAUSE = 'interleaved'  # the check's message must name this
