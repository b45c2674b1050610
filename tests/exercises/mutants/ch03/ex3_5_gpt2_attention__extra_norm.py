# Mutant: an extra LayerNorm attached to the module (1,536 parameters more).
import torch.nn as nn

from llmscratch import MultiHeadAttention


def make_gpt2_attention():
    m = MultiHeadAttention(768, 768, 1024, 0.0, 12)
    m.norm = nn.LayerNorm(768)
    return m


EXPECTED_CAUSE = "yours has extra norm.weight (768,)"
