# MUTANT: the top-k scores divided by k before the softmax
import torch


def route_tokens(router_logits, k):
    top, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(top / k, dim=-1)


EXPECTED_CAUSE = "the scores divided by k"
