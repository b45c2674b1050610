# MUTANT: weights by rank (k, k - 1, ..., 1), normalised, not by score
import torch


def route_tokens(router_logits, k):
    top, experts = torch.topk(router_logits, k, dim=-1)
    ranks = torch.arange(k, 0, -1, dtype=top.dtype).expand_as(top)
    return experts, ranks / ranks.sum(-1, keepdim=True)


EXPECTED_CAUSE = "they do not depend on the chosen scores"
