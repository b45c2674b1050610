# MUTANT: sets model.eval() then model.train() at the end regardless of the original mode.
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    model.eval()
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)
        next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True)  # (batch, 1)
        idx = torch.cat((idx, next_id), dim=1)
    model.train()
    return idx

EXPECTED_CAUSE = 'returned it in training mode'
