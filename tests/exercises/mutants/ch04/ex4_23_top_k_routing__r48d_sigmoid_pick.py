# MUTANT: experts ranked by torch.sigmoid(router_logits), which saturates at 1.0 (ties) for
# large scores; the weights are a softmax over the raw chosen scores.
import torch


def route_tokens(router_logits, k):
    _, experts = torch.topk(torch.sigmoid(router_logits), k, dim=-1)
    top_logits = router_logits.gather(-1, experts)
    return experts, torch.softmax(top_logits, dim=-1)


EXPECTED_CAUSE = "top k of torch.sigmoid(router_logits)"
