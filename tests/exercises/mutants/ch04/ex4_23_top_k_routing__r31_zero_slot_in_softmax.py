# MUTANT: a zero 'no expert' slot joins the softmax over the k scores, then is dropped
import torch


def route_tokens(router_logits, k):
    top, experts = torch.topk(router_logits, k, dim=-1)
    full = torch.softmax(torch.cat((top, torch.zeros_like(top[:, :1])), dim=-1), dim=-1)
    return experts, full[:, :k]


EXPECTED_CAUSE = "holds exactly exp(0) = 1 more than the sum"
