# MUTANT: rows built per token and joined with torch.stack, which fails on no tokens
import torch


def route_tokens(router_logits, k):
    experts, weights = [], []
    for row in router_logits:
        top, idx = torch.topk(row, k)
        experts.append(idx)
        weights.append(torch.softmax(top, dim=-1))
    return torch.stack(experts), torch.stack(weights)


EXPECTED_CAUSE = "joined with torch.stack, which fails on a list of none"
