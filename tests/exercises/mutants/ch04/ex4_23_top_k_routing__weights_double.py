# Mutant: weights computed in float64.
import torch


def route_tokens(router_logits, k):
    top, idx = torch.topk(router_logits, k, -1)
    return idx, torch.softmax(top.double(), -1)


EXPECTED_CAUSE = "keep the scores' dtype"
