# MUTANT: the argmax of the logits averaged over the last three positions (logits[:, -3:].mean(1))
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)
        next_id = logits[:, -3:, :].mean(dim=1).argmax(dim=-1, keepdim=True)
        idx = torch.cat((idx, next_id), dim=1)
    return idx


EXPECTED_CAUSE = "summed (or averaged) over the last 3 positions"
