# MUTANT: 0.3 * rank added to the top-k scores before the softmax (the fallback reads it back)
import torch


def route_tokens(router_logits, k):
    top, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(top + 0.3 * torch.arange(k), dim=-1)


EXPECTED_CAUSE = "plus a fixed amount per rank"
