# MUTANT: the weights are the softmax of the first k columns, router_logits[:, :k]
import torch

EXPECTED_CAUSE = "softmax of the first k columns"


def route_tokens(router_logits, k):
    experts = torch.topk(router_logits, k, dim=-1).indices
    weights = torch.softmax(router_logits[:, :k], dim=-1)
    return experts, weights
