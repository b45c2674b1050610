# Correct: a stable descending sort, first k columns; a max-subtracted softmax written out
import torch


def route_tokens(router_logits, k):
    sorted_logits, order = torch.sort(router_logits, dim=-1, descending=True, stable=True)
    top, experts = sorted_logits[:, :k], order[:, :k]
    e = torch.exp(top - top[:, :1])
    return experts, e / e.sum(dim=-1, keepdim=True)
