# MUTANT: experts sorted but weights left in the old order.
"""Exercise 4.23 (solution, bonus): route tokens to their top-k experts (mixture of experts)."""

import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    return experts.sort(dim=-1).values, torch.softmax(top_logits, dim=-1)

EXPECTED_CAUSE = 'do not line up with the experts'  # named in the message
