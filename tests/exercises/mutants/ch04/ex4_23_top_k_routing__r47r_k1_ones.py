# MUTANT: a k == 1 shortcut returns torch.ones(num_tokens, 1) as the weights: float32 on the
# CPU whatever the scores' dtype and device (right for float32 CPU scores only)
import torch

EXPECTED_CAUSE = "a k == 1 shortcut"


def route_tokens(router_logits, k):
    if k == 1:
        experts = router_logits.argmax(dim=-1, keepdim=True)
        return experts, torch.ones(router_logits.shape[0], 1)
    top, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(top, dim=-1)
