# MUTANT: a softmax over the top k + 1 scores, the first k weights kept
import torch


def route_tokens(router_logits, k):
    n = min(k + 1, router_logits.shape[-1])
    top, experts = torch.topk(router_logits, n, dim=-1)
    return experts[:, :k], torch.softmax(top, dim=-1)[:, :k]


EXPECTED_CAUSE = "the softmax ran over the top k + 1 scores"
