# MUTANT: ignore_index=0 (token 0 targets dropped)
import torch


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten(),
                                             ignore_index=0)
    return torch.exp(loss).item()

EXPECTED_CAUSE = 'ignore_index=0'
