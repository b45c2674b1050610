# MUTANT: threshold lowered by 1e-4 'for float ties' (values just below the k-th survive)
import torch


def top_k_filter(logits, top_k):
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    min_val = top_logits[:, -1:] - 1e-4
    return logits.masked_fill(logits < min_val, float("-inf"))


EXPECTED_CAUSE = 'lowered by a tolerance'
