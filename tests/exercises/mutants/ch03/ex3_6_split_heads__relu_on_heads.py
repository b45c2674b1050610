# MUTANT: a ReLU applied to the heads
import torch


def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    return torch.relu(x.view(b, num_tokens, num_heads, d_out // num_heads).transpose(1, 2))

EXPECTED_CAUSE = "came back as 0 (a ReLU"
