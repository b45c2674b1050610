# Mutant: threshold sliced as [-k:-k+1] of the ascending sort: empty slice for top_k=1.
import torch


def top_k_filter(logits, top_k):
    min_val = torch.sort(logits, dim=-1).values[:, -top_k:-top_k + 1]
    return logits.masked_fill(logits < min_val, float("-inf"))


EXPECTED_CAUSE = 'threshold is empty'
