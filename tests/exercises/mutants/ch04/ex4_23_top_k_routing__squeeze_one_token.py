# MUTANT: squeezes the scores first, so one token's (1, num_experts) input gives (k,) results.
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits.squeeze(), k, dim=-1)
    return experts, torch.softmax(top_logits, dim=-1)


EXPECTED_CAUSE = "with one token the token axis is gone"
