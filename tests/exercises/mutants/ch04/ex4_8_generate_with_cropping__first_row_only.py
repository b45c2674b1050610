# MUTANT: picks the next id from row 0 only and appends it to every row.
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)
        next_id = logits[0, -1, :].argmax().repeat(idx.shape[0], 1)  # (batch, 1)
        idx = torch.cat((idx, next_id), dim=1)
    return idx

EXPECTED_CAUSE = "every row got row 0's next token"
