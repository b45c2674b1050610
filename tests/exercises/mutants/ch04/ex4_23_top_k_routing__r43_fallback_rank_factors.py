# MUTANT: the sorted scores times [1, 2, 2, ...] by rank before the softmax (fallback)
import torch

EXPECTED_CAUSE = "multiplied by a factor of its rank, [1.0, 2.0]"


def route_tokens(router_logits, k):
    top, experts = torch.topk(router_logits, k, dim=-1)
    w = torch.softmax(top * torch.tensor([1.0] + [2.0] * (k - 1)), -1)
    return experts, w
