# MUTANT: the softmax's stability shift written into the caller's scores (router_logits -=
# its row max) before the top-k: the routing is right, but the caller's tensor is changed
import torch


def route_tokens(router_logits, k):
    router_logits -= router_logits.max(dim=-1, keepdim=True).values
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    w = top_logits.exp()
    return experts, w / w.sum(dim=-1, keepdim=True)


EXPECTED_CAUSE = "the max was subtracted in place"
