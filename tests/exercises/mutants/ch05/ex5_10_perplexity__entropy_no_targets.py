# Mutant: exp of the predictive entropy: the targets are never used.
import torch


def perplexity(logits, targets):
    logp = torch.log_softmax(logits, dim=-1)
    entropy = -(logp.exp() * logp).sum(-1).mean()
    return torch.exp(entropy).item()


EXPECTED_CAUSE = 'stays the same when the targets change'
