# MUTANT: heads stacked on dim 2: (b, num_tokens, num_heads, head_dim), the transpose forgotten
import torch


def split_heads(x, num_heads):
    head_dim = x.shape[-1] // num_heads
    return torch.stack([x[..., h * head_dim:(h + 1) * head_dim] for h in range(num_heads)], dim=2)


EXPECTED_CAUSE = 'in the order (0, 1, 2, 3)'
