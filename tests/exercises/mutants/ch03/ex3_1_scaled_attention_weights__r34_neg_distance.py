# MUTANT: scores are minus the Euclidean distance between query and each key, not the dot product
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = -(keys - query).norm(dim=-1)
    return torch.softmax(scores / d_k ** 0.5, dim=-1)

EXPECTED_CAUSE = 'minus the distances between the query and the keys'
