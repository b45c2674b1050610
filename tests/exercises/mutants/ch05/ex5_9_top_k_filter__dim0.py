# Mutant: topk over dim 0 (the batch) instead of the vocabulary.
import torch


def top_k_filter(logits, top_k):
    top_logits, _ = torch.topk(logits, top_k, dim=0)
    min_val = top_logits[-1:, :]
    return logits.masked_fill(logits < min_val, float("-inf"))

EXPECTED_CAUSE = 'dim 0 (the batch)'
