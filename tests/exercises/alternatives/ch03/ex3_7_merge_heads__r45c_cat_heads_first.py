# Correct: heads moved to the front, then joined along the features (head 0's vector first)
import torch


def merge_heads(context_vec):
    # (b, num_heads, num_tokens, head_dim) -> num_heads pieces of (b, num_tokens, head_dim)
    return torch.cat(list(context_vec.transpose(0, 1)), dim=-1)
