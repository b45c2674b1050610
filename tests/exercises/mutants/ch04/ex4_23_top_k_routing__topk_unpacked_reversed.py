# MUTANT: unpacks torch.topk as (indices, values); it returns (values, indices).
import torch


def route_tokens(router_logits, k):
    experts, top_scores = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(top_scores.float(), dim=-1)


EXPECTED_CAUSE = "torch.topk returns (values, indices)"
