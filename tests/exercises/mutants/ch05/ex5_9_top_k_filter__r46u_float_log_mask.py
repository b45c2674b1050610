# MUTANT: the filter adds the log of a float32 keep-mask (log 1 = 0, log 0 = -inf) to the
#   logits: right values, but float32 for bfloat16 (or float16) logits by type promotion
import torch

EXPECTED_CAUSE = "a float32 tensor was combined with the logits"


def top_k_filter(logits, top_k):
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    keep = logits >= top_logits[:, -1:]
    return logits + keep.float().log()  # log 1 = 0 keeps, log 0 = -inf masks
