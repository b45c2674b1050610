# MUTANT: softmax weights below 0.1 set to 0 and the rest renormalised
import torch


def route_tokens(router_logits, k):
    top, experts = torch.topk(router_logits, k, dim=-1)
    w = torch.softmax(top, dim=-1)
    w = torch.where(w < 0.1, torch.zeros_like(w), w)
    return experts, w / w.sum(-1, keepdim=True)

EXPECTED_CAUSE = "a threshold (small weights dropped)"
