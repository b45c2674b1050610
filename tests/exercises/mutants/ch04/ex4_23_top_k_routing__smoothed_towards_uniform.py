# MUTANT: weights smoothed towards uniform, 0.8 * softmax + 0.2 / k
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    return experts, 0.8 * torch.softmax(top_logits, dim=-1) + 0.2 / k


EXPECTED_CAUSE = "yours are FLATTER than the softmax"
