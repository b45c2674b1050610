# MUTANT: topk with k + 1 (off by one).
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k + 1, dim=-1)
    return experts, torch.softmax(top_logits, dim=-1)

EXPECTED_CAUSE = 'always k +1'
