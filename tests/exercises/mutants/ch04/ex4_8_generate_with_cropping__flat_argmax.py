# MUTANT: argmax without dim (flattened over the batch).
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)
        next_id = torch.argmax(logits[:, -1, :]).view(1, 1).expand(idx.shape[0], 1)  # (batch, 1)
        idx = torch.cat((idx, next_id), dim=1)
    return idx

EXPECTED_CAUSE = 'the argmax ran without dim=-1'
