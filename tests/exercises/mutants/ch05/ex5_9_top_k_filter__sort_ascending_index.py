# Mutant: an ascending sort indexed at [:, k], the (k+1)-th SMALLEST value as threshold.
import torch


def top_k_filter(logits, top_k):
    min_val = torch.sort(logits, dim=-1).values[:, top_k:top_k + 1]
    return logits.masked_fill(logits < min_val, float("-inf"))


EXPECTED_CAUSE = "(k+1)-th SMALLEST"  # named in the message
