# MUTANT: the weights renormalised in place (weights.div_(weights.sum(...))) after the softmax:
# the values are right, but the softmax's saved output changed, so backward fails
import torch

EXPECTED_CAUSE = "changed that tensor in place"


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    weights = torch.softmax(top_logits, dim=-1)
    weights.div_(weights.sum(dim=-1, keepdim=True))  # make sure they sum to 1
    return experts, weights
