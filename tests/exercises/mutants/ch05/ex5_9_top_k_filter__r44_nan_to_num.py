# MUTANT: torch.nan_to_num on the logits first: -inf logits of a row filtered before
#   come back finite
import torch

EXPECTED_CAUSE = "came in as -inf"


def top_k_filter(logits, top_k):
    logits = torch.nan_to_num(logits)
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    min_val = top_logits[:, -1:]
    return logits.masked_fill(logits < min_val, float("-inf"))
