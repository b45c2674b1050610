# MUTANT: top-k under torch.no_grad(): weights carry no gradient to the router.
import torch


def route_tokens(router_logits, k):
    with torch.no_grad():
        top_logits, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(top_logits, dim=-1)

EXPECTED_CAUSE = 'the weights carry no gradient back'
