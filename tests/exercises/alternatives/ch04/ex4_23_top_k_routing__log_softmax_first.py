# Correct: top-k of the log-probabilities, then a softmax over those k (log_softmax shifts rows)
import torch


def route_tokens(router_logits, k):
    logp = torch.log_softmax(router_logits, dim=-1)
    top, experts = torch.topk(logp, k, dim=-1)
    return experts, torch.softmax(top, dim=-1)
