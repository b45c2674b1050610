# MUTANT: topk over dim 0 (tokens).
"""Exercise 4.23 (solution, bonus): route tokens to their top-k experts (mixture of experts)."""

import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=0)
    return experts, torch.softmax(top_logits, dim=-1)

EXPECTED_CAUSE = 'you took the top k over dim 0'  # named in the message
