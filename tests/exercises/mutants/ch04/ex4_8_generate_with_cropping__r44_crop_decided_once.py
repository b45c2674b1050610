# MUTANT: the crop decided once from the prompt's length (a short prompt grows uncropped).
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    too_long = idx.shape[1] > context_size
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:] if too_long else idx
        with torch.no_grad():
            logits = model(idx_cond)
        next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True)
        idx = torch.cat((idx, next_id), dim=1)
    return idx


EXPECTED_CAUSE = 'the crop was decided once'
