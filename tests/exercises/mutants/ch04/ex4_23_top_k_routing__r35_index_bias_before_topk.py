# MUTANT: a bias of 0.3 per expert index is added to the scores before the top-k
import torch

EXPECTED_CAUSE = "you picked experts [1, 3], ranked [1, 3] by score"


def route_tokens(router_logits, k):
    biased = router_logits + 0.3 * torch.arange(router_logits.shape[-1])
    top_logits, experts = torch.topk(biased, k, dim=-1)
    return experts, torch.softmax(router_logits.gather(-1, experts), dim=-1)
