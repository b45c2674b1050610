# Mutant: thresholds at the (k+1)-th largest with <=, so ties at the k-th are all masked.
"""Exercise 5.9: top-k filtering of logits."""

import torch


def top_k_filter(logits, top_k):
    ordered, _ = torch.sort(logits, dim=-1, descending=True)
    if top_k >= logits.shape[-1]:
        return logits.clone()
    return logits.masked_fill(logits <= ordered[:, top_k:top_k + 1], float("-inf"))


EXPECTED_CAUSE = "threshold is the (k+1)-th largest, masked with <="  # named in the message
