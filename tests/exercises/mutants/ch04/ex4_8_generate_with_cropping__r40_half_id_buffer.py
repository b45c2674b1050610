# MUTANT: ids kept in a float16 buffer (ids above 2048 rounded)
import torch

EXPECTED_CAUSE = 'which float16 rounds to'


def generate_text_simple(model, idx, max_new_tokens, context_size):
    out = torch.zeros(idx.shape[0], idx.shape[1] + max_new_tokens, dtype=torch.float16,
                      device=idx.device)
    out[:, :idx.shape[1]] = idx
    n = idx.shape[1]
    for step in range(max_new_tokens):
        idx_cond = out[:, :n + step][:, -context_size:].long()
        with torch.no_grad():
            logits = model(idx_cond)
        out[:, n + step] = logits[:, -1, :].argmax(dim=-1)
    return out.long()
