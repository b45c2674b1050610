# Mutant: out_proj bias removed (2,359,296 parameters).
import torch.nn as nn

from llmscratch import MultiHeadAttention


def make_gpt2_attention():
    m = MultiHeadAttention(768, 768, 1024, 0.0, 12)
    m.out_proj = nn.Linear(768, 768, bias=False)
    return m

EXPECTED_CAUSE = "out_proj has no bias"
