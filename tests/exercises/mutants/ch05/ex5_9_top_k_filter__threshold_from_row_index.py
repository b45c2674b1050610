# Mutant: threshold top_logits[-1:] takes the last row instead of the last column.
import torch


def top_k_filter(logits, top_k):
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    min_val = top_logits[-1:]
    return logits.masked_fill(logits < min_val.min(dim=-1, keepdim=True).values, float("-inf"))

EXPECTED_CAUSE = "the last row's"
