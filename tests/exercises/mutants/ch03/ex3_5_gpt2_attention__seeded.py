# MUTANT: torch.manual_seed inside the function resets the caller's global RNG
import torch

from llmscratch import MultiHeadAttention


def make_gpt2_attention():
    torch.manual_seed(123)
    return MultiHeadAttention(768, 768, 1024, 0.0, 12, qkv_bias=False)


EXPECTED_CAUSE = 'seeds the random generator itself'
