# MUTANT: the -inf tensor made by torch.full without device
import torch


def top_k_filter(logits, top_k):
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    min_val = top_logits[:, -1:]
    neg_inf = torch.full(logits.shape, float("-inf"))
    return torch.where(logits < min_val, neg_inf.to(logits.dtype), logits)

EXPECTED_CAUSE = "make it with device=logits.device"
