# MUTANT: the kept logits masked_scatter-ed into torch.full(logits.shape, -inf) (default
# float32): float64 logits raise a dtype mismatch.
import torch

EXPECTED_CAUSE = "made without a dtype"


def top_k_filter(logits, top_k):
    top_logits, top_pos = torch.topk(logits, top_k, dim=-1)
    min_val = top_logits[:, -1:]
    keep = logits >= min_val
    out = torch.full(logits.shape, float("-inf"))
    return out.masked_scatter(keep, logits[keep])
