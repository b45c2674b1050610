# Mutant: softmax in float16, cast back to float32.
import torch


def route_tokens(router_logits, k):
    top, idx = torch.topk(router_logits, k, -1)
    return idx, torch.softmax(top.half(), -1).float()


EXPECTED_CAUSE = 'ran in float16'
