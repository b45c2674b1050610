# Mutant: the threshold is top_logits[-1], the last row's k values (shape (k,)).
import torch


def top_k_filter(logits, top_k):
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    min_val = top_logits[-1]
    return logits.masked_fill(logits < min_val, float("-inf"))


EXPECTED_CAUSE = "a row of topk's values"  # named in the message
