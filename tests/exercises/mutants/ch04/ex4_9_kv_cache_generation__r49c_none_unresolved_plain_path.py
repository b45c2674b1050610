# MUTANT: context_size=None resolved in the use_cache=True branch only (TypeError)
"""Exercise 4.9: greedy generation with a key/value cache.

This exercise is ours; the book has no exercise on it.
"""

import torch

EXPECTED_CAUSE = "None reached the code of the use_cache=False path unresolved"


def generate_text_simple_cached(model, idx, max_new_tokens, context_size=None, use_cache=True):
    """Greedy generation that feeds each new token once, reusing cached keys and values.

    ``model`` is an ``llmscratch.GPTModel``: ``model(ids, use_cache=True)`` stores the keys and
    values of ``ids`` and places them after the tokens already cached; ``model.reset_kv_cache()``
    empties the cache. ``context_size=None`` means ``model.pos_emb.num_embeddings``.

    Return exactly what greedy ``generate_text_simple(model, idx, max_new_tokens,
    context_size)`` returns:

    1. Reset the cache at the start (an earlier call must not leak into this one).
    2. Feed the last ``context_size`` tokens of the prompt once; then, each step, pick the
       argmax of the last logits, append it, and feed only that one new token.
    3. When the sequence would grow past ``context_size``, the window slides and every position
       changes: reset the cache and feed the last ``context_size`` tokens again.

    With ``use_cache=False`` run the plain loop instead (feed the cropped window every step).
    """
    with torch.no_grad():
        if not use_cache:
            for _ in range(max_new_tokens):
                logits = model(idx[:, -context_size:])
                idx = torch.cat((idx, logits[:, -1].argmax(dim=-1, keepdim=True)), dim=1)
            return idx
        if context_size is None:
            context_size = model.pos_emb.num_embeddings
        model.reset_kv_cache()
        logits = model(idx[:, -context_size:], use_cache=True)
        for _ in range(max_new_tokens):
            next_id = logits[:, -1].argmax(dim=-1, keepdim=True)
            idx = torch.cat((idx, next_id), dim=1)
            if idx.shape[1] <= context_size:
                logits = model(next_id, use_cache=True)  # only the new token
            else:  # the window slid: refill the cache from the cropped window
                model.reset_kv_cache()
                logits = model(idx[:, -context_size:], use_cache=True)
    return idx
