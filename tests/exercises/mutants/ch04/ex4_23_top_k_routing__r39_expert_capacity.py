# MUTANT: an expert capacity moves a token to its next-best expert once one is full
import math

import torch


def route_tokens(router_logits, k):
    num_tokens, num_experts = router_logits.shape
    capacity = math.ceil(1.25 * num_tokens * k / num_experts)
    load = [0] * num_experts
    order = torch.argsort(router_logits, dim=-1, descending=True)
    rows = []
    for t in range(num_tokens):
        chosen = []
        for e in order[t].tolist():
            if load[e] < capacity:
                chosen.append(e)
                load[e] += 1
            if len(chosen) == k:
                break
        rows.append(chosen)
    experts = torch.tensor(rows, dtype=torch.long, device=router_logits.device)
    top_logits = router_logits.gather(1, experts)
    return experts, torch.softmax(top_logits, dim=-1)


EXPECTED_CAUSE = "your pick for a token depends on the OTHER tokens"
