# MUTANT: heads joined along dim 1, then reshaped
import torch


def merge_heads(context_vec):
    b, h, n, d = context_vec.shape
    return torch.cat(context_vec.unbind(1), dim=1).reshape(b, n, h * d)


EXPECTED_CAUSE = 'reshaped (b, num_heads, num_tokens, head_dim) straight'
