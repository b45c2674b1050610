# MUTANT: scores shifted by the row's minimum and divided by their sum (a linear normalisation, not
#         a softmax)
import torch


def route_tokens(router_logits, k):
    top, experts = torch.topk(router_logits, k, dim=-1)
    shifted = top - router_logits.min(dim=-1, keepdim=True).values
    return experts, shifted / shifted.sum(dim=-1, keepdim=True)


EXPECTED_CAUSE = "minus the token's lowest score"
