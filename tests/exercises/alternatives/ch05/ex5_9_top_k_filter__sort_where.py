# Correct: threshold from a descending sort, torch.where with full_like
import torch


def top_k_filter(logits, top_k):
    sorted_logits = torch.sort(logits, dim=-1, descending=True).values
    threshold = sorted_logits[:, top_k - 1].unsqueeze(1)  # (batch, 1)
    return torch.where(logits >= threshold, logits, torch.full_like(logits, float("-inf")))
