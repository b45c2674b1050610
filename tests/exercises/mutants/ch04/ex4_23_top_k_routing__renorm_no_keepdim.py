# Mutant: top-k probabilities divided by a sum without keepdim.
import torch


def route_tokens(router_logits, k):
    probs = torch.softmax(router_logits, dim=-1)
    w, e = torch.topk(probs, k, dim=-1)
    return e, w / w.sum(dim=-1)


EXPECTED_CAUSE = "without keepdim"
