# MUTANT: a per-token loop fills torch.zeros buffers made without device= (GPU scores fail)
import torch


def route_tokens(router_logits, k):
    num_tokens = router_logits.shape[0]
    experts = torch.zeros(num_tokens, k, dtype=torch.long)
    weights = torch.zeros(num_tokens, k, dtype=router_logits.dtype)
    for t in range(num_tokens):
        top, idx = torch.topk(router_logits[t], k)
        experts[t] = idx
        weights[t] = torch.softmax(top, dim=-1)
    return experts, weights


EXPECTED_CAUSE = "into a tensor made without device="
