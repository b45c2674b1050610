# Correct: a softmax with the other experts masked to -inf, gathered at the experts
import torch


def route_tokens(router_logits, k):
    experts = torch.topk(router_logits, k, dim=-1).indices
    keep = torch.zeros_like(router_logits, dtype=torch.bool).scatter(-1, experts, True)
    probs = torch.softmax(router_logits.masked_fill(~keep, float("-inf")), dim=-1)
    return experts, probs.gather(-1, experts)
