# MUTANT: head slices num_heads wide, x[..., h * head_dim:h * head_dim + num_heads]
# (num_heads = head_dim - 1 in the first shape, so only a second shape tells it apart)
import torch


def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    heads = [x[:, :, h * head_dim:h * head_dim + num_heads] for h in range(num_heads)]
    return torch.stack(heads, dim=1)

EXPECTED_CAUSE = "holds num_heads = 3 features instead of head_dim"
