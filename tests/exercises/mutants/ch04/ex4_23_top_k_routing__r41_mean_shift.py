# MUTANT: a hand-written softmax shifted by the mean of the k scores, not their max.
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    e = torch.exp(top_logits - top_logits.mean(dim=-1, keepdim=True))
    return experts, e / e.sum(dim=-1, keepdim=True)


EXPECTED_CAUSE = "a shift by less than the token's max"
