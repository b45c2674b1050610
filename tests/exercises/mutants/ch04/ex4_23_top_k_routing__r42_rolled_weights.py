# MUTANT: the weights rolled by one token (torch.roll over dim 0); tests the fallback
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(top_logits, dim=-1).roll(1, 0)


EXPECTED_CAUSE = "right weights of another token"
