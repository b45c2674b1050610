# MUTANT: generation stops when the new token repeats the previous one
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)
        next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True)
        if torch.equal(next_id, idx[:, -1:]):
            break
        idx = torch.cat((idx, next_id), dim=1)
    return idx


EXPECTED_CAUSE = "a repeated token (a repetition guard)"
