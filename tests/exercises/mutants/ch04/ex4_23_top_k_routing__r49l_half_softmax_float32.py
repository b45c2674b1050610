# MUTANT: the softmax of half-precision scores runs in float32 and is never cast back
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    if top_logits.dtype in (torch.float16, torch.bfloat16):
        top_logits = top_logits.float()  # softmax of half types in float32
    return experts, torch.softmax(top_logits, dim=-1)


EXPECTED_CAUSE = "computed in float32 and never cast back"
