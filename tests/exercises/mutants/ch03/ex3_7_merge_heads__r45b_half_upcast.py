# MUTANT: float16/bfloat16 input cast to float32 "for safety" (half input comes back float32)
import torch

EXPECTED_CAUSE = "converts half-precision input"


def merge_heads(context_vec):
    if context_vec.dtype in (torch.float16, torch.bfloat16):
        context_vec = context_vec.float()
    b, num_heads, num_tokens, head_dim = context_vec.shape
    return context_vec.transpose(1, 2).reshape(b, num_tokens, num_heads * head_dim)
