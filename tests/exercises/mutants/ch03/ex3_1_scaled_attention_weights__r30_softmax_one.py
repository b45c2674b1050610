# MUTANT: the 'softmax off by one' from a blog: an implicit zero logit, exp / (1 + sum exp), so
# the weights sum below 1
import torch

EXPECTED_CAUSE = "exp(scores) was divided by something other than its sum"


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = keys @ query / d_k**0.5
    zero = torch.zeros(1, dtype=scores.dtype, device=scores.device)
    return torch.softmax(torch.cat([scores, zero]), dim=-1)[:-1]
