# Correct: a loop over rows, each filtered on its own, stacked back
import torch


def top_k_filter(logits, top_k):
    rows = []
    for row in logits:
        kth = torch.topk(row, top_k).values[-1]
        rows.append(torch.where(row < kth, torch.tensor(float("-inf"), dtype=row.dtype), row))
    return torch.stack(rows)
