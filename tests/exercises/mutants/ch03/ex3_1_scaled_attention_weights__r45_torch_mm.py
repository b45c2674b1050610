# MUTANT: torch.mm(keys, query): mm takes two 2-D matrices (the query is 1-D)
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    return torch.softmax(torch.mm(keys, query) / d_k ** 0.5, dim=-1)

EXPECTED_CAUSE = "torch.mm multiplies two 2-D matrices"
