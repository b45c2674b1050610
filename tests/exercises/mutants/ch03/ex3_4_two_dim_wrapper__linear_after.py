# Mutant: two heads of d_out=2, then an extra nn.Linear(4, 2) down to 2 dimensions.
import torch.nn as nn

from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    wrapper = MultiHeadAttentionWrapper(d_in, 2, context_length, dropout, num_heads=2)
    return nn.Sequential(wrapper, nn.Linear(4, 2))


EXPECTED_CAUSE = "no projection afterwards"
