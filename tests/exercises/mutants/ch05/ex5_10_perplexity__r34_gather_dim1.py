# MUTANT: log-probabilities gathered along the positions (dim 1) instead of the vocabulary
import torch


def perplexity(logits, targets):
    logp = torch.log_softmax(logits, dim=-1)
    picked = logp.gather(1, targets.unsqueeze(-1)).squeeze(-1)
    return torch.exp(-picked.mean()).item()

EXPECTED_CAUSE = "an index taken along the wrong dimension"
