# Correct: a buffer from torch.zeros_like(x) split by a view (splitting one dim works on any
# strides), filled head by head
import torch


def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    out = torch.zeros_like(x).view(b, num_tokens, num_heads, head_dim).transpose(1, 2)
    for h in range(num_heads):
        out[:, h] = x[:, :, h * head_dim:(h + 1) * head_dim]
    return out
