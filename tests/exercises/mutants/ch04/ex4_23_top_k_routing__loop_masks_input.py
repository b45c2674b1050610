# MUTANT: k argmax picks, each masked with -inf in the caller's router_logits (in place).
import torch


def route_tokens(router_logits, k):
    rows = torch.arange(router_logits.shape[0])
    picks, scores = [], []
    for _ in range(k):
        best = router_logits.argmax(dim=-1)
        picks.append(best)
        scores.append(router_logits[rows, best].clone())
        router_logits[rows, best] = float("-inf")
    experts = torch.stack(picks, dim=-1)
    return experts, torch.softmax(torch.stack(scores, dim=-1), dim=-1)


EXPECTED_CAUSE = "changed router_logits in place"
