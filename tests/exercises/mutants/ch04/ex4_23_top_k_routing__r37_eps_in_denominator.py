# MUTANT: a hand-written softmax with 0.1 added to its sum
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    w = torch.exp(top_logits - top_logits.max(-1, keepdim=True).values)
    return experts, w / (w.sum(-1, keepdim=True) + 0.1)


EXPECTED_CAUSE = "a constant added to the softmax's sum"
