# MUTANT: crop to context_size - max_new_tokens.
"""Exercise 4.8 (solution): greedy text generation that crops the context."""

import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -(context_size - max_new_tokens):]
        with torch.no_grad():
            logits = model(idx_cond)
        next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True)  # (batch, 1)
        idx = torch.cat((idx, next_id), dim=1)
    return idx


EXPECTED_CAUSE = 'the model was fed 6 tokens'
