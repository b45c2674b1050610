# MUTANT: max_new_tokens treated as the total length of the result (prompt included)
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    while idx.shape[1] < max_new_tokens:
        with torch.no_grad():
            logits = model(idx[:, -context_size:])
        idx = torch.cat((idx, logits[:, -1, :].argmax(dim=-1, keepdim=True)), dim=1)
    return idx


EXPECTED_CAUSE = 'counts only the NEW tokens'
