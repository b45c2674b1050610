# Mutant: mask * inf subtraction gives nan (0 * inf) for kept values.
import torch


def top_k_filter(logits, top_k):
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    min_val = top_logits[:, -1:]  # (batch, 1): keep the dimension so each row uses its own
    return logits - (logits < min_val).to(logits.dtype) * float("inf")


EXPECTED_CAUSE = '0 * inf is NaN'
