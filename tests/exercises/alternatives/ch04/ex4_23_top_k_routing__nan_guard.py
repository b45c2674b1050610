# Correct: a NaN guard (a branch on data, which the meta device cannot run), then torch.topk
import torch


def route_tokens(router_logits, k):
    if bool(torch.isnan(router_logits).any()):
        raise ValueError("NaN router scores")
    top, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(top, dim=-1)
