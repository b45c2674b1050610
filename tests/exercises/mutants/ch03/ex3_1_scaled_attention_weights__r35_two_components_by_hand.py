# MUTANT: the dot product is written out for the book's 2 dimensions only (components 0 and 1)
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    scores = keys[:, 0] * query[0] + keys[:, 1] * query[1]
    return torch.softmax(scores / d_k ** 0.5, dim=-1)

EXPECTED_CAUSE = "use only the first 2 number(s)"
