# MUTANT: negative scores clamped to 0 before the top-k
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits.clamp(min=0), k, dim=-1)
    return experts, torch.softmax(top_logits, dim=-1)


EXPECTED_CAUSE = "the scores were clamped at 0"
