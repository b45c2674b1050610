# MUTANT: returns only the new tokens, not prompt + new tokens.
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    new = []
    for _ in range(max_new_tokens):
        with torch.no_grad():
            logits = model(idx[:, -context_size:])
        next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True)
        idx = torch.cat((idx, next_id), dim=1)
        new.append(next_id)
    return torch.cat(new, dim=1)


EXPECTED_CAUSE = 'returned only the'
