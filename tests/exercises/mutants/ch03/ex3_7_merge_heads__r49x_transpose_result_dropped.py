# MUTANT: context_vec.transpose(1, 2) on a line of its own: the transposed tensor is thrown away
"""Exercise 3.7 (solution): merge the heads' context vectors back into one vector per token.

Ours: the book has no exercise for this; it practises the chapter's code.
"""

EXPECTED_CAUSE = 'context_vec = context_vec.transpose(1, 2)'


def merge_heads(context_vec):
    """Undo ``split_heads``: ``(b, num_heads, num_tokens, head_dim) -> (b, num_tokens, d_out)``.

    ``d_out = num_heads * head_dim``; token ``t``'s output is the concatenation of every head's
    vector for token ``t`` (head 0 first). ``merge_heads(split_heads(x, n))`` gives back ``x``.
    """
    b, num_heads, num_tokens, head_dim = context_vec.shape
    # (b, num_heads, num_tokens, head_dim) -> (b, num_tokens, num_heads, head_dim)
    context_vec.transpose(1, 2)
    # (b, num_tokens, num_heads, head_dim) -> (b, num_tokens, d_out)
    return context_vec.contiguous().view(b, num_tokens, num_heads * head_dim)
