# Correct: concatenate the heads along the feature dimension (unbind over dim 1, head 0 first)
import torch


def merge_heads(context_vec):
    return torch.cat(context_vec.unbind(dim=1), dim=-1)  # (b, num_tokens, num_heads * head_dim)
