# MUTANT: crops idx itself after appending (drops the prompt's first tokens from the result).
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)
        next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True)  # (batch, 1)
        idx = torch.cat((idx, next_id), dim=1)[:, -context_size:]
    return idx

EXPECTED_CAUSE = 'you cropped idx itself'
