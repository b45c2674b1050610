# MUTANT: the largest logit used in place of the log-sum-exp
import torch
import torch.nn.functional as F


def perplexity(logits, targets):
    target_logit = logits.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    loss = (logits.max(dim=-1).values - target_logit).mean()
    return torch.exp(loss).item()

EXPECTED_CAUSE = "largest logit stood in for the log-sum-exp"
