# MUTANT: weights returned with an extra trailing axis, (num_tokens, k, 1)
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(top_logits, dim=-1).unsqueeze(-1)

EXPECTED_CAUSE = "1 extra dims of size 1"
