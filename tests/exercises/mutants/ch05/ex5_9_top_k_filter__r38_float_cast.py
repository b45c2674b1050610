# MUTANT: logits cast with .float() first (float32 result)
import torch


def top_k_filter(logits, top_k):
    logits = logits.float()
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    min_val = top_logits[:, -1:]
    return logits.masked_fill(logits < min_val, float("-inf"))

EXPECTED_CAUSE = "logits.float() before topk"
