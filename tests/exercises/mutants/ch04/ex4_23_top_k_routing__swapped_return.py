# MUTANT: returns (weights, experts).
"""Exercise 4.23 (solution, bonus): route tokens to their top-k experts (mixture of experts)."""

import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    return torch.softmax(top_logits, dim=-1), experts

EXPECTED_CAUSE = 'you returned (weights, experts)'  # named in the message
