# MUTANT: a fixed bias by expert id (0.2 * id) added to the chosen scores before the softmax.
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(top_logits + 0.2 * experts, dim=-1)


EXPECTED_CAUSE = "a fixed amount per expert"
