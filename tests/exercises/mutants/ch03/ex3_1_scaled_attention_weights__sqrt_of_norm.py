# MUTANT: divides by sqrt of the query's norm instead of sqrt(d_k)
import torch


def attention_weights_for_query(query, keys):
    return torch.softmax((keys @ query) / query.norm().sqrt(), dim=-1)


EXPECTED_CAUSE = 'you divided the scores by'
