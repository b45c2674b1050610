# Mutant: argsort(descending=True)[:k] keeps k rows (tokens), not k columns.
import torch


def route_tokens(router_logits, k):
    experts = torch.argsort(router_logits, dim=-1, descending=True)[:k]
    top = torch.gather(router_logits, -1, experts)
    return experts, torch.softmax(top, dim=-1)


EXPECTED_CAUSE = 'first k ROWS of the sorted indices'
