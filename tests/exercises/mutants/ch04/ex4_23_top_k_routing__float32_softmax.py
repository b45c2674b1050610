# MUTANT: softmax computed in float32 (float64 logits give float32 weights).
import torch


def route_tokens(router_logits, k):
    top, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(top, dim=-1, dtype=torch.float32)


EXPECTED_CAUSE = "keep the scores' dtype"
