# Mutant: threshold taken without keepdim, so it broadcasts across the row instead of per row.
import torch


def top_k_filter(logits, top_k):
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    min_val = top_logits[:, -1]
    return logits.masked_fill(logits < min_val, float("-inf"))

EXPECTED_CAUSE = 'lost their dimension'
