# MUTANT: a k == 1 shortcut makes float32 ones on the scores' device: float64 (or bfloat16)
# scores get float32 weights at k = 1 only
import torch

EXPECTED_CAUSE = "a k == 1 shortcut"


def route_tokens(router_logits, k):
    top, experts = torch.topk(router_logits, k, dim=-1)
    if k == 1:
        return experts, torch.ones(top.shape, dtype=torch.float32, device=top.device)
    return experts, torch.softmax(top, dim=-1)
