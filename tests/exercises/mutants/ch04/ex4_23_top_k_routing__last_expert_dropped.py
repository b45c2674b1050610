# MUTANT: the last expert is sliced off before the top-k (router_logits[:, :-1]), so it is never
#         chosen
import torch


def route_tokens(router_logits, k):
    top, experts = torch.topk(router_logits[:, :-1], k, dim=-1)
    return experts, torch.softmax(top, dim=-1)


EXPECTED_CAUSE = "No token got the experts [3]"
