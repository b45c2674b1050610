# MUTANT: every expert scoring below the k-th score masked with -inf, a softmax over all the
# experts, then the k largest probabilities: with a tie at the k-th score more than k experts
# share the softmax.
import torch


def route_tokens(router_logits, k):
    kth = torch.topk(router_logits, k, dim=-1).values[:, -1:]
    masked = router_logits.masked_fill(router_logits < kth, float("-inf"))
    probs = torch.softmax(masked, dim=-1)
    weights, experts = torch.topk(probs, k, dim=-1)
    return experts, weights


EXPECTED_CAUSE = "softmax over every expert scoring at least the k-th score"
