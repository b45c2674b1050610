# Mutant: torch.topk(router_logits, -1, k): k and dim swapped.
import torch


def route_tokens(router_logits, k):
    top, idx = torch.topk(router_logits, -1, k)
    return idx, torch.softmax(top, -1)


EXPECTED_CAUSE = "k before dim"
