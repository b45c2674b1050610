# MUTANT: log-sum-exp shifted by one global max, not per row
import torch


def perplexity(logits, targets):
    m = logits.max()
    lse = m + torch.log(torch.exp(logits - m).sum(dim=-1))
    target_logits = logits.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    loss = (lse - target_logits).mean()
    return torch.exp(loss).item()

EXPECTED_CAUSE = "ONE maximum over the whole tensor"
