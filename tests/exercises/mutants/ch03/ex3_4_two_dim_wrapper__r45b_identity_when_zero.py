# MUTANT: with dropout 0 the heads' dropout layers are swapped for nn.Identity (not as built)
import torch.nn as nn

from llmscratch import MultiHeadAttentionWrapper

EXPECTED_CAUSE = "swaps them for nn.Identity when the rate is 0"


def make_two_dim_wrapper(d_in, context_length, dropout):
    wrapper = MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2)
    if dropout == 0:
        for head in wrapper.heads:
            head.dropout = nn.Identity()
    return wrapper
