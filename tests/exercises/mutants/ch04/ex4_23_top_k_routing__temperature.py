# MUTANT: softmax with temperature 2.
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(top_logits / 2, dim=-1)

EXPECTED_CAUSE = "a constant written in the code"
