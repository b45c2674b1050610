# Correct: the others masked with -inf, softmax over all experts, the k gathered.
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    masked = torch.full_like(router_logits, float("-inf")).scatter(-1, experts, top_logits)
    probs = torch.softmax(masked, dim=-1)
    return experts, probs.gather(-1, experts)
