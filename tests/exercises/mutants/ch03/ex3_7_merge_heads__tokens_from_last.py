# MUTANT: num_tokens read from shape[-1] (the head size)
"""Exercise 3.7 (solution): merge the heads' context vectors back into one vector per token.

Ours: the book has no exercise for this; it practises the chapter's code.
"""


def merge_heads(context_vec):
    """Undo ``split_heads``: ``(b, num_heads, num_tokens, head_dim) -> (b, num_tokens, d_out)``.

    ``d_out = num_heads * head_dim``; token ``t``'s output is the concatenation of every head's
    vector for token ``t`` (head 0 first). ``merge_heads(split_heads(x, n))`` gives back ``x``.
    """
    b, num_heads, _, head_dim = context_vec.shape
    num_tokens = context_vec.shape[-1]
    # (b, num_heads, num_tokens, head_dim) -> (b, num_tokens, num_heads, head_dim)
    context_vec = context_vec.transpose(1, 2)
    # (b, num_tokens, num_heads, head_dim) -> (b, num_tokens, d_out)
    return context_vec.contiguous().view(b, num_tokens, num_heads * head_dim)


EXPECTED_CAUSE = 'with the token count head_dim'  # the check's message must name this
