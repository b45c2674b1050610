# MUTANT: a dropout of 0 is replaced by a default 0.1 (`dropout or 0.1`)
from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    return MultiHeadAttentionWrapper(d_in, 1, context_length, dropout or 0.1, num_heads=2)


EXPECTED_CAUSE = "treats 0.0 as missing"
