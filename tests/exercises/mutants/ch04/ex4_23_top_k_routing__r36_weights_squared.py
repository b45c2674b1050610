# MUTANT: the softmax weights squared after the softmax (a sharpening step)
import torch

EXPECTED_CAUSE = "to the power 2"


def route_tokens(router_logits, k):
    top, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(top, dim=-1) ** 2
