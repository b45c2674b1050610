# Mutant: threshold from torch.quantile (interpolated) instead of the k-th largest.
import torch


def top_k_filter(logits, top_k):
    q = 1 - top_k / logits.shape[-1]
    min_val = torch.quantile(logits, q, dim=-1, keepdim=True)
    return logits.masked_fill(logits < min_val, float("-inf"))


EXPECTED_CAUSE = 'torch.quantile'
