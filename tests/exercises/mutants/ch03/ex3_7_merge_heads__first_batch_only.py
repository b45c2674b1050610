# MUTANT: handles only the first batch element (written for a batch of one)
import torch


def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    merged = context_vec[0].transpose(0, 1).reshape(num_tokens, num_heads * head_dim)
    return merged.unsqueeze(0).expand(b, -1, -1)


EXPECTED_CAUSE = 'only the first sequence'  # the check's message must name this
