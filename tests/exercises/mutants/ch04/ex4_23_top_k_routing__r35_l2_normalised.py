# MUTANT: exp of the chosen scores divided by their L2 norm (F.normalize, default p=2)
import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "divided by their L2 norm"


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    e = torch.exp(top_logits - top_logits.max(dim=-1, keepdim=True).values)
    return experts, F.normalize(e, dim=-1)
