# Correct: heads chunked along the features, joined along the tokens, then viewed as (b, num_heads,
# num_tokens, head_dim)
import torch


def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    return torch.cat(x.chunk(num_heads, dim=-1), dim=1).view(b, num_heads, num_tokens, head_dim)
