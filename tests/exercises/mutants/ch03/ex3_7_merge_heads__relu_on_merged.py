# MUTANT: a ReLU applied to the merged vectors
import torch


def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    return torch.relu(context_vec.transpose(1, 2).reshape(b, num_tokens, -1))

EXPECTED_CAUSE = "came back as 0 (a ReLU"
