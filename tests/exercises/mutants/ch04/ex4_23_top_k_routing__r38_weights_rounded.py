# MUTANT: the weights are rounded to 2 decimals
import torch


def route_tokens(router_logits, k):
    top, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.round(torch.softmax(top, dim=-1), decimals=2)


EXPECTED_CAUSE = "each number was rounded to 2 decimals"
