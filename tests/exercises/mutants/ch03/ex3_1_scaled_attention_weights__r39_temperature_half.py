# MUTANT: an extra temperature 0.5 on top of sqrt(d_k) (equals sqrt(num_tokens * d_k) for 4 keys)
import torch


def attention_weights_for_query(query, keys):
    d_k = query.shape[0]
    return torch.softmax(0.5 * (keys @ query) / d_k ** 0.5, dim=-1)


EXPECTED_CAUSE = "for every d_k tried"
