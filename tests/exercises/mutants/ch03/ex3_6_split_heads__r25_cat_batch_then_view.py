# MUTANT: heads joined along the batch, then viewed as (b, num_heads, ...): batch and heads mixed
import torch


def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    return torch.cat(x.chunk(num_heads, dim=-1), dim=0).view(b, num_heads, num_tokens, head_dim)


EXPECTED_CAUSE = 'mixes the sequences of the batch'
