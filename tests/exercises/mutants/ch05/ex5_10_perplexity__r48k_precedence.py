# MUTANT: the summed loss written total / b * t (Python divides, then multiplies): exp of the
# mean loss times num_tokens squared, inf on GPT-2's vocabulary
import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "which python reads as (total / batch) * num_tokens"


def perplexity(logits, targets):
    b, t = targets.shape
    total = F.cross_entropy(logits.flatten(0, 1), targets.flatten(), reduction="sum")
    return torch.exp(total / b * t).item()
