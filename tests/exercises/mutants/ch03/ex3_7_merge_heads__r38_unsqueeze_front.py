# MUTANT: the merged result gets an extra unsqueeze(0) in front ("add a batch dim"), shape (1, b,
# num_tokens, d_out)
import torch


def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    merged = context_vec.transpose(1, 2).reshape(b, num_tokens, num_heads * head_dim)
    return merged.unsqueeze(0)


EXPECTED_CAUSE = "extra dimension of size 1 at dim 0"
