# MUTANT: the model runs without torch.no_grad() (a graph is built at every step)
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        logits = model(idx[:, -context_size:])
        idx = torch.cat((idx, logits[:, -1, :].argmax(dim=-1, keepdim=True)), dim=1)
    return idx


EXPECTED_CAUSE = 'with gradients on'
