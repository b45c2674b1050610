# MUTANT: each expert column centred by its mean over the tokens before the top-k
import torch

EXPECTED_CAUSE = "mean over the tokens was subtracted"


def route_tokens(router_logits, k):
    balanced = router_logits - router_logits.mean(dim=0, keepdim=True)
    top_logits, experts = torch.topk(balanced, k, dim=-1)
    return experts, torch.softmax(top_logits, dim=-1)
