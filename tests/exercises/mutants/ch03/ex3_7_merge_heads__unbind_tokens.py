# MUTANT: unbinds along the tokens (dim 2) and concatenates on the features
"""Exercise 3.7 (solution): merge the heads' context vectors back into one vector per token."""


def merge_heads(context_vec):
    """Undo ``split_heads``: ``(b, num_heads, num_tokens, head_dim) -> (b, num_tokens, d_out)``."""
    b, num_heads, num_tokens, head_dim = context_vec.shape
    # (b, num_heads, num_tokens, head_dim) -> (b, num_tokens, num_heads, head_dim)
    import torch
    return torch.cat(context_vec.unbind(2), dim=-1)


EXPECTED_CAUSE = 'concatenated the tokens'  # the check's message must name this
