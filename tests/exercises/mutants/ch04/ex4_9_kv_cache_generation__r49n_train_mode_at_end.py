# MUTANT: calls model.eval() first and model.train() at the end, whatever mode it had.
"""Exercise 4.9: greedy generation with a key/value cache.
"""

import torch

EXPECTED_CAUSE = "returned it in training mode"


def generate_text_simple_cached(model, idx, max_new_tokens, context_size=None, use_cache=True):
    if context_size is None:
        context_size = model.pos_emb.num_embeddings
    model.eval()
    with torch.no_grad():
        if use_cache:
            model.reset_kv_cache()
            logits = model(idx[:, -context_size:], use_cache=True)
        for _ in range(max_new_tokens):
            if not use_cache:
                logits = model(idx[:, -context_size:])
            next_id = logits[:, -1].argmax(dim=-1, keepdim=True)
            idx = torch.cat((idx, next_id), dim=1)
            if use_cache:
                if idx.shape[1] <= context_size:
                    logits = model(next_id, use_cache=True)
                else:
                    model.reset_kv_cache()
                    logits = model(idx[:, -context_size:], use_cache=True)
    model.train()
    return idx
