# MUTANT: k hard-coded to 2.
"""Exercise 4.23 (solution, bonus): route tokens to their top-k experts (mixture of experts)."""

import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, 2, dim=-1)
    return experts, torch.softmax(top_logits, dim=-1)

EXPECTED_CAUSE = 'use the k argument'  # named in the message
