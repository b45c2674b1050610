# MUTANT: 1e-3 * expert index added to the scores to break ties before the top-k
import torch

EXPECTED_CAUSE = "a bias growing with the expert index"


def route_tokens(router_logits, k):
    jitter = 1e-3 * torch.arange(router_logits.shape[-1], device=router_logits.device)
    _, experts = torch.topk(router_logits + jitter, k, dim=-1)
    top = router_logits.gather(-1, experts)
    return experts, torch.softmax(top, dim=-1)
