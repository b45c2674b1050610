# MUTANT: topk with max(k - 1, 1): off by one, hidden at k=1 by the clamp.
import torch


def route_tokens(router_logits, k):
    top, experts = torch.topk(router_logits, max(k - 1, 1), dim=-1)
    return experts, torch.softmax(top, dim=-1)


EXPECTED_CAUSE = "an off-by-one somewhere, clamped"
