# Mutant: top-k probabilities divided by their total over all tokens.
import torch


def route_tokens(router_logits, k):
    probs = torch.softmax(router_logits, dim=-1)
    w, e = torch.topk(probs, k, dim=-1)
    return e, w / w.sum()


EXPECTED_CAUSE = "divided by their total over ALL tokens"
