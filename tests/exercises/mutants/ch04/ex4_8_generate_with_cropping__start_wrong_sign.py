# MUTANT: the window start computed as context_size - len (wrong sign).
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        start = context_size - idx.shape[1]  # the sign is wrong: -context_size is meant
        idx_cond = idx[:, start:] if idx.shape[1] > context_size else idx
        with torch.no_grad():
            logits = model(idx_cond)
        next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True)  # (batch, 1)
        idx = torch.cat((idx, next_id), dim=1)
    return idx

EXPECTED_CAUSE = 'the window start has the wrong sign'
