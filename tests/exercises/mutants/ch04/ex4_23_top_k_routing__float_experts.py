# MUTANT: experts returned as float indices
import torch


def route_tokens(router_logits, k):
    top, experts = torch.topk(router_logits, k, dim=-1)
    return experts.float(), torch.softmax(top, dim=-1)


EXPECTED_CAUSE = 'return integer indices'
