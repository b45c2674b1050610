# MUTANT: log_softmax instead of softmax.
"""Exercise 4.23 (solution, bonus): route tokens to their top-k experts (mixture of experts)."""

import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.log_softmax(top_logits, dim=-1)


EXPECTED_CAUSE = 'log_softmax'
