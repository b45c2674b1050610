# MUTANT: a penalty of 0.3 per rank subtracted from the chosen scores before the softmax (a made-
# up "diversity" tweak)
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    penalty = 0.3 * torch.arange(k, dtype=top_logits.dtype, device=top_logits.device)
    return experts, torch.softmax(top_logits - penalty, dim=-1)


EXPECTED_CAUSE = "a fixed amount per rank"
