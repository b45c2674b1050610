# Mutant: softmax over probabilities: top-k of the full softmax then a second softmax.
import torch


def route_tokens(router_logits, k):
    probs = torch.softmax(router_logits, dim=-1)
    top, experts = torch.topk(probs, k, dim=-1)
    return experts, torch.softmax(top, dim=-1)


EXPECTED_CAUSE = 'the softmax is taken twice'
