# MUTANT: a shortcut for k == num_experts returns torch.arange(num_experts) made without
# device=: CPU experts for scores on a GPU (the values are right)
import torch

EXPECTED_CAUSE = "a shortcut for k == num_experts"


def route_tokens(router_logits, k):
    n, e = router_logits.shape
    if k == e:  # every expert is used: no top-k needed
        return torch.arange(e).expand(n, e), torch.softmax(router_logits, dim=-1)
    top, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(top, dim=-1)
