# MUTANT: the rows are read through logits.view(-1) offsets, which raises on a non-contiguous
# input (a transposed tensor)
import torch


def top_k_filter(logits, top_k):
    flat = logits.view(-1)
    v = logits.shape[-1]
    rows = []
    for r in range(logits.shape[0]):
        row = flat[r * v:(r + 1) * v]
        kth = torch.topk(row, top_k).values[-1]
        rows.append(row.masked_fill(row < kth, float("-inf")))
    return torch.stack(rows)

EXPECTED_CAUSE = "view() needs a contiguous tensor"
