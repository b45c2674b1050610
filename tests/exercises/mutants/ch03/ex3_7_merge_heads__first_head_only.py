# MUTANT: returns only head 0 (context_vec[:, 0])
"""Exercise 3.7 (solution): merge the heads' context vectors back into one vector per token."""


def merge_heads(context_vec):
    """Undo ``split_heads``: ``(b, num_heads, num_tokens, head_dim) -> (b, num_tokens, d_out)``.

    ``d_out = num_heads * head_dim``; token ``t``'s output is the concatenation of every head's
    vector for token ``t`` (head 0 first). ``merge_heads(split_heads(x, n))`` gives back ``x``.
    """
    b, num_heads, num_tokens, head_dim = context_vec.shape
    # (b, num_heads, num_tokens, head_dim) -> (b, num_tokens, num_heads, head_dim)
    return context_vec[:, 0]


EXPECTED_CAUSE = 'head 0 alone'  # the check's message must name this
