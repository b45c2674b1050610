# Right: the softmax written by hand, shifted by the first (largest) top-k score: exp(top -
# top[:, :1]) / sum
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    e = torch.exp(top_logits - top_logits[:, :1])
    return experts, e / e.sum(dim=-1, keepdim=True)
