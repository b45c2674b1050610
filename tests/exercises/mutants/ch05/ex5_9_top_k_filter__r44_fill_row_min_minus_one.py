# MUTANT: the right logits kept, the filtered ones set to the row's minimum minus 1
import torch

EXPECTED_CAUSE = "one finite number per row"


def top_k_filter(logits, top_k):
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    low = logits.min(dim=-1, keepdim=True).values - 1
    return torch.where(logits < top_logits[:, -1:], low.expand_as(logits), logits)
