# MUTANT: uniform weights 1 / k, the scores never used
import torch


def route_tokens(router_logits, k):
    top, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.full_like(top, 1.0 / k)


EXPECTED_CAUSE = "your weights are the same in every token"
