# MUTANT: slice end (h+1)*head_dim - 1 read as inclusive: each head loses its last feature
import torch


def split_heads(x, num_heads):
    head_dim = x.shape[-1] // num_heads
    heads = [x[..., h * head_dim:(h + 1) * head_dim - 1] for h in range(num_heads)]
    return torch.stack(heads, dim=1)


EXPECTED_CAUSE = 'slice leaves out its end'
