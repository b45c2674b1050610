# MUTANT: preallocated buffer of torch.empty's default float dtype: float ids returned.
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    b, n = idx.shape
    out = torch.empty(b, n + max_new_tokens)
    out[:, :n] = idx
    for i in range(max_new_tokens):
        cur = out[:, : n + i].long()
        with torch.no_grad():
            logits = model(cur[:, -context_size:])
        out[:, n + i] = logits[:, -1, :].argmax(dim=-1)
    return out


EXPECTED_CAUSE = 'dtype=idx.dtype'
