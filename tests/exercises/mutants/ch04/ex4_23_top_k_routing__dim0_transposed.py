# MUTANT: top-k over dim 0 (the tokens) instead of the experts.
import torch


def route_tokens(router_logits, k):
    top, experts = torch.topk(router_logits, k, dim=0)
    return experts.T, torch.softmax(top.T, dim=-1)


EXPECTED_CAUSE = 'over dim 0'
