# MUTANT: an iterative argmax whose mask is made without device= (on the CPU).
import torch


def route_tokens(router_logits, k):
    taken = torch.zeros(router_logits.shape, dtype=torch.bool)
    picks = []
    for _ in range(k):
        scores = router_logits.masked_fill(taken, float("-inf"))
        best = scores.argmax(dim=-1)
        picks.append(best)
        taken = taken | torch.nn.functional.one_hot(best, router_logits.shape[-1]).bool()
    experts = torch.stack(picks, dim=-1)
    top_logits = router_logits.gather(-1, experts)
    return experts, torch.softmax(top_logits, dim=-1)


EXPECTED_CAUSE = "is on the CPU and meets the scores on another device"
