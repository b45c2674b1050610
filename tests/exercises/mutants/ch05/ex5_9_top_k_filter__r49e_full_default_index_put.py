# MUTANT: the result built in torch.full(logits.shape, -inf) (default float32) and the kept
# logits index-put into it: float64 logits raise a dtype mismatch.
import torch

EXPECTED_CAUSE = "made without a dtype"


def top_k_filter(logits, top_k):
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    min_val = top_logits[:, -1:]
    out = torch.full(logits.shape, float("-inf"))
    keep = logits >= min_val
    out[keep] = logits[keep]
    return out
