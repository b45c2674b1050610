# Mutant: mask inverted: the values above the threshold are masked (logits > min_val).
import torch


def top_k_filter(logits, top_k):
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    min_val = top_logits[:, -1:]  # (batch, 1): keep the dimension so each row uses its own
    return logits.masked_fill(logits > min_val, float("-inf"))


EXPECTED_CAUSE = 'the mask is inverted: the logits ABOVE'
