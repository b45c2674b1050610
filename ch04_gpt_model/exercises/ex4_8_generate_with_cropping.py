"""Exercise 4.8: greedy text generation that crops the context.

This exercise is ours; the book has no exercise on it.

Edit this file, then check it with ``python -m llmscratch check ch04``.
The answer is in ../solutions/ex4_8_generate_with_cropping.py (try first!).
"""

import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    """Append ``max_new_tokens`` greedily chosen tokens to ``idx`` and return the result.

    ``idx`` is a ``(batch, num_tokens)`` tensor of token ids; return
    ``(batch, num_tokens + max_new_tokens)``. At every step:

    1. keep only the LAST ``context_size`` tokens (the model cannot see more; prompts may be
       longer than that),
    2. run the model under ``torch.no_grad()`` and take the logits of the last position,
    3. pick the id with the largest logit for each row,
    4. append it to ``idx`` along the token dimension.

    Example: with ``context_size=4`` and ``idx = [[1, 2, 3, 4, 5, 6]]`` the first step feeds
    ``[[3, 4, 5, 6]]`` to the model.
    """
    raise NotImplementedError("your code here")
