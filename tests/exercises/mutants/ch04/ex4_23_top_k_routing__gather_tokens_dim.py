# MUTANT: the chosen scores are gathered along dim 0 (the tokens) instead of the experts.
import torch


def route_tokens(router_logits, k):
    experts = torch.topk(router_logits, k, dim=-1).indices
    chosen = router_logits.gather(0, experts)
    return experts, torch.softmax(chosen, dim=-1)


EXPECTED_CAUSE = "the chosen scores are gathered along dim 0"
