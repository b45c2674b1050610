# MUTANT: the logits are squeezed first, so a batch of one comes back 1-D (vocab_size,)
import torch


def top_k_filter(logits, top_k):
    logits = logits.squeeze()
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    min_val = top_logits[..., -1:]
    return logits.masked_fill(logits < min_val, float("-inf"))

EXPECTED_CAUSE = "batch dimension of size 1 was dropped"
