# MUTANT: generates max_new_tokens - 1 tokens (off by one).
"""Exercise 4.8 (solution): greedy text generation that crops the context."""

import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens - 1):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)
        next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True)  # (batch, 1)
        idx = torch.cat((idx, next_id), dim=1)
    return idx

EXPECTED_CAUSE = 'run the loop exactly max_new_tokens times'  # named in the message
