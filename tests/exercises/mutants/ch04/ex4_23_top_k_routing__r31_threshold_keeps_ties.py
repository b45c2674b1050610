# MUTANT: experts as every score >= the k-th score: more than k when scores tie
import torch


def route_tokens(router_logits, k):

    kth = torch.topk(router_logits, k, dim=-1).values[:, -1:]
    mask = router_logits >= kth
    experts = mask.nonzero()[:, 1].view(router_logits.shape[0], -1)
    weights = torch.softmax(router_logits.gather(-1, experts), dim=-1)
    return experts, weights


EXPECTED_CAUSE = "with a tie at the k-th score"
