# Correct: the other scores set to -inf, a softmax over all experts, the k picked gathered
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    masked = torch.full_like(router_logits, float("-inf")).scatter(-1, experts, top_logits)
    return experts, torch.softmax(masked, dim=-1).gather(-1, experts)
