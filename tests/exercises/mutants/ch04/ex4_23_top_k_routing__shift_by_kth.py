# MUTANT: the chosen scores shifted by the smallest chosen one and divided by their sum (not a
#         softmax)
import torch


def route_tokens(router_logits, k):
    top, experts = torch.topk(router_logits, k, dim=-1)
    shifted = top - top[:, -1:] + 1.0
    return experts, shifted / shifted.sum(dim=-1, keepdim=True)


EXPECTED_CAUSE = "no temperature fits every token"
