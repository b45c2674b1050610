# MUTANT: the chosen scores are router_logits[:, experts] (all tokens' experts for every token).
import torch


def route_tokens(router_logits, k):
    experts = torch.topk(router_logits, k, dim=-1).indices
    return experts, torch.softmax(router_logits[:, experts], dim=-1)


EXPECTED_CAUSE = "router_logits[:, experts]"
