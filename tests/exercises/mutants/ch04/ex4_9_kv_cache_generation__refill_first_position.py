# MUTANT: after each refill the next token comes from the window's first position.
"""Exercise 4.9 (solution): greedy generation with a key/value cache."""

import torch


def generate_text_simple_cached(model, idx, max_new_tokens, context_size=None, use_cache=True):
    """Greedy generation that feeds each new token once, reusing cached keys and values."""
    if context_size is None:
        context_size = model.pos_emb.num_embeddings
    with torch.no_grad():
        if not use_cache:
            for _ in range(max_new_tokens):
                logits = model(idx[:, -context_size:])
                idx = torch.cat((idx, logits[:, -1].argmax(dim=-1, keepdim=True)), dim=1)
            return idx
        model.reset_kv_cache()
        logits = model(idx[:, -context_size:], use_cache=True)
        for _ in range(max_new_tokens):
            next_id = logits[:, -1].argmax(dim=-1, keepdim=True)
            idx = torch.cat((idx, next_id), dim=1)
            if idx.shape[1] <= context_size:
                logits = model(next_id, use_cache=True)  # only the new token
            else:  # the window slid: refill the cache from the cropped window
                model.reset_kv_cache()
                logits = model(idx[:, -context_size:], use_cache=True)[:, :1]
    return idx

EXPECTED_CAUSE = 'argmax of position 0'
