# Correct: Tensor.topk for the indices, gather the scores, F.softmax
import torch
import torch.nn.functional as F


def route_tokens(router_logits, k):
    experts = router_logits.topk(k, dim=-1).indices
    chosen = torch.gather(router_logits, -1, experts)  # (num_tokens, k)
    return experts, F.softmax(chosen, dim=-1)
