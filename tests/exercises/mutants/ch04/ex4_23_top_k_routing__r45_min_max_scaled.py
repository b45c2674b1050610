# MUTANT: the k chosen scores min-max scaled to [0, 1] before the softmax
import torch


def route_tokens(router_logits, k):
    top, experts = torch.topk(router_logits, k, dim=-1)
    lo = top[:, -1:]
    hi = top[:, :1]
    scaled = (top - lo) / (hi - lo).clamp_min(1e-9)
    return experts, torch.softmax(scaled, dim=-1)

EXPECTED_CAUSE = "a min-max normalisation"
