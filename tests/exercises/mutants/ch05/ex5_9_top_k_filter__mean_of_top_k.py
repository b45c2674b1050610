# Mutant: the threshold is the mean of the top-k values, not the k-th largest.
import torch

EXPECTED_CAUSE = "a mean of the top k values"


def top_k_filter(logits, top_k):
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    threshold = top_logits.mean(dim=-1, keepdim=True)
    return logits.masked_fill(logits < threshold, float("-inf"))
