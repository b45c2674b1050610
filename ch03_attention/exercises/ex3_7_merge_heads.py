"""Exercise 3.7: merge the heads' context vectors back into one vector per token.

Ours: the book has no exercise for this; it practises the chapter's code.

Edit this file, then check it with ``python -m llmscratch check ch03``.
The answer is in ../solutions/ex3_7_merge_heads.py (try first!).
"""



def merge_heads(context_vec):
    """Undo ``split_heads``: ``(b, num_heads, num_tokens, head_dim) -> (b, num_tokens, d_out)``.

    ``d_out = num_heads * head_dim``; token ``t``'s output is the concatenation of every head's
    vector for token ``t`` (head 0 first). ``merge_heads(split_heads(x, n))`` gives back ``x``.
    """
    raise NotImplementedError("your code here")
