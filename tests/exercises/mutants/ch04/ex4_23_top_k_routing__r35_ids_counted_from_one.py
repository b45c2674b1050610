# MUTANT: expert ids counted from 1 (indices + 1)
import torch

EXPECTED_CAUSE = "the ids are counted from 1"


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    return experts + 1, torch.softmax(top_logits, dim=-1)
