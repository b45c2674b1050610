# MUTANT: torch.dot(keys, query): dot takes two 1-D tensors
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    return torch.softmax(torch.dot(keys, query) / d_k ** 0.5, dim=-1)

EXPECTED_CAUSE = "torch.dot multiplies two 1-D vectors"
