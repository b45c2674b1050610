# MUTANT: the top-k taken over the first 16 experts only (a slice sized for a small MoE)
import torch

EXPECTED_CAUSE = "16 experts seem fixed in your code"


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits[:, :16], k, dim=-1)
    return experts, torch.softmax(top_logits, dim=-1)
