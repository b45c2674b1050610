# MUTANT: a window shorter than context_size is padded on the left with id 0 up to context_size.
import torch

EXPECTED_CAUSE = "put before it, padding it"


def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        if idx_cond.shape[1] < context_size:  # "the model expects a full window"
            pad = torch.zeros(idx.shape[0], context_size - idx_cond.shape[1], dtype=idx.dtype,
                              device=idx.device)
            idx_cond = torch.cat((pad, idx_cond), dim=1)
        with torch.no_grad():
            logits = model(idx_cond)
        next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True)
        idx = torch.cat((idx, next_id), dim=1)
    return idx
