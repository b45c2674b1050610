# MUTANT: each target's probability read from a sigmoid of its own logit (-log sigmoid), not a
# softmax over the vocabulary
import torch

EXPECTED_CAUSE = "sigmoid of its own logit"


def perplexity(logits, targets):
    target_logits = logits.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    nll = -torch.log(torch.sigmoid(target_logits))
    return torch.exp(nll.mean()).item()
