# MUTANT: sigmoid gates instead of a softmax over the top k.
"""Exercise 4.23 (solution, bonus): route tokens to their top-k experts (mixture of experts)."""

import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.sigmoid(top_logits)

EXPECTED_CAUSE = 'the weights are sigmoids'  # named in the message
