# MUTANT: the k chosen probabilities divided by their max, not their sum
import torch


def route_tokens(router_logits, k):
    probs = torch.softmax(router_logits, dim=-1)
    top, experts = torch.topk(probs, k, dim=-1)
    return experts, top / top.max(dim=-1, keepdim=True).values


EXPECTED_CAUSE = "divided by their MAX, not their sum"
