# MUTANT: module converted to float64
import torch

from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    return MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2).double()


EXPECTED_CAUSE = "return it as built, in float32"  # the check's message must name this
