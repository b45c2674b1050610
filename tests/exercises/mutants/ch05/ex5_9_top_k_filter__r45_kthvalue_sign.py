# MUTANT: threshold from kthvalue of the negated logits without negating it back (the sign of the
#   threshold is wrong)
import torch


def top_k_filter(logits, top_k):
    min_val = torch.kthvalue(-logits, top_k, dim=-1, keepdim=True).values
    return logits.masked_fill(logits < min_val, float("-inf"))

EXPECTED_CAUSE = "the threshold's sign is"  # named in the message
