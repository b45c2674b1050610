# MUTANT: experts chosen by the magnitude of the score (abs)
import torch


def route_tokens(router_logits, k):
    experts = torch.topk(router_logits.abs(), k, dim=-1).indices
    top = router_logits.gather(-1, experts)
    return experts, torch.softmax(top, dim=-1)


EXPECTED_CAUSE = "scores of largest MAGNITUDE"
