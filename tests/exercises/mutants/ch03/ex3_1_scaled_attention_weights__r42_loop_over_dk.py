# MUTANT: the loop over keys runs over range(keys.shape[1]) (d_k) instead of the number of tokens,
# so only the first d_k keys get a weight
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[1]
    scores = torch.stack([torch.dot(keys[i], query) for i in range(keys.shape[1])])
    return torch.softmax(scores / d_k**0.5, dim=0)


EXPECTED_CAUSE = "a loop over range(keys.shape[1])"  # the check's message must name this
