# MUTANT: divides by sqrt(keys.numel()) = sqrt(num_tokens * d_k)
import torch


def attention_weights_for_query(query, keys):
    d_k = keys.numel()
    attn_scores = keys @ query  # (num_tokens, d_k) @ (d_k,) -> (num_tokens,)
    return torch.softmax(attn_scores / d_k**0.5, dim=-1)


EXPECTED_CAUSE = 'sqrt(keys.numel())'
