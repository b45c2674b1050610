# MUTANT: k clamped to the number of tokens, min(k, router_logits.shape[0])
import torch


def route_tokens(router_logits, k):
    k = min(k, router_logits.shape[0])
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(top_logits, dim=-1)


EXPECTED_CAUSE = "k is cut to the number of TOKENS"
