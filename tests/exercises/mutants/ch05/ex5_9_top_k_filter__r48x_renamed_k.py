# MUTANT: top_k renamed k: right by position, a TypeError by name.
import torch


def top_k_filter(logits, k):
    top_logits, _ = torch.topk(logits, k, dim=-1)
    return logits.masked_fill(logits < top_logits[:, -1:], float("-inf"))


EXPECTED_CAUSE = "keep the parameter names of the docstring"
