# MUTANT: the first token made before the loop, so max_new_tokens=0 still appends one
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    def step(idx):
        with torch.no_grad():
            logits = model(idx[:, -context_size:])
        return torch.cat((idx, logits[:, -1, :].argmax(dim=-1, keepdim=True)), dim=1)

    idx = step(idx)
    for _ in range(max_new_tokens - 1):
        idx = step(idx)
    return idx


EXPECTED_CAUSE = "a token is made outside the loop"
