# MUTANT: weights = top scores / their sum (no softmax).
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    return experts, top_logits / top_logits.sum(dim=-1, keepdim=True)

EXPECTED_CAUSE = 'chosen scores divided by their sum'
