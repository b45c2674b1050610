# MUTANT: the per-token loop runs over range(num_experts) instead of the tokens
import torch

EXPECTED_CAUSE = "a loop over range(num_experts)"


def route_tokens(router_logits, k):
    num_experts = router_logits.shape[1]
    experts, weights = [], []
    for i in range(num_experts):
        top, idx = torch.topk(router_logits[i], k)
        experts.append(idx)
        weights.append(torch.softmax(top, dim=-1))
    return torch.stack(experts), torch.stack(weights)
