# Mutant: topk(largest=False) keeps the k smallest logits.
import torch


def top_k_filter(logits, top_k):
    low, _ = torch.topk(logits, top_k, dim=-1, largest=False)
    return logits.masked_fill(logits > low[:, -1:], float("-inf"))

EXPECTED_CAUSE = "the k SMALLEST logits were kept"
