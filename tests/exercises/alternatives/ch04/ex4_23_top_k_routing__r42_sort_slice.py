# Correct: a descending sort, then the first k columns of the order and of the scores
import torch


def route_tokens(router_logits, k):
    sorted_logits, order = torch.sort(router_logits, dim=-1, descending=True)
    experts = order[:, :k]
    return experts, torch.softmax(sorted_logits[:, :k], dim=-1)
