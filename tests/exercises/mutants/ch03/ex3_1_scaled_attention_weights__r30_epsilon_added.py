# MUTANT: an epsilon added to the weights after the softmax ("so no weight is 0 for a later
# log"); no replay matches: the fallback names the constant added
import torch

EXPECTED_CAUSE = "every weight is the right one plus 0.001"


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    return torch.softmax(keys @ query / d_k**0.5, dim=-1) + 1e-3
