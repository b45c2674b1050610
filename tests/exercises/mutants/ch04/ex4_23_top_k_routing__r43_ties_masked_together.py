# MUTANT: after each pick masks every score equal to the row max (tied experts are all dropped)
import torch

EXPECTED_CAUSE = "every expert with the SAME score was removed"


def route_tokens(router_logits, k):
    scores = router_logits.clone()
    experts, values = [], []
    for _ in range(k):
        v, i = scores.max(dim=-1, keepdim=True)
        experts.append(i)
        values.append(v)
        scores = torch.where(scores == v, torch.full_like(scores, float("-inf")), scores)
    return torch.cat(experts, dim=-1), torch.softmax(torch.cat(values, dim=-1), dim=-1)
