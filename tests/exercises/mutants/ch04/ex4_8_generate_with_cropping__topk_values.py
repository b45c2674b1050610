# MUTANT: topk's values (the largest logits) appended as ids instead of their indices.
"""Exercise 4.8 (solution): greedy text generation that crops the context."""

import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)
        next_id = torch.topk(logits[:, -1, :], 1).values.long()
        idx = torch.cat((idx, next_id), dim=1)
    return idx


EXPECTED_CAUSE = "you appended the VALUES"
