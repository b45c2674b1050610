# MUTANT: concatenates the heads along the token dimension
"""Exercise 3.7 (solution): merge the heads' context vectors back into one vector per token."""


def merge_heads(context_vec):
    """Undo ``split_heads``: ``(b, num_heads, num_tokens, head_dim) -> (b, num_tokens, d_out)``.

    ``d_out = num_heads * head_dim``; token ``t``'s output is the concatenation of every head's
    vector for token ``t`` (head 0 first). ``merge_heads(split_heads(x, n))`` gives back ``x``.
    """
    b, num_heads, num_tokens, head_dim = context_vec.shape
    # (b, num_heads, num_tokens, head_dim) -> (b, num_tokens, num_heads, head_dim)
    import torch

    return torch.cat([context_vec[:, h] for h in range(num_heads)], dim=1)


EXPECTED_CAUSE = 'along the token dimension'  # the check's message must name this
