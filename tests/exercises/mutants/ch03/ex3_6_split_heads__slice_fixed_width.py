# MUTANT: heads sliced as x[..., h * head_dim:h * head_dim + 2] (a head size of 2 fixed)
import torch


def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    heads = [x[:, :, h * head_dim:h * head_dim + 2] for h in range(num_heads)]
    return torch.stack(heads, dim=1)


EXPECTED_CAUSE = "a head SIZE of 2 is fixed in your code"
