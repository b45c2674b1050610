# MUTANT: a shortcut for k == num_experts returns experts in index order with the weights
# in top-k order, so weights and experts no longer pair up
import torch


def route_tokens(router_logits, k):
    if k == router_logits.shape[-1]:
        experts = torch.arange(k).expand(router_logits.shape[0], k)
        return experts, torch.softmax(router_logits.sort(-1, descending=True).values, dim=-1)
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(top_logits, dim=-1)


EXPECTED_CAUSE = "do not line up with the experts"
