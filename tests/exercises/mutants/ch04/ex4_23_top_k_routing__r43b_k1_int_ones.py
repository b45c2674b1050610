# MUTANT: a k == 1 shortcut returns torch.ones_like(experts): int64 weights
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    if k == 1:
        return experts, torch.ones_like(experts)
    return experts, torch.softmax(top_logits, dim=-1)

EXPECTED_CAUSE = "integer weights cannot mix experts"
