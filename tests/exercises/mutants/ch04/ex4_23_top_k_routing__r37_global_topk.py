# MUTANT: one top-k of k * num_tokens over the flattened scores, not k per token
import torch


def route_tokens(router_logits, k):
    num_tokens, num_experts = router_logits.shape
    flat_logits, flat_idx = torch.topk(router_logits.flatten(), k * num_tokens)
    experts = (flat_idx % num_experts).view(num_tokens, k)
    top_logits = flat_logits.view(num_tokens, k)
    return experts, torch.softmax(top_logits, dim=-1)


EXPECTED_CAUSE = "a global pick"
