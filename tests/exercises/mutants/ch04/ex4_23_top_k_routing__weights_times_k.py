# MUTANT: weights multiplied by k after the softmax ("so experts keep their scale")
import torch


def route_tokens(router_logits, k):
    top, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(top, dim=-1) * k


EXPECTED_CAUSE = "multiplied by 2 in every token (= k = 2)"
