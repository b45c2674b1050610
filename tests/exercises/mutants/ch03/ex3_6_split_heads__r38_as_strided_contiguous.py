# MUTANT: builds the heads with as_strided from strides that assume a contiguous x with no storage
# offset, so a transposed view or a slice of a larger tensor gives the wrong numbers
import torch


def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    return torch.as_strided(x, (b, num_heads, num_tokens, head_dim),
                            (num_tokens * d_out, head_dim, d_out, 1))


EXPECTED_CAUSE = "reads x's memory layout"
