# MUTANT: window start advances with the step counter (idx[:, i:]) instead of the last tokens.
"""Exercise 4.8 (solution): greedy text generation that crops the context."""

import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    for i in range(max_new_tokens):
        idx_cond = idx[:, i:][:, :context_size]
        with torch.no_grad():
            logits = model(idx_cond)
        next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True)  # (batch, 1)
        idx = torch.cat((idx, next_id), dim=1)
    return idx


EXPECTED_CAUSE = 'the model was fed 5 tokens'
