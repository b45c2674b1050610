# Correct: one softmax over every score of every token, then each token's top k renormalised (the
#          global constant cancels)
import torch


def route_tokens(router_logits, k):
    probs = torch.softmax(router_logits.flatten(), dim=0).view_as(router_logits)
    w, experts = torch.topk(probs, k, dim=-1)
    return experts, w / w.sum(dim=-1, keepdim=True)
