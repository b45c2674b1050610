# Mutant: a hand-written softmax summed over the whole tensor.
import torch


def route_tokens(router_logits, k):
    top, experts = torch.topk(router_logits, k, dim=-1)
    e = torch.exp(top - top.max())
    return experts, e / e.sum()


EXPECTED_CAUSE = 'runs over the whole (num_tokens, k) tensor'
