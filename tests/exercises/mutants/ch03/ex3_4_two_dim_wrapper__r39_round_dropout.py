# MUTANT: dropout rounded to one decimal (round(dropout, 1)) "to keep it tidy"
from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    return MultiHeadAttentionWrapper(d_in, 1, context_length, round(dropout, 1), num_heads=2)


EXPECTED_CAUSE = "the rate was rounded"
