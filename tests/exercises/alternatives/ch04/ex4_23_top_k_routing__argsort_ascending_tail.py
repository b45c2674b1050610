# Correct: the tail of an ascending argsort (worst of the k first), weights gathered
import torch


def route_tokens(router_logits, k):
    experts = router_logits.argsort(dim=-1)[:, router_logits.shape[-1] - k:]
    top = router_logits.gather(-1, experts)
    return experts, torch.softmax(top, dim=-1)
