# Correct: top-k of the full softmax, then a softmax of their logs (the same as dividing the k
# probabilities by their sum).
import torch


def route_tokens(router_logits, k):
    probs = torch.softmax(router_logits, dim=-1)
    top_p, experts = torch.topk(probs, k, dim=-1)
    return experts, torch.softmax(torch.log(top_p), dim=-1)
