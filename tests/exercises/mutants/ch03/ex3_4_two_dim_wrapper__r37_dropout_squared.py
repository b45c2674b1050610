# MUTANT: the dropout rate squared ("the rate applies to both heads")
from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    return MultiHeadAttentionWrapper(d_in, 1, context_length, dropout**2, num_heads=2)

EXPECTED_CAUSE = "the rate was squared"
