# Mutant: threshold at the unsorted row's position k - 1 (logits[:, k - 1]), not the k-th largest
import torch


def top_k_filter(logits, top_k):
    min_val = logits[:, top_k - 1:top_k]
    return logits.masked_fill(logits < min_val, float("-inf"))


EXPECTED_CAUSE = 'as the row stands'
