# MUTANT: the kept logits clamped to at most 5 (to "stabilise" the softmax)
import torch


def top_k_filter(logits, top_k):
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    min_val = top_logits[:, -1:]
    return logits.masked_fill(logits < min_val, float("-inf")).clamp(max=5.0)


EXPECTED_CAUSE = "the kept values are clamped at 5"
