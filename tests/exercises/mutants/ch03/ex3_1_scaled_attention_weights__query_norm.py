# MUTANT: divides by the query's norm instead of sqrt(d_k)
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    attn_scores = keys @ query  # (num_tokens, d_k) @ (d_k,) -> (num_tokens,)
    return torch.softmax(attn_scores / query.norm(), dim=-1)


EXPECTED_CAUSE = 'the length of the query'
