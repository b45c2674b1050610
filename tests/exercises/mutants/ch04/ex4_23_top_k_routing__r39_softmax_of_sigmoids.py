# MUTANT: a softmax over the sigmoids of the k chosen scores, not the raw scores
import torch


def route_tokens(router_logits, k):
    affinities = torch.sigmoid(router_logits)
    top_aff, experts = torch.topk(affinities, k, dim=-1)
    return experts, torch.softmax(top_aff, dim=-1)


EXPECTED_CAUSE = "the softmax runs over the SIGMOIDS"
