# Mutant: one argmax repeated k times (the same expert k times).
import torch


def route_tokens(router_logits, k):
    idx = router_logits.argmax(-1, keepdim=True).repeat(1, k)
    top = torch.gather(router_logits, 1, idx)
    return idx, torch.softmax(top, -1)


EXPECTED_CAUSE = 'more than once'
