# MUTANT: abs applied to the merged vectors (negative numbers lose their sign)
import torch


def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    return torch.abs(context_vec.transpose(1, 2).reshape(b, num_tokens, -1))

EXPECTED_CAUSE = "lost its sign (abs)"
