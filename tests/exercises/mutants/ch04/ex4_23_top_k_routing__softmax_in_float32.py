# MUTANT: the softmax runs in float32 and is cast back: float64 scores lose precision.
import torch


def route_tokens(router_logits, k):
    top_scores, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(top_scores.float(), dim=-1).to(router_logits.dtype)


EXPECTED_CAUSE = "right only to float32's precision"
MIN_MARGIN = 3  # float32 rounding (about 5e-8) against float64's 1e-8 tolerance
