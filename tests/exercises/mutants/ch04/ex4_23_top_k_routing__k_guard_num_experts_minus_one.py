# MUTANT: k guarded as min(k, num_experts - 1): k = num_experts loses one
import torch


def route_tokens(router_logits, k):
    k = min(k, router_logits.shape[-1] - 1)
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(top_logits, dim=-1)


EXPECTED_CAUSE = "only k = num_experts"
