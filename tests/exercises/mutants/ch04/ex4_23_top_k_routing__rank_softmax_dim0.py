# Mutant: experts ranked by a softmax over dim 0 (the tokens).
import torch


def route_tokens(router_logits, k):
    probs = torch.softmax(router_logits, dim=0)
    w, e = torch.topk(probs, k, dim=-1)
    return e, w


EXPECTED_CAUSE = "top k of a softmax over dim 0"
