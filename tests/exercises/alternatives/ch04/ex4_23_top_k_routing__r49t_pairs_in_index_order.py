# Right: the (expert, weight) pairs reordered by expert index, each weight kept with its expert
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    weights = torch.softmax(top_logits, dim=-1)
    experts, order = experts.sort(dim=-1)
    return experts, weights.gather(-1, order)
