# Correct: topk(sorted=False) and the smallest kept value as threshold (order-free), masked_fill
import torch


def top_k_filter(logits: torch.Tensor, top_k: int) -> torch.Tensor:
    if top_k < 1:
        raise ValueError("top_k must be at least 1")
    kept = logits.topk(top_k, dim=-1, sorted=False).values
    threshold = kept.amin(dim=-1, keepdim=True)  # (batch, 1)
    return logits.masked_fill(logits < threshold, float("-inf"))
