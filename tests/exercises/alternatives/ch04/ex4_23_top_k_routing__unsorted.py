# Correct: torch.topk(sorted=False): the experts in any order, each weight with its expert
import torch


def route_tokens(router_logits, k):
    top, experts = torch.topk(router_logits, k, dim=-1, sorted=False)
    return experts, torch.softmax(top, dim=-1)
