# MUTANT: max_new_tokens renamed max_tokens; callers passing max_new_tokens= fail
import torch

EXPECTED_CAUSE = "your parameters are (model, idx, max_tokens, context_size)"


def generate_text_simple(model, idx, max_tokens, context_size):
    for _ in range(max_tokens):
        with torch.no_grad():
            logits = model(idx[:, -context_size:])
        idx = torch.cat((idx, logits[:, -1, :].argmax(dim=-1, keepdim=True)), dim=1)
    return idx
