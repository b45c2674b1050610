# Mutant: fills +inf instead of -inf.
import torch


def top_k_filter(logits, top_k):
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    return logits.masked_fill(logits < top_logits[:, -1:], float("inf"))

EXPECTED_CAUSE = 'became +inf, not -inf'
