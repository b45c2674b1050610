# MUTANT: both results squeezed: with k=1 they lose the k axis.
import torch


def route_tokens(router_logits, k):
    top_scores, experts = torch.topk(router_logits, k, dim=-1)
    return experts.squeeze(), torch.softmax(top_scores, dim=-1).squeeze()


EXPECTED_CAUSE = "with k=1 the k axis is gone"
