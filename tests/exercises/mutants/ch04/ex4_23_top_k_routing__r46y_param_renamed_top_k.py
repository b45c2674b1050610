# MUTANT: k renamed top_k, so route_tokens(router_logits, k=2) fails
import torch

EXPECTED_CAUSE = "keep the parameter names of the docstring"


def route_tokens(router_logits, top_k):
    top_logits, experts = torch.topk(router_logits, top_k, dim=-1)
    return experts, torch.softmax(top_logits, dim=-1)
