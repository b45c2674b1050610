# Mutant: threshold computed from logits cast to float32 (float64 ties/near values mis-filtered)
import torch


def top_k_filter(logits, top_k):
    top_logits, _ = torch.topk(logits.float(), top_k, dim=-1)
    min_val = top_logits[:, -1:]  # (batch, 1): keep the dimension so each row uses its own
    return logits.masked_fill(logits < min_val, float("-inf"))


EXPECTED_CAUSE = 'computed in float32'
