# MUTANT: scores centred by the row mean of all experts, then divided by their std (z-score) first
import torch


def route_tokens(router_logits, k):
    z = (router_logits - router_logits.mean(-1, keepdim=True)) / router_logits.std(-1, keepdim=True)
    top, experts = torch.topk(z, k, dim=-1)
    return experts, torch.softmax(top, dim=-1)


EXPECTED_CAUSE = "by the row's standard deviation over all experts"
