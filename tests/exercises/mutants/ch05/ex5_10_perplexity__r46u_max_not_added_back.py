# MUTANT: the log-sum-exp of the logits minus their row maximum, with the maximum never
#   added back, so each token's loss is too low by its row's largest logit
import torch

EXPECTED_CAUSE = "never added back"


def perplexity(logits, targets):
    top = logits.max(dim=-1, keepdim=True).values
    lse = torch.log(torch.exp(logits - top).sum(dim=-1))  # stable: shifted by the max
    target_logits = logits.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    return torch.exp((lse - target_logits).mean()).item()
