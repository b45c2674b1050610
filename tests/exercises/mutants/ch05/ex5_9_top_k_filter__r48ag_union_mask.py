# MUTANT: the keep-mask indexed as keep[:, top_idx], which marks every row's top-k columns in
# every row, so each row also keeps the other rows' top k
import torch


def top_k_filter(logits, top_k):
    _, top_idx = torch.topk(logits, top_k, dim=-1)
    keep = torch.zeros_like(logits, dtype=torch.bool)
    keep[:, top_idx] = True
    return logits.masked_fill(~keep, float("-inf"))

EXPECTED_CAUSE = "the columns of every row's top k"
