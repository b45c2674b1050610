# MUTANT: context_size renamed context_length (the config's key); callers passing context_size= fail
import torch

EXPECTED_CAUSE = "keep the parameter names of the docstring"


def generate_text_simple(model, idx, max_new_tokens, context_length):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_length:]
        with torch.no_grad():
            logits = model(idx_cond)
        next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True)
        idx = torch.cat((idx, next_id), dim=1)
    return idx
