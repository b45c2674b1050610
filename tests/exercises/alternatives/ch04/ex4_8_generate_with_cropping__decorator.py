# Correct: @torch.no_grad() on the whole function, torch.argmax + unsqueeze, explicit start index
import torch


@torch.no_grad()
def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        start = max(0, idx.size(1) - context_size)
        logits = model(idx[:, start:])  # (batch, window, vocab)
        next_id = torch.argmax(logits[:, -1, :], dim=-1).unsqueeze(-1)  # (batch, 1)
        idx = torch.cat([idx, next_id], dim=-1)
    return idx
