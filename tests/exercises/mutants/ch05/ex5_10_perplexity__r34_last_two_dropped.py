# MUTANT: the last two positions dropped (a fallback: no replay matches)
import torch
import torch.nn.functional as F


def perplexity(logits, targets):
    loss = F.cross_entropy(logits[:, :-2].flatten(0, 1), targets[:, :-2].flatten())
    return torch.exp(loss).item()

EXPECTED_CAUSE = "changing the targets at position [2, 3]"
