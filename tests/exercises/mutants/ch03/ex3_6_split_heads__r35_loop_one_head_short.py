# MUTANT: off-by-one loop range(num_heads - 1) leaves out the last head
import torch


def split_heads(x, num_heads):
    head_dim = x.shape[-1] // num_heads
    heads = [x[..., h * head_dim:(h + 1) * head_dim] for h in range(num_heads - 1)]
    return torch.stack(heads, dim=1)

EXPECTED_CAUSE = "the last head is missing"
