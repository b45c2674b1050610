# Correct: chunk the features into num_heads pieces and stack them on a new head dimension
import torch


def split_heads(x, num_heads):
    head_dim = x.shape[-1] // num_heads
    pieces = torch.split(x, head_dim, dim=-1)  # num_heads x (b, num_tokens, head_dim)
    return torch.stack(pieces, dim=1)  # (b, num_heads, num_tokens, head_dim)
