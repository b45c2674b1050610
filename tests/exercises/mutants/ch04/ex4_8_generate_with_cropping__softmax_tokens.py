# MUTANT: softmax over dim=1 (the positions) before taking the last position
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)
        probas = torch.softmax(logits, dim=1)[:, -1, :]
        next_id = probas.argmax(dim=-1, keepdim=True)  # (batch, 1)
        idx = torch.cat((idx, next_id), dim=1)
    return idx


EXPECTED_CAUSE = "softmax runs over dim=1"
