# MUTANT: float16/bfloat16 input cast to float32 "for safety" (half input comes back float32)
import torch

EXPECTED_CAUSE = "converts half-precision input"


def split_heads(x, num_heads):
    if x.dtype in (torch.float16, torch.bfloat16):
        x = x.float()
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    return x.view(b, num_tokens, num_heads, head_dim).transpose(1, 2)
