# MUTANT: the split done under torch.inference_mode(): the heads leave autograd
import torch


def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    with torch.inference_mode():
        return x.view(b, num_tokens, num_heads, d_out // num_heads).transpose(1, 2)

EXPECTED_CAUSE = "torch.inference_mode()"
