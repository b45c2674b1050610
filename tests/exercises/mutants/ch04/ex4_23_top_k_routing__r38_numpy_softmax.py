# MUTANT: the softmax is computed in numpy and wrapped with torch.tensor (detached)
import numpy as np
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    z = top_logits.detach().cpu().numpy()
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    weights = torch.tensor(e / e.sum(axis=-1, keepdims=True))
    return experts, weights


EXPECTED_CAUSE = "the weights carry no gradient back"
