# Correct: a .view(-1, num_experts) on the 2-D scores only keeps their shape, which works on any
#   strides (no dims are merged)
import torch


def route_tokens(router_logits, k):
    scores = router_logits.view(-1, router_logits.shape[-1])
    top_logits, experts = torch.topk(scores, k, dim=-1)
    return experts, torch.softmax(top_logits, dim=-1)
