# Mutant: experts and weights returned as (k, num_tokens).
import torch


def route_tokens(router_logits, k):
    top, e = torch.topk(router_logits, k, dim=-1)
    return e.T, torch.softmax(top, dim=-1).T


EXPECTED_CAUSE = "(k, num_tokens), transposed"
