# Mutant: top-k chosen by magnitude (abs) instead of value.
import torch


def top_k_filter(logits, top_k):
    top_logits, _ = torch.topk(logits.abs(), top_k, dim=-1)
    min_val = top_logits[:, -1:]  # (batch, 1): keep the dimension so each row uses its own
    return logits.masked_fill(logits.abs() < min_val, float("-inf"))


EXPECTED_CAUSE = 'by magnitude'
