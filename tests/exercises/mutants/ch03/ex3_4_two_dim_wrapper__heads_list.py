# Mutant: returns the wrapper's ModuleList of heads instead of the wrapper.
from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    return MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2).heads


EXPECTED_CAUSE = "the wrapper's list of heads"
