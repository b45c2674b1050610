# MUTANT: the (batch,) argmax unsqueezed at dim 0: (1, batch)
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        with torch.no_grad():
            logits = model(idx[:, -context_size:])
        next_id = logits[:, -1, :].argmax(dim=-1).unsqueeze(0)
        idx = torch.cat((idx, next_id), dim=1)
    return idx


EXPECTED_CAUSE = "yet a batch of one works"
