# MUTANT: the output buffer made by torch.zeros without device= (on the CPU)
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    batch, n = idx.shape
    out = torch.zeros(batch, n + max_new_tokens, dtype=idx.dtype)
    out[:, :n] = idx
    for step in range(max_new_tokens):
        cur = n + step
        idx_cond = out[:, max(0, cur - context_size):cur]
        with torch.no_grad():
            logits = model(idx_cond)
        out[:, cur] = logits[:, -1, :].argmax(dim=-1)
    return out

EXPECTED_CAUSE = 'torch.zeros(...) made a tensor on the CPU'
