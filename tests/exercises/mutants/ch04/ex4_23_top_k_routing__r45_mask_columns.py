# MUTANT: k argmax picks, each masking its expert column for every token (scores[:, idx])
import torch


def route_tokens(router_logits, k):
    scores = router_logits.clone()
    picks = []
    for _ in range(k):
        idx = scores.argmax(dim=-1)
        picks.append(idx)
        scores[:, idx] = float("-inf")
    experts = torch.stack(picks, dim=-1)
    weights = torch.softmax(router_logits.gather(-1, experts), dim=-1)
    return experts, weights

EXPECTED_CAUSE = "masks each picked expert for EVERY token"
