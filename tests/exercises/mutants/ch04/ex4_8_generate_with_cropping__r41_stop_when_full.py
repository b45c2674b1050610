# MUTANT: stops generating once the sequence fills context_size (thinks the window cannot slide)
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        if idx.shape[1] >= context_size:
            break
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)
        next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True)
        idx = torch.cat((idx, next_id), dim=1)
    return idx


EXPECTED_CAUSE = 'generation stops once the sequence fills context_size'
