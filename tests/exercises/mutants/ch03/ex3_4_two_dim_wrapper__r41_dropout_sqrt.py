# MUTANT: dropout rate passed through a square root
from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    return MultiHeadAttentionWrapper(d_in, 1, context_length, dropout ** 0.5, num_heads=2)


EXPECTED_CAUSE = "raised to the power 0.5 (a square root)"
