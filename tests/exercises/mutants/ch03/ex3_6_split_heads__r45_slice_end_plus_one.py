# MUTANT: off-by-one slice end: each head takes features h*head_dim to (h+1)*head_dim
# inclusive (one extra feature)
import torch


def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    heads = [x[:, :, h * head_dim:(h + 1) * head_dim + 1] for h in range(num_heads)]
    return torch.stack(heads, dim=1)

EXPECTED_CAUSE = "a slice end one past"
