# MUTANT: experts picked from scores rounded to bfloat16 (near ties reorder)
import torch


def route_tokens(router_logits, k):
    _, experts = torch.topk(router_logits.to(torch.bfloat16), k, dim=-1)
    top_logits = router_logits.gather(-1, experts)
    return experts, torch.softmax(top_logits, dim=-1)


EXPECTED_CAUSE = "rounded to bfloat16"
