# Mutant: top_k clamped to logits.shape[0] (batch size) instead of the vocabulary size
import torch


def top_k_filter(logits, top_k):
    top_k = min(top_k, logits.shape[0])
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    min_val = top_logits[:, -1:]  # (batch, 1): keep the dimension so each row uses its own
    return logits.masked_fill(logits < min_val, float("-inf"))


EXPECTED_CAUSE = 'capped by logits.shape[0]'
