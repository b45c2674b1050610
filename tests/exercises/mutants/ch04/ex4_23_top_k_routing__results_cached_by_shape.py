# MUTANT: results cached in a module dict keyed by (shape, k): stale for new scores
import torch

_SEEN = {}


def route_tokens(router_logits, k):
    key = (tuple(router_logits.shape), k)
    if key not in _SEEN:
        top_logits, experts = torch.topk(router_logits, k, dim=-1)
        _SEEN[key] = (experts, torch.softmax(top_logits, dim=-1))
    return _SEEN[key]


EXPECTED_CAUSE = "keeps state between calls"
