# Mutant: masked logits set to -1e9 instead of -inf.
import torch


def top_k_filter(logits, top_k):
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    min_val = top_logits[:, -1:]
    return logits.masked_fill(logits < min_val, -1e9)

EXPECTED_CAUSE = '-1e+09, not -inf'
