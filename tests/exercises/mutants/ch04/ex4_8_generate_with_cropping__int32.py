# MUTANT: ids cast to int32 (returns int32, not int64)
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    idx = idx.to(torch.int32)
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)
        next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True).to(torch.int32)
        idx = torch.cat((idx, next_id), dim=1)
    return idx

EXPECTED_CAUSE = "keep idx's dtype"
