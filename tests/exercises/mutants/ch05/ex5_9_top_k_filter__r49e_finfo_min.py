# MUTANT: the filtered logits set to torch.finfo(dtype).min instead of -inf.
import torch

EXPECTED_CAUSE = "not -inf"


def top_k_filter(logits, top_k):
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    min_val = top_logits[:, -1:]
    return logits.masked_fill(logits < min_val, torch.finfo(logits.dtype).min)
