# MUTANT: the experts outside the top k masked with 0 (not -inf) before a full softmax
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    masked = torch.zeros_like(router_logits).scatter(-1, experts, top_logits)
    probs = torch.softmax(masked, dim=-1)
    return experts, probs.gather(-1, experts)


EXPECTED_CAUSE = "masked with 0, not -inf"
