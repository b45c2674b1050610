# MUTANT: threshold of row 0 used for every row (top_logits[0, -1])
import torch


def top_k_filter(logits, top_k):
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    min_val = top_logits[0, -1]  # (batch, 1): keep the dimension so each row uses its own
    return logits.masked_fill(logits < min_val, float("-inf"))

EXPECTED_CAUSE = "first row's"
