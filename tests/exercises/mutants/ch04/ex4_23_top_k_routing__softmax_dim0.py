# MUTANT: softmax over dim 0 (tokens).
"""Exercise 4.23 (solution, bonus): route tokens to their top-k experts (mixture of experts)."""

import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(top_logits, dim=0)

EXPECTED_CAUSE = 'the softmax runs over dim 0'  # named in the message
