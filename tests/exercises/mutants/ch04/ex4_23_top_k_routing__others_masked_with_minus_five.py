# MUTANT: the experts outside the top k masked with -5 (not -inf) before a full softmax
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    masked = torch.full_like(router_logits, -5.0).scatter(-1, experts, top_logits)
    return experts, torch.softmax(masked, dim=-1).gather(-1, experts)


EXPECTED_CAUSE = "part of each softmax went to experts outside the k chosen"
