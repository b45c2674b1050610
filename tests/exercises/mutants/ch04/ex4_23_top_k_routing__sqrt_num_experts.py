# MUTANT: scores scaled by 1/sqrt(num_experts) before the softmax (attention's habit)
import math

import torch


def route_tokens(router_logits, k):
    top, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(top / math.sqrt(router_logits.shape[-1]), dim=-1)


EXPECTED_CAUSE = "attention's scaling"
