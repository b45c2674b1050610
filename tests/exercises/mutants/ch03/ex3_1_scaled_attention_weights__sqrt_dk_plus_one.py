# MUTANT: divides by sqrt(d_k + 1) (off by one in d_k)
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    attn_scores = keys @ query  # (num_tokens, d_k) @ (d_k,) -> (num_tokens,)
    return torch.softmax(attn_scores / (d_k + 1) ** 0.5, dim=-1)


EXPECTED_CAUSE = 'sqrt(d_k + 1)'
