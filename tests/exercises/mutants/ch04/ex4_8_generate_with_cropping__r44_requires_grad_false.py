# MUTANT: model.requires_grad_(False) instead of torch.no_grad(): parameters left frozen.
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    model.requires_grad_(False)
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        logits = model(idx_cond)
        next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True)
        idx = torch.cat((idx, next_id), dim=1)
    return idx


EXPECTED_CAUSE = 'model.requires_grad_(False) freezes the weights'
