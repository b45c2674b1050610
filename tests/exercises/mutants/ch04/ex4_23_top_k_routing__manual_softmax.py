# MUTANT: softmax as exp / sum(exp) without the max: overflows.
import torch


def route_tokens(router_logits, k):
    top, experts = torch.topk(router_logits, k, dim=-1)
    e = torch.exp(top)
    return experts, e / e.sum(dim=-1, keepdim=True)


EXPECTED_CAUSE = 'overflows float32'
