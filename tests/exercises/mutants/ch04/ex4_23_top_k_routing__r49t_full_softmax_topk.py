# MUTANT: top-k of the full softmax, not renormalised (right only when k == num_experts)
import torch

EXPECTED_CAUSE = "the full softmax's top-k probabilities"


def route_tokens(router_logits, k):
    probs = torch.softmax(router_logits, dim=-1)
    weights, experts = torch.topk(probs, k, dim=-1)
    return experts, weights
