# MUTANT: heads sliced as x[..., h:h + head_dim] (start h, not h * head_dim)
import torch


def split_heads(x, num_heads):
    head_dim = x.shape[-1] // num_heads
    return torch.stack([x[..., h:h + head_dim] for h in range(num_heads)], dim=1)

EXPECTED_CAUSE = "head h starts at feature h"
