# MUTANT: torch.cat without dim=1 (joins along dim 0)
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)
        next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True)
        idx = torch.cat((idx, next_id))
    return idx

EXPECTED_CAUSE = 'torch.cat joined along dim 0'
