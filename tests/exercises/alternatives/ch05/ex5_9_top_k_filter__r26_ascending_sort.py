# Correct: ascending sort, the k-th largest at position -k
import torch


def top_k_filter(logits, top_k):
    sorted_logits, _ = torch.sort(logits, dim=-1)
    min_val = sorted_logits[:, -top_k].unsqueeze(-1)
    return torch.where(logits < min_val, torch.full_like(logits, float("-inf")), logits)
