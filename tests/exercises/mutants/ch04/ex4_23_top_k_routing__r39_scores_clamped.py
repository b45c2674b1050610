# MUTANT: the chosen scores are clamped to at most 1.5 before the softmax ("for stability")
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(top_logits.clamp(max=1.5), dim=-1)


EXPECTED_CAUSE = "large scores are changed before the softmax"
