# Mutant: 1 / mean probability of the targets instead of exp of the mean cross-entropy.
import torch


def perplexity(logits, targets):
    probas = torch.softmax(logits, dim=-1)
    p = probas.gather(-1, targets.unsqueeze(-1))
    return (1.0 / p.mean()).item()

EXPECTED_CAUSE = 'mean probability'
