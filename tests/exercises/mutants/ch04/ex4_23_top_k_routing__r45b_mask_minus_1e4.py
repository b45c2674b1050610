# MUTANT: the experts not picked masked with -1e4 (not -inf) before a softmax over all experts, so
# for very negative scores the masked experts take weight
import torch


def route_tokens(router_logits, k):
    experts = torch.topk(router_logits, k, dim=-1).indices
    keep = torch.zeros_like(router_logits, dtype=torch.bool).scatter(-1, experts, True)
    masked = router_logits.masked_fill(~keep, -1e4)
    probs = torch.softmax(masked, dim=-1)
    return experts, probs.gather(-1, experts)


EXPECTED_CAUSE = "masked with -10000, not -inf"
