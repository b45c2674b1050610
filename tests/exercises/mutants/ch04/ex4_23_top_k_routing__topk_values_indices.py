# MUTANT: returns torch.topk's (values, indices) as they are: no softmax, order swapped.
import torch


def route_tokens(router_logits, k):
    return torch.topk(router_logits, k, dim=-1)


EXPECTED_CAUSE = "the first holds the k raw SCORES"
