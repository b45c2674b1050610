# MUTANT: squeeze() drops a size-1 batch or head dimension
import torch


def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    return context_vec.transpose(1, 2).reshape(b, num_tokens, num_heads * head_dim).squeeze()


EXPECTED_CAUSE = 'dimension of size 1'  # the check's message must name this
