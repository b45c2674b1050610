# MUTANT: sigmoid scores normalised instead of softmax.
"""Exercise 4.23 (solution, bonus): route tokens to their top-k experts (mixture of experts)."""

import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    s = torch.sigmoid(top_logits)
    return experts, s / s.sum(dim=-1, keepdim=True)


EXPECTED_CAUSE = "sigmoids normalised"
