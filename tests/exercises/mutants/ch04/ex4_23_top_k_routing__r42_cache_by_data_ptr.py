# MUTANT: results memoised by the tensor's storage address and k; a buffer reused with
# new scores written in place gets the stale routes
import torch

_CACHE = {}


def route_tokens(router_logits, k):
    key = (router_logits.data_ptr(), tuple(router_logits.shape), k)
    if key not in _CACHE:
        top_logits, experts = torch.topk(router_logits, k, dim=-1)
        _CACHE[key] = (experts, torch.softmax(top_logits, dim=-1))
    return _CACHE[key]


EXPECTED_CAUSE = "kept by the tensor's identity"
