# Mutant: log(softmax) instead of log_softmax: inf for a confident wrong prediction.
import torch


def perplexity(logits, targets):
    probs = torch.softmax(logits, dim=-1)
    p_target = probs.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    return torch.exp(-torch.log(p_target).mean()).item()


EXPECTED_CAUSE = 'underflowed'
