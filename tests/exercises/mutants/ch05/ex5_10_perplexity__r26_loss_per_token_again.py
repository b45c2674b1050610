# MUTANT: mean loss divided again by num_tokens before exp
import torch
import torch.nn.functional as F


def perplexity(logits, targets):
    loss = F.cross_entropy(logits.flatten(0, 1), targets.flatten())
    return torch.exp(loss / targets.shape[1]).item()


EXPECTED_CAUSE = 'number of tokens per sequence (targets.shape[1])'
