# MUTANT: a per-token loop fills a torch.zeros weights buffer made without dtype= (float32)
import torch


def route_tokens(router_logits, k):
    num_tokens = router_logits.shape[0]
    experts = torch.zeros(num_tokens, k, dtype=torch.long, device=router_logits.device)
    weights = torch.zeros(num_tokens, k, device=router_logits.device)
    for t in range(num_tokens):
        top, idx = torch.topk(router_logits[t], k)
        experts[t] = idx
        weights[t] = torch.softmax(top, dim=-1)
    return experts, weights


EXPECTED_CAUSE = "no torch.zeros/empty buffer made without dtype="
