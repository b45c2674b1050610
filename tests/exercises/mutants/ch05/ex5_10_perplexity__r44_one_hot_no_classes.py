# MUTANT: F.one_hot(targets) without num_classes (as wide as the largest target + 1)
import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "without num_classes"


def perplexity(logits, targets):
    logp = torch.log_softmax(logits, dim=-1)
    onehot = F.one_hot(targets).to(logp.dtype)
    nll = -(onehot * logp).sum(-1)
    return torch.exp(nll.mean()).item()
