# Correct: summed cross_entropy on transposed logits divided by the token count, float(...)
import torch
import torch.nn.functional as F


def perplexity(logits, targets):
    total = F.cross_entropy(logits.transpose(1, 2), targets, reduction="sum")
    return float(torch.exp(total / targets.numel()))
