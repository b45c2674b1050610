# MUTANT: hand-written softmax shifted by the max over dim 0 (per slot), not each token's max
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    e = torch.exp(top_logits - top_logits.max(dim=0, keepdim=True).values)
    return experts, e / e.sum(dim=-1, keepdim=True)


EXPECTED_CAUSE = "each slot's max over the TOKENS"
