# MUTANT: scores are minus the squared distances, not dot products
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    dist = ((keys - query) ** 2).sum(-1)
    return torch.softmax(-dist / d_k**0.5, dim=-1)


EXPECTED_CAUSE = "squared distances"  # the check's message must name this
