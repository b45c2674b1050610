# MUTANT: returns the row-sorted logits with positions past k masked (values moved
# out of their vocabulary positions)
import torch


def top_k_filter(logits, top_k):
    sorted_logits, _ = torch.sort(logits, dim=-1, descending=True)
    out = sorted_logits.clone()
    out[:, top_k:] = float("-inf")
    return out


EXPECTED_CAUSE = 'the row SORTED'
