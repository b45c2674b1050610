# MUTANT: out_proj replaced by nn.Identity (the wrapper's parameter count, but no wrapper)
import torch.nn as nn

from llmscratch import MultiHeadAttention


def make_gpt2_attention():
    module = MultiHeadAttention(768, 768, 1024, 0.0, 12)
    module.out_proj = nn.Identity()
    return module


EXPECTED_CAUSE = "out_proj is Identity"
