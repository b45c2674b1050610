# MUTANT: elementwise product summed over the tokens (dim 0) instead of over d_k
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = (keys * query).sum(dim=0)
    return torch.softmax(scores / d_k**0.5, dim=-1)


EXPECTED_CAUSE = 'summed over the tokens'  # the check's message must name this
