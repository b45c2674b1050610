# Mutant: top-k thresholds at the (k+1)-th largest with <=, so ties at the k-th are all masked.
"""Exercise 5.2: text generation with top-k filtering and temperature."""

import torch


def generate(model, idx, max_new_tokens, context_size, temperature=0.0, top_k=None,
             eos_id=None):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)[:, -1, :]  # (batch, vocab_size)
        if top_k is not None and top_k < logits.shape[-1]:
            ordered, _ = torch.sort(logits, dim=-1, descending=True)
            logits = logits.masked_fill(logits <= ordered[:, top_k:top_k + 1], float("-inf"))
        if temperature > 0.0:
            probs = torch.softmax(logits / temperature, dim=-1)
            idx_next = torch.multinomial(probs, num_samples=1)  # (batch, 1)
        else:
            idx_next = torch.argmax(logits, dim=-1, keepdim=True)  # (batch, 1)
        if eos_id is not None and bool((idx_next == eos_id).all()):
            break
        idx = torch.cat((idx, idx_next), dim=1)
    return idx


EXPECTED_CAUSE = "threshold is the (k+1)-th largest, masked with <="  # named in the message
