# MUTANT: argmax over all the last logits, one id for the whole batch
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)
        next_id = logits[:, -1, :].argmax().view(1, 1) % logits.shape[-1]  # (batch, 1)
        idx = torch.cat((idx, next_id), dim=1)
    return idx


EXPECTED_CAUSE = "ONE id for the whole batch"
