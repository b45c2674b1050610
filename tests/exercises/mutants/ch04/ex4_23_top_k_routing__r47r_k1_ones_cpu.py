# MUTANT: a k == 1 shortcut makes ones in the scores' dtype but without device=: on a GPU
# the weights stay on the CPU
import torch

EXPECTED_CAUSE = "a k == 1 shortcut"


def route_tokens(router_logits, k):
    top, experts = torch.topk(router_logits, k, dim=-1)
    if k == 1:
        return experts, torch.ones(top.shape[0], 1, dtype=router_logits.dtype)
    return experts, torch.softmax(top, dim=-1)
