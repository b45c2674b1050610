# MUTANT: argmax over dim=0, the batch
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        with torch.no_grad():
            logits = model(idx[:, -context_size:])
        next_id = torch.argmax(logits[:, -1, :], dim=0, keepdim=True)
        idx = torch.cat((idx, next_id), dim=1)
    return idx


EXPECTED_CAUSE = "the argmax ran over dim=0 (the batch)"
