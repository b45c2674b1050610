# MUTANT: the chosen scores squashed with tanh before the softmax (a "bounded router"), so gaps
# above about 1 are lost
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(torch.tanh(top_logits), dim=-1)


EXPECTED_CAUSE = "squashed by tanh first"
