# MUTANT: the k chosen probabilities of a softmax over all experts renormalised with an
# epsilon in the denominator (top / (top.sum() + 1e-6)); with many near-equal experts the
# chosen probabilities sum to only about k / num_experts, so the epsilon shows.
import torch


def route_tokens(router_logits, k):
    probs = torch.softmax(router_logits, dim=-1)
    top_p, experts = torch.topk(probs, k, dim=-1)
    weights = top_p / (top_p.sum(dim=-1, keepdim=True) + 1e-6)
    return experts, weights


EXPECTED_CAUSE = "divided by their sum plus about 1e-06"
