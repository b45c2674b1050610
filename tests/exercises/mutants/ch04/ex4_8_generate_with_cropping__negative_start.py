# MUTANT: start = len - context_size, negative (counts from the end) for a short idx.
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        start = idx.shape[1] - context_size
        idx_cond = idx[:, start:]
        with torch.no_grad():
            logits = model(idx_cond)
        next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True)
        idx = torch.cat((idx, next_id), dim=1)
    return idx


EXPECTED_CAUSE = 'negative start counts from the END'
