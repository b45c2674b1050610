# Correct: top_k clamped to the vocabulary, threshold via topk().values.narrow, torch.where scalar
import torch


def top_k_filter(logits, top_k):
    k = min(top_k, logits.size(-1))
    threshold = logits.topk(k, dim=-1).values.narrow(-1, k - 1, 1)  # (batch, 1)
    return torch.where(logits < threshold, float("-inf"), logits)
