# MUTANT: k argmax picks, each masked with 0 (a masked 0 beats negative scores)
import torch

EXPECTED_CAUSE = "got expert 0 more than once"


def route_tokens(router_logits, k):
    scores = router_logits.clone()
    rows = torch.arange(scores.shape[0], device=scores.device)
    experts, values = [], []
    for _ in range(k):
        v, i = scores.max(dim=-1)
        experts.append(i)
        values.append(router_logits[rows, i])
        scores[rows, i] = 0.0
    experts = torch.stack(experts, dim=-1)
    values = torch.stack(values, dim=-1)
    return experts, torch.softmax(values, dim=-1)
