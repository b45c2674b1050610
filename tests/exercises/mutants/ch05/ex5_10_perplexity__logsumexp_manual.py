# MUTANT: manual log-sum-exp without subtracting the max (overflow)
import torch


def perplexity(logits, targets):
    lse = torch.log(torch.exp(logits).sum(-1))
    picked = logits.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    loss = (lse - picked).mean()
    return torch.exp(loss).item()

EXPECTED_CAUSE = 'overflows float32'
