# MUTANT: weights returned for all experts (softmax of all logits), shape (tokens, experts).
"""Exercise 4.23 (solution, bonus): route tokens to their top-k experts (mixture of experts)."""

import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(router_logits, dim=-1)


EXPECTED_CAUSE = 'softmax over ALL experts'
