# MUTANT: weights of negative-score experts set to 0 after the softmax
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(top_logits, dim=-1) * (top_logits > 0)


EXPECTED_CAUSE = "zeroed by the score's sign"
