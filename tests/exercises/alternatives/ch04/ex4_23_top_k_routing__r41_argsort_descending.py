# Correct: experts from a descending argsort, their scores gathered for the softmax
import torch


def route_tokens(router_logits, k):
    experts = torch.argsort(router_logits, dim=-1, descending=True)[:, :k]
    top_logits = router_logits.gather(-1, experts)
    return experts, torch.softmax(top_logits, dim=-1)
