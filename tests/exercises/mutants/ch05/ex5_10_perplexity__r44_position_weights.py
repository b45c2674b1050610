# MUTANT: later positions weighted more (weights 1..T) in the mean of the token losses
import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "weights the positions unequally"


def perplexity(logits, targets):
    nll = F.cross_entropy(logits.transpose(1, 2), targets, reduction="none")  # (B, T)
    w = torch.arange(1, targets.shape[1] + 1, dtype=nll.dtype)
    return torch.exp((nll * w).sum() / (w.sum() * targets.shape[0])).item()
