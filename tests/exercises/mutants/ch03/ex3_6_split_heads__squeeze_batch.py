# MUTANT: squeeze(0) drops the batch dimension for a batch of one
import torch


def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    x = x.view(b, num_tokens, num_heads, d_out // num_heads).transpose(1, 2)
    return x.squeeze(0)


EXPECTED_CAUSE = 'dropped the batch dimension'  # the check's message must name this
