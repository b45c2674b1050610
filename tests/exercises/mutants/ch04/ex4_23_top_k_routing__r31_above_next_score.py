# MUTANT: experts as scores above the (k+1)-th: fewer than k when scores tie
import torch


def route_tokens(router_logits, k):
    if k < router_logits.shape[-1]:
        cut = torch.topk(router_logits, k + 1, dim=-1).values[:, -1:]
    else:
        cut = router_logits.min(dim=-1, keepdim=True).values - 1
    mask = router_logits > cut
    experts = mask.nonzero()[:, 1].view(router_logits.shape[0], -1)
    weights = torch.softmax(router_logits.gather(-1, experts), dim=-1)
    return experts, weights


EXPECTED_CAUSE = "with a tie at the k-th score"
